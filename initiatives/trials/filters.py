"""The trial-action list's filters: theme, school, grade band, status, decision, period or date
range, and a free-text search."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trivsel.schools import access
from trivsel.schools.choices import SearchSelect
from trivsel.schools.models import GRADES_IN_BAND, GradeBand, Period, School

from .models import Decision, Status, Theme, TrialAction

INVALID_MODEL_CHOICE = forms.ModelChoiceField.default_error_messages["invalid_choice"]


def choices_for(user) -> dict[str, list[tuple]]:
    """The filter form's themes, half-years and the schools whose names ``user`` sees."""
    return {
        "themes": list(Theme.objects.order_by("name").values_list("pk", "name")),
        "periods": list(
            Period.objects.order_by("-start").values_list("pk", "name", "start", "end")
        ),
        "schools": list(
            access.scope(user, School.objects.order_by("name"), "names").values_list("pk", "name")
        ),
    }


def _choice(**kwargs):
    """A select of model rows: its options are set per request from ``choices_for``."""
    return django_filters.ChoiceFilter(choices=(), widget=SearchSelect, **kwargs)


class TrialActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Søg"))
    theme = _choice(field_name="themes", label=_("Tema"))
    school = _choice(field_name="school", label=_("Skole"))
    grade_band = django_filters.ChoiceFilter(
        choices=GradeBand.choices, method="filter_band", label=_("Klassetrin")
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    decision = django_filters.ChoiceFilter(choices=Decision.choices, label=_("Beslutning"))
    period = _choice(method="filter_period", label=_("Halvår"))
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
        user = self.request.user if self.request is not None else None
        self.choices = choices_for(user)
        fields = self.form.fields
        fields["theme"].choices = self.choices["themes"]
        fields["school"].choices = self.choices["schools"]
        fields["period"].choices = [
            (pk, name) for pk, name, _start, _end in self.choices["periods"]
        ]
        for name in ("theme", "school", "period"):  # the message a model choice had
            fields[name].error_messages["invalid_choice"] = INVALID_MODEL_CHOICE
        for field in fields.values():
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
        start, end = next((s, e) for pk, _n, s, e in self.choices["periods"] if str(pk) == value)
        return queryset.filter(start__lte=end, end__gte=start)
