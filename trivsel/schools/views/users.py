"""User administration in the portal: the list of logins the asker manages, invitations, role and
school changes, deactivation. Thin views: access through ``access``, writes through
``services.users``."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.hashers import is_password_usable
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Value
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views import generic

from .. import access
from ..forms.users import UserFilterForm, UserInviteForm, UserUpdateForm
from ..links import row_url
from ..models import User
from ..services import users as user_services
from .base import AccessMixin, ScopedListView, ScopedObjectMixin, VersionCheckMixin

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
        # the page reads the columns its rows show, as plain values
        return super().paginate_queryset(queryset.values(*USER_FIELDS), page_size)

    def get_rows(self, object_list) -> list[dict]:
        return user_rows(list(object_list), me=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            title=_("Brugere"),
            filter_form=self.filter_form,
            is_filtered=any(self.request.GET.get(key) for key in ("q", "role", "school")),
            create_url=reverse("schools:user_invite"),
        )
        return ctx


USER_FIELDS = (
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


def user_rows(users: list[dict], *, me) -> list[dict]:
    """The user list's rows: name (the full name, else the username), e-mail, role, schools,
    status (``active``, ``invited`` — no password chosen yet — or ``deactivated``), last login
    in local time, and the links of the actions the reader may take. The schools' names in one
    query for the page."""
    names: dict[int, list[str]] = defaultdict(list)
    if users:
        for user_id, name in (
            User.schools.through.objects.filter(user__in=[u["pk"] for u in users])
            .order_by("school__name")
            .values_list("user_id", "school__name")
        ):
            names[user_id].append(name)
    roles = {value: str(label) for value, label in User._meta.get_field("role").flatchoices}
    urls = {action: row_url(f"schools:user_{action}") for action in USER_ACTIONS}
    rows = []
    for u in users:
        pk, invited = u["pk"], not is_password_usable(u["password"])
        status = "deactivated" if not u["is_active"] else "invited" if invited else "active"
        may_edit = u["can_edit"]
        rows.append(
            {
                "pk": pk,
                "name": f"{u['first_name']} {u['last_name']}".strip() or u["username"],
                "email": u["email"],
                "role": roles.get(u["role"], u["role"]) or "—",
                "schools": ", ".join(names[pk]) or "—",
                "status": status,
                "last_login": f"{localtime(u['last_login']):%d.%m.%Y %H:%M}"
                if u["last_login"]
                else "",
                "edit_url": urls["update"](pk) if may_edit else "",
                "reinvite_url": urls["reinvite"](pk) if may_edit and status == "invited" else "",
                "deactivate_url": urls["deactivate"](pk)
                if may_edit and u["is_active"] and pk != me.pk
                else "",
                "activate_url": urls["activate"](pk) if may_edit and not u["is_active"] else "",
            }
        )
    return rows


USER_ACTIONS = ("update", "reinvite", "deactivate", "activate")


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
