"""The few view building blocks every app uses: an access-checking mixin and scoped generic views.

A view names what it shows (``access_target``: a model or a ``"page:..."`` label) and what it does
(``access_action``); the access module decides. Object lookups go through ``access.get_for_user``.
"""

from __future__ import annotations

from functools import partialmethod

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Model, ProtectedError, RestrictedError
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from .. import access, uniques, versioning
from ..choices import choice_label
from ..locking import LockTimeout


class AccessMixin(LoginRequiredMixin):
    access_target = None  # a model class or a "page:..." label
    access_action = "read"

    def get_access_target(self):
        target = self.access_target or getattr(self, "model", None)
        if target is None:
            raise ImproperlyConfigured(f"{type(self).__name__} names no access_target")
        return target

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not access.can(request.user, self.access_action, self.get_access_target()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# a table of schools: every school of a real municipality (Copenhagen has some 70) on one page
SCHOOLS_A_PAGE = 100


def page_of(items, request, per_page: int) -> dict:
    """``items`` paged as ListView pages its list: the page's ``object_list``, ``page_obj`` and
    ``is_paginated`` for ``portal/pagination.html``."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    return {
        "object_list": page.object_list,
        "page_obj": page,
        "is_paginated": page.has_other_pages(),
    }


class ScopedListView(AccessMixin, generic.ListView):
    """A list of the rows the user may read. The template draws ``rows``, plain values made by
    ``get_rows`` from the page's objects: by default one cell per ``columns`` entry (attribute
    path, heading), the ``link_column``'th linking to the object, and its edit link when it may
    be edited (``portal/object_list.html``)."""

    template_name = "portal/object_list.html"
    paginate_by = 50
    columns: list[tuple[str, str]] = []
    link_column = 0
    create_url_name: str | None = None
    title = ""
    empty_text = ""

    def base_queryset(self):
        return self.model._default_manager.all()

    def get_queryset(self):
        qs = access.scope(self.request.user, self.base_queryset(), "read")
        return access.annotate_can(qs, self.request.user, "edit")

    def get_rows(self, object_list) -> list[dict]:
        if not self.columns:  # a page that draws its own rows
            return []
        return object_rows(object_list, self.columns, self.link_column)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            rows=self.get_rows(ctx["object_list"]),
            title=self.title or self.model._meta.verbose_name_plural.capitalize(),
            columns=self.columns,
            create_url=reverse_lazy(self.create_url_name)
            if self.create_url_name and access.can(self.request.user, "edit", self.model)
            else None,
            empty_text=self.empty_text or _("Der er ingen endnu."),
        )
        return ctx


def object_rows(objects, columns, link_column: int = 0) -> list[dict]:
    """The generic list's rows: ``cells`` as (heading, value, link or None) per column, the
    ``edit_url`` when the object may be edited (``can_edit``) and its ``name`` for screen
    readers."""
    headings = [str(heading) for _path, heading in columns]  # translated once
    rows = []
    for obj in objects:
        url = _lookup(obj, "get_absolute_url")
        cells = [
            (headings[index], cell_value(obj, path), url if index == link_column else None)
            for index, (path, _heading) in enumerate(columns)
        ]
        edit_url = _lookup(obj, "can_edit") and _lookup(obj, "get_edit_url")
        rows.append({"cells": cells, "edit_url": edit_url or "", "name": str(obj)})
    return rows


def _lookup(obj, name: str):
    """``obj.name`` as a template would read it: missing is None, a method is called."""
    value = getattr(obj, name, None)
    return value() if callable(value) else value


def yes_no(value: bool) -> str:
    """A boolean cell: «Ja» or «Nej», in the user's language."""
    return _("Ja") if value else _("Nej")


# (model class, name) → the field name behind its generated get_<name>_display(), True for a
# display method of the model's own, None for none; looked up once per class
_DISPLAY: dict[tuple[type, str], str | bool | None] = {}


def _display(cls: type, part: str) -> str | bool | None:
    key = (cls, part)
    if key not in _DISPLAY:
        name = f"get_{part}_display"
        found = None
        for klass in cls.__mro__:
            if name in vars(klass):
                method = vars(klass)[name]
                field = method.keywords.get("field") if isinstance(method, partialmethod) else None
                found = field.name if field is not None else callable(method) or None
                break
        _DISPLAY[key] = found
    return _DISPLAY[key]


