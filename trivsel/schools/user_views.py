"""User administration in the portal: the list of logins the asker manages, invitations, role and
school changes, deactivation. Thin views: access through ``access``, writes through
``user_services``."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.hashers import is_password_usable
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Value
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import generic

from . import access, user_services
from .models import User
from .user_forms import UserFilterForm, UserInviteForm, UserUpdateForm
from .views_base import AccessMixin, ScopedListView, ScopedObjectMixin, VersionCheckMixin

LIST_URL = reverse_lazy("schools:user_list")


def _add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError onto the form: per field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class UserListView(ScopedListView):
    model = User
    access_action = "edit"
    template_name = "schools/users/user_list.html"
    paginate_by = 50

    @cached_property
    def filter_form(self):
        return UserFilterForm(self.request.GET or None, actor=self.request.user)

    def get_queryset(self):
        user = self.request.user
        users = access.scope(user, User.objects.all(), "read")
        if access.filter_q(user, User, "edit") is None:  # may edit every login
            users = users.annotate(can_edit=Value(True))
        else:
            # whether each row may be edited, in the same query (an EXISTS, so the many-to-many
            # path of the access rule cannot multiply the rows)
            editable = access.scope(user, User.objects.filter(pk=OuterRef("pk")), "edit")
            users = users.annotate(can_edit=Exists(editable))
        return self.filter_form.filter(users).order_by("first_name", "last_name", "username")

    def paginate_queryset(self, queryset, page_size):
        # the page reads the columns its rows show, as plain values (UserRow)
        return super().paginate_queryset(queryset.values_list(*UserRow.FIELDS), page_size)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows = [UserRow(*values) for values in ctx["object_list"]]
        ctx.update(
            object_list=_with_school_names(rows),
            title=_("Brugere"),
            filter_form=self.filter_form,
            is_filtered=any(self.request.GET.get(key) for key in ("q", "role", "school")),
            create_url=reverse("schools:user_invite"),
        )
        return ctx


class UserRow:
    """What the user list's rows (``user_rows``) read of a login, from plain values: the
    attributes and methods of ``User`` they use, without building a User per row."""

    FIELDS = (
        "pk",
        "first_name",
        "last_name",
        "username",
        "email",
        "role",
        "is_active",
        "password",
        "last_login",
        "can_edit",
    )
    __slots__ = (*FIELDS, "school_names")

    def __init__(self, *values):
        for name, value in zip(self.__slots__, values, strict=False):
            setattr(self, name, value)

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()  # AbstractUser.get_full_name

    def __str__(self) -> str:
        return self.get_full_name() or self.username  # User.__str__

    def has_usable_password(self) -> bool:
        return is_password_usable(self.password)

    def get_role_display(self) -> str:
        return _role_labels().get(self.role, self.role)


def _role_labels() -> dict[str, str]:
    """``User.get_role_display()`` per role (``choice_label``), in the active language."""
    return {value: str(label) for value, label in User._meta.get_field("role").flatchoices}


def _with_school_names(users: list) -> list:
    """Sets ``school_names`` (sorted) on each user, in one query: names, not a School and a
    related manager per row."""
    names = defaultdict(list)
    if users:
        pairs = (
            User.schools.through.objects.filter(user__in=[user.pk for user in users])
            .order_by("school__name")
            .values_list("user_id", "school__name")
        )
        for user_id, name in pairs:
            names[user_id].append(name)
    for user in users:
        user.school_names = names[user.pk]
    return users


class UserFormView(generic.FormView):
    template_name = "schools/users/user_form.html"
    success_url = LIST_URL

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "cancel_url": LIST_URL}


class UserInviteView(AccessMixin, UserFormView):
    access_target = User
    access_action = "edit"
    form_class = UserInviteForm

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Invitér bruger"),
            "submit_label": _("Send invitation"),
            "intro": _(
                "Brugeren får en e-mail med et link, hvor de vælger deres adgangskode. "
                "Linket virker i tre dage."
            ),
        }

    def form_valid(self, form):
        try:
            user = user_services.user_invite(invited_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Invitationen er sendt til %(name)s (%(email)s).")
            % {"name": user, "email": user.email},
        )
        return super().form_valid(form)


class UserObjectMixin(ScopedObjectMixin):
    """One login the asker may edit: 404 when they may not see it, 403 when not edit it."""

    model = User
    access_action = "edit"
    object_action = "edit"

    def get_queryset(self):
        return User.objects.prefetch_related("schools")

    @cached_property
    def object(self):
        return self.get_object()

    def done(self, text: str):
        messages.success(self.request, text)
        return HttpResponseRedirect(LIST_URL)

    def refused(self, error: ValidationError):
        for text in error.messages:
            messages.error(self.request, text)
        return HttpResponseRedirect(LIST_URL)


class UserUpdateView(UserObjectMixin, VersionCheckMixin, UserFormView):
    form_class = UserUpdateForm

    def get_initial(self):
        user = self.object
        return {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "role": user.role,
            "schools": list(user.schools.all()),
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Redigér %(name)s") % {"name": self.object},
            "object": self.object,
        }

    def form_valid(self, form):
        try:
            user = user_services.user_update(
                changed_by=self.request.user, user=self.object, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        return self.done(_("%(name)s er gemt.") % {"name": user})


class UserReinviteView(UserObjectMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            user = user_services.user_reinvite(invited_by=request.user, user=self.object)
        except ValidationError as error:
            return self.refused(error)
        return self.done(
            _("En ny invitation er sendt til %(name)s (%(email)s).")
            % {"name": user, "email": user.email}
        )


class UserDeactivateView(UserObjectMixin, generic.TemplateView):
    template_name = "schools/users/user_confirm_deactivate.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "object": self.object,
            "title": _("Deaktivér %(name)s") % {"name": self.object},
            "problem": user_services.deactivation_problem(
                actor=self.request.user, user=self.object
            ),
            "cancel_url": LIST_URL,
        }

    def post(self, request, *args, **kwargs):
        try:
            user = user_services.user_deactivate(deactivated_by=request.user, user=self.object)
        except ValidationError as error:
            return self.refused(error)
        return self.done(
            _("%(name)s er deaktiveret og kan ikke længere logge ind.") % {"name": user}
        )


class UserActivateView(UserObjectMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            user = user_services.user_activate(activated_by=request.user, user=self.object)
        except ValidationError as error:
            return self.refused(error)
        return self.done(_("%(name)s er aktiveret igen og kan logge ind.") % {"name": user})
