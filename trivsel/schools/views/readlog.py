"""The coordinators' page of the read log: filters (user, record kind, school, dates) and pages,
in a fixed number of queries however long the log is."""

from __future__ import annotations

import django_filters
from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import access
from ..choices import LabelFieldChoiceField, labels
from ..models import ReadLogEntry, ReadPurpose, School, User
from .base import ScopedListView


def _kind_label(app_label: str, model_name: str) -> str:
    """A content type's label: its model's name («Aktivitet»), as ``ContentType.model_class``
    finds the model."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return model_name
    return str(model._meta.verbose_name).capitalize()


class _LabelFieldFilter(django_filters.ModelChoiceFilter):
    field_class = LabelFieldChoiceField  # a select of a hundred users without a hundred models


class ReadLogFilter(django_filters.FilterSet):
    user = _LabelFieldFilter(
        queryset=User.objects.order_by("username"),
        label_field="username",
        label=gettext_lazy("Bruger"),
    )
    content_type = _LabelFieldFilter(
        # only the kinds that are in the log (one query with a subquery)
        queryset=ContentType.objects.filter(
            pk__in=ReadLogEntry.objects.order_by().values("content_type").distinct()
        ).order_by("model"),
        label_field=("app_label", "model"),
        label_from_values=_kind_label,
        label=gettext_lazy("Type"),
    )
    school = _LabelFieldFilter(
        queryset=School.objects.order_by("name"), label_field="name", label=gettext_lazy("Skole")
    )
    start = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__gte",
        label=gettext_lazy("Fra dato"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__lte",
        label=gettext_lazy("Til dato"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = ReadLogEntry
        fields = ["user", "content_type", "school", "start", "end"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"


class ReadLogListView(ScopedListView):
    model = ReadLogEntry
    template_name = "schools/readlog_list.html"
    paginate_by = 50
    title = gettext_lazy("Læselog")

    def get_queryset(self):
        entries = access.scope(self.request.user, ReadLogEntry.objects.all(), "read")
        self.filterset = ReadLogFilter(self.request.GET or None, queryset=entries)
        # the columns shown, as plain values (the kind is in object_label)
        return self.filterset.qs.values("at", "username", "object_label", "purpose", "school__name")

    def get_rows(self, object_list) -> list[dict]:
        public_link = _("(offentligt link)")
        purposes = labels(ReadPurpose.choices)
        return [
            {
                "at": f"{localtime(e['at']):%d.%m.%Y %H:%M}",
                "user": e["username"] or public_link,
                "object_label": e["object_label"],
                "purpose": purposes.get(e["purpose"], e["purpose"]),
                "school": e["school__name"] or "",
            }
            for e in object_list
        ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filter"] = self.filterset
        ctx["empty_text"] = _("Ingen læsninger matcher filtret.")
        return ctx