def cell_value(obj, path: str):
    """The value at a dotted ``path`` of ``obj`` («school.name»): a choice's label, a method
    called, «Ja»/«Nej» for a boolean, "" for nothing."""
    value = obj
    for part in path.split("."):
        if value is None:
            return ""
        if isinstance(value, Model):
            display = _display(type(value), part)
            if display is True:
                value = getattr(value, f"get_{part}_display")()
                continue
            if display is not None:
                value = choice_label(value, display)
                continue
        value = getattr(value, part, "")
        if callable(value) and not isinstance(value, Model):
            value = value()
    if isinstance(value, bool):
        return yes_no(value)
    return "" if value is None else value


class ScopedObjectMixin(AccessMixin):
    """Single-object views: the lookup goes through the user's scope for ``object_action``."""

    object_action = "read"

    def get_queryset(self):
        return self.model._default_manager.all()

    def get_object(self, queryset=None):
        return access.get_for_user(
            self.request.user,
            queryset or self.get_queryset(),
            self.object_action,
            pk=self.kwargs["pk"],
        )


class ScopedDetailView(ScopedObjectMixin, generic.DetailView):
    pass


class ScopedFormMixin:
    success_message = ""
    template_name = "portal/object_form.html"
    title = ""
    cancel_url = None
    _posted_form = None

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        self._posted_form = form
        return form

    def post(self, request, *args, **kwargs):
        """A save that meets a unique index because someone saved the same a moment earlier
        (both passed the form's «already exists» check) shows the form again with the error that
        check gives now — never a 500. The save is rolled back with everything it did."""
        try:
            with transaction.atomic():
                return super().post(request, *args, **kwargs)
        except IntegrityError as error:
            form = self._posted_form
            if form is None or not uniques.is_unique_violation(error):
                raise
            form.full_clean()  # its unique checks now see the other writer's committed row
            if not form.errors:
                form.add_error(None, uniques.SAVED_MEANWHILE)
            return self.form_invalid(form)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = self.get_title()
        ctx["cancel_url"] = self.get_cancel_url()
        return ctx

    def get_title(self):
        return self.title

    def get_cancel_url(self):
        return self.cancel_url or self.request.META.get("HTTP_REFERER") or reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.success_message:
            messages.success(self.request, self.success_message.format(object=self.object))
        return response


class ScopedCreateView(ScopedFormMixin, AccessMixin, generic.CreateView):
    access_action = "edit"

    def get_title(self):
        return self.title or _("Ny %(kind)s") % {"kind": self.model._meta.verbose_name}


class VersionCheckMixin:
    """For edit views built on Django's form views: the form carries the record's version, and a
    save is refused when someone saved the record since the form was drawn (``versioning``).
    ``versioned_object()`` is the record whose version guards the page (default ``self.object``;
    None: not created yet). Put it before the generic view in the bases."""

    def versioned_object(self):
        return self.object

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        versioning.add_field(form, self.versioned_object())
        return form

    def post(self, request, *args, **kwargs):
        if not hasattr(self, "object") and hasattr(self, "get_object"):
            self.object = self.get_object()  # as UpdateView (a view's own post() may have it)
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        try:
            with versioning.claimed(form, self.versioned_object()):
                return self.form_valid(form)
        except versioning.EditConflict as conflict:
            conflict.show(form)
        except LockTimeout as error:
            form.add_error(None, str(error))
        return self.form_invalid(form)


class ScopedUpdateView(ScopedFormMixin, ScopedObjectMixin, VersionCheckMixin, generic.UpdateView):
    access_action = "edit"
    object_action = "edit"

    def get_title(self):
        return self.title or _("Redigér %(object)s") % {"object": self.object}


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    access_action = "edit"
    object_action = "edit"
    template_name = "portal/object_confirm_delete.html"
    success_message = gettext_lazy("«{object}» er slettet.")

    protected_message = gettext_lazy(
        "«{object}» kan ikke slettes, fordi andre poster bruger den ({what}). "
        "Fjern eller flyt dem først."
    )

    def form_valid(self, form):
        name = str(self.object)
        response = HttpResponseRedirect(self.get_success_url())
        try:
            with transaction.atomic():
                self.object.delete()
        except (ProtectedError, RestrictedError) as error:
            # still in use (a talk, a course …): a Danish refusal, never a 500
            used_by = getattr(error, "protected_objects", None) or error.restricted_objects
            kinds = sorted({str(o._meta.verbose_name_plural) for o in used_by})
            messages.error(
                self.request, self.protected_message.format(object=name, what=", ".join(kinds))
            )
            return HttpResponseRedirect(self.request.path)
        messages.success(self.request, self.success_message.format(object=name))
        return response


def add_service_errors(form, error, field_map: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError onto the form: on the field it names (renamed through
    ``field_map`` where model and form fields differ), else as a form-wide error."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = (field_map or {}).get(name, name)
            form.add_error(target if target in form.fields else None, errors)
    else:
        form.add_error(None, error)
