"""The trial-action list's filters: theme, school, grade band, status, decision, period or date
range, and a free-text search."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trivsel.schools import access
from trivsel.schools.models import GRADES_IN_BAND, GradeBand, Period, School

from .models import Decision, Status, Theme, TrialAction


def _schools(request):
    if request is None:
        return School.objects.none()
    return access.scope(request.user, School.objects.all(), "names").order_by("name")


class TrialActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Søg"))
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", queryset=Theme.objects.order_by("name"), label=_("Tema")
    )
    school = django_filters.ModelChoiceFilter(queryset=_schools, label=_("Skole"))
    grade_band = django_filters.ChoiceFilter(
        choices=GradeBand.choices, method="filter_band", label=_("Klassetrin")
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    decision = django_filters.ChoiceFilter(choices=Decision.choices, label=_("Beslutning"))
    period = django_filters.ModelChoiceFilter(
        queryset=Period.objects.order_by("-start"), method="filter_period", label=_("Halvår")
    )
    date_from = django_filters.DateFilter(
        field_name="end",
        lookup_expr="gte",
        label=_("Fra dato"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="start",
        lookup_expr="lte",
        label=_("Til dato"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = TrialAction
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        q = Q()
        for field in ("title", "aim", "activities", "learned", "continuation", "school__name"):
            q |= Q(**{f"{field}__icontains": value})
        return queryset.filter(q)

    def filter_band(self, queryset, name, value):
        """Actions for the whole band, or for a class in it (one subquery, no duplicate rows)."""
        grades = list(GRADES_IN_BAND[GradeBand(value)])
        in_classes = TrialAction.classes.through.objects.filter(
            schoolclass__grade__in=grades
        ).values("trialaction_id")
        return queryset.filter(Q(grade_bands__contains=value) | Q(pk__in=in_classes))

    def filter_period(self, queryset, name, value):
        """Actions that overlap the half-year."""
        return queryset.filter(start__lte=value.end, end__gte=value.start)
