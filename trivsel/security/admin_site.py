"""The Django admin as no back door: superusers need their second factor (or a single sign-on
login), sensitive free text (``trivsel.schools.privacy``) is hidden from every registered
admin — forms, lists, searches, filters and the change history — whichever app registers it,
and stored files appear only as links to their download views (which ask the access module)."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.contrib.admin.options import InlineModelAdmin
from django.db.models import FileField
from django.utils.html import format_html
from django.utils.translation import gettext_lazy
from django_otp.admin import OTPAdminSite
from simple_history.template_utils import HistoricalRecordContextHelper

from trivsel.schools import privacy

from .login import is_strong

HIDDEN = "(skjult)"


class _HiddenTextHistoryHelper(HistoricalRecordContextHelper):
    hidden: frozenset = frozenset()

    def prepare_delta_change_value(self, change, value):
        if change.field in self.hidden:
            return HIDDEN
        return super().prepare_delta_change_value(change, value)


def _without(names, hidden):
    if not names:
        return names
    kept = []
    for name in names:
        bare = name if isinstance(name, str) else None
        if bare is not None and bare.lstrip("^=@").split("__")[0] in hidden:
            continue
        kept.append(name)
    return type(names)(kept) if isinstance(names, list | tuple) else kept


def hide_sensitive(admin_obj) -> list[str]:
    """Strips the sensitive fields of the admin's model from every place the admin shows fields.
    Works on ModelAdmin and inline instances alike; returns the hidden field names."""
    hidden = set(privacy.sensitive_fields(admin_obj.model))
    if not hidden:
        return []
    admin_obj.exclude = tuple(sorted(set(admin_obj.exclude or ()) | hidden))
    for attr in ("fields", "readonly_fields", "search_fields", "list_display", "list_filter"):
        value = getattr(admin_obj, attr, None)
        if value:
            setattr(admin_obj, attr, _without(value, hidden))
    if getattr(admin_obj, "list_display", None) == ():
        admin_obj.list_display = ("__str__",)
    if getattr(admin_obj, "fieldsets", None):
        admin_obj.fieldsets = [
            (title, {**opts, "fields": _without(opts.get("fields", ()), hidden)})
            for title, opts in admin_obj.fieldsets
        ]
    if hasattr(admin_obj, "get_historical_record_context_helper"):
        helper = type("HiddenHelper", (_HiddenTextHistoryHelper,), {"hidden": frozenset(hidden)})
        admin_obj.get_historical_record_context_helper = lambda request, record: helper(
            admin_obj.model, record
        )
    admin_obj.sensitive_hidden = sorted(hidden)
    return sorted(hidden)


def _download_link(obj):
    files = [getattr(obj, f.name) for f in obj._meta.get_fields() if isinstance(f, FileField)]
    if not obj.pk or not any(files):
        return "-"
    name = PurePosixPath(next(f for f in files if f).name).name
    return format_html('<a href="{}">{}</a>', obj.get_download_url(), name)


_download_link.short_description = gettext_lazy("fil")


def link_stored_files(admin_obj) -> None:
    """A model's stored files are shown as a link to its download view, never as their storage
    path; they are uploaded and generated through the portal (which checks them), not here."""
    names = {f.name for f in admin_obj.model._meta.get_fields() if isinstance(f, FileField)}
    if not names or getattr(admin_obj, "files_linked", False):
        return
    admin_obj.exclude = tuple(sorted(set(admin_obj.exclude or ()) | names))
    admin_obj.readonly_fields = (*(admin_obj.readonly_fields or ()), _download_link)
    admin_obj.has_add_permission = lambda request, obj=None: False
    admin_obj.files_linked = True


class PortalAdminSite(OTPAdminSite):
    site_header = "Trivselsportalen — administration"
    site_title = "Trivselsportalen"
    index_title = "Teknisk administration"

    def __init__(self, name="admin"):
        super().__init__(name)

    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_staff and is_strong(request))

    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, admin_class, **options)
        models = (
            model_or_iterable
            if isinstance(model_or_iterable, list | tuple)
            else [model_or_iterable]
        )
        for model in models:
            admin_obj = self._registry.get(model)
            if admin_obj is not None:
                hide_sensitive(admin_obj)
                link_stored_files(admin_obj)
                admin_obj.get_inline_instances = _hiding_inlines(admin_obj.get_inline_instances)


def _hiding_inlines(get_inline_instances):
    def wrapped(request, obj=None):
        instances = get_inline_instances(request, obj)
        for inline in instances:
            if isinstance(inline, InlineModelAdmin):
                hide_sensitive(inline)
                link_stored_files(inline)
        return instances

    return wrapped
