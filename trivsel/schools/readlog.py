"""The read log: who read which sensitive record, when, and why (ARCHITECTURE.md, data rules).

Sensitive records — consultants' observations, grief groups, minors' registrations — are logged
each time someone opens them::

    from trivsel.schools import readlog

    readlog.log_read(request.user, activity, "view")       # anywhere; returns the entry

    class ActivityDetailView(readlog.ReadLoggedMixin, ScopedDetailView):
        model = Activity                                     # logged in get_object()
        read_purpose = "view"                                # default: "edit" on edit views

    @readlog.read_logged("pdf")                              # a selector (user first) returning
    def get_group(user, pk): ...                             # the object: the read is logged

    readlog.log_reads(user, registrations, "export")         # a list/export: one bulk insert

An entry stores the user (and a copy of the username, kept when the login is deleted), the time,
the record's kind and id, a label such as «Aktivitet #12» — never the record's text — a short
purpose (``ReadPurpose`` values, or another short string) and the record's school, found through
the access TABLE's school path. Coordinators see the log at ``schools:readlog_list``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import translation
from django.views.generic.edit import DeletionMixin, ModelFormMixin

from . import access
from .models import ReadLogEntry, ReadPurpose

__all__ = ["ReadLoggedMixin", "ReadPurpose", "log_read", "log_reads", "read_logged"]


def log_read(user, obj: Model, purpose: str) -> ReadLogEntry:
    """Records that ``user`` (None/anonymous for a public link) read ``obj`` for ``purpose``."""
    return log_reads(user, [obj], purpose)[0]


def log_reads(user, objects: Iterable[Model], purpose: str) -> list[ReadLogEntry]:
    """``log_read`` for many records of one kind (a list or an export), in one insert."""
    objects = list(objects)
    if not objects:
        return []
    model = type(objects[0])
    content_type = ContentType.objects.get_for_model(model)  # cached after the first call
    schools = _school_ids(model, objects)
    if not getattr(user, "is_authenticated", False):
        user = None
    with translation.override(settings.LANGUAGE_CODE):  # the log speaks Danish, like its readers
        kind = str(model._meta.verbose_name).capitalize()
    entries = [
        ReadLogEntry(
            user=user,
            username=user.get_username() if user else "",
            content_type=content_type,
            object_id=obj.pk,
            object_label=f"{kind} #{obj.pk}"[:120],
            purpose=str(purpose)[:40],
            school_id=schools.get(obj.pk),
        )
        for obj in objects
    ]
    return ReadLogEntry.objects.bulk_create(entries)


def _school_ids(model, objects: list[Model]) -> dict:
    """{pk: school id} through the access TABLE's school path (none for kinds without one)."""
    try:
        path = access.rule_for(model).school
    except LookupError:
        return {}
    if path is None:
        return {}
    if path == "":  # the record is a school
        return {obj.pk: obj.pk for obj in objects}
    if "__" not in path:
        field = model._meta.get_field(path)
        if field.many_to_one or field.one_to_one:  # a foreign key: no query
            return {obj.pk: getattr(obj, field.attname) for obj in objects}
    found: dict = {}
    rows = model._default_manager.filter(pk__in=[o.pk for o in objects]).values_list("pk", path)
    for pk, school_id in rows.order_by("pk", path):
        found.setdefault(pk, school_id)  # through a many-relation: the first school
    return found


class ReadLoggedMixin:
    """For DetailView/UpdateView/DeleteView: logs the object when the view fetches it.
    ``read_purpose`` defaults to "edit" on editing views and "view" elsewhere."""

    read_purpose: str | None = None

    def get_read_purpose(self) -> str:
        if self.read_purpose:
            return self.read_purpose
        if isinstance(self, ModelFormMixin | DeletionMixin):
            return ReadPurpose.EDIT.value
        return ReadPurpose.VIEW.value

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        log_read(self.request.user, obj, self.get_read_purpose())
        return obj


def read_logged(purpose: str):
    """Decorator for a selector ``f(user, ...) -> object``: logs the read of what it returns."""

    def decorator(func):
        @functools.wraps(func)
        def wrapper(user, *args, **kwargs):
            obj = func(user, *args, **kwargs)
            if obj is not None:
                log_read(user, obj, purpose)
            return obj

        return wrapper

    return decorator
