"""The coordinators' change log: who created, changed or deleted which record, when, across every
model with a change history; filters for kind, user and dates. Never free-text contents."""

from __future__ import annotations

from django import forms
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from trivsel.schools.choices import LabelFieldChoiceField
from trivsel.schools.models import User
from trivsel.schools.views.base import AccessMixin

from . import history

ACTIONS = {"+": gettext_lazy("oprettet"), "~": gettext_lazy("ændret"), "-": gettext_lazy("slettet")}


class ChangeLogFilter(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Type"), required=False)
    user = LabelFieldChoiceField(
        label=gettext_lazy("Bruger"),
        required=False,
        queryset=User.objects.order_by("username"),
        label_field="username",
    )
    start = forms.DateField(
        label=gettext_lazy("Fra dato"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=gettext_lazy("Til dato"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = {
            label: str(model._meta.verbose_name).capitalize()
            for label, model in history.tracked_models().items()
        }
        self.fields["kind"].choices = [("", "---------")] + sorted(
            self.kinds.items(), key=lambda kv: kv[1]
        )
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"


def page_number(paginator: Paginator, number) -> int:
    """The page ``Paginator.get_page(number)`` would show: the first for a non-number, the last
    for one past the end."""
    try:
        return paginator.validate_number(number)
    except PageNotAnInteger:
        return 1
    except EmptyPage:
        return paginator.num_pages


class ChangeLogView(AccessMixin, TemplateView):
    access_target = "page:changelog"
    template_name = "security/changelog.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        request = self.request
        form = ChangeLogFilter(request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        change_rows = history.ChangeRows(
            [data["kind"]] if data.get("kind") else list(form.kinds),
            user=data.get("user"),
            start=data.get("start"),
            end=data.get("end"),
        )
        paginator = Paginator(change_rows, self.paginate_by)
        number = page_number(paginator, request.GET.get("page"))
        rows = self.rows(form, change_rows, number)
        # the page's rows as prepared (Paginator.page() would read them again)
        page = Page(rows, number, paginator)
        ctx.update(
            title=_("Ændringslog"),
            filter_form=form,
            rows=rows,
            page_obj=page,
            is_paginated=page.paginator.num_pages > 1,
            empty_text=_("Ingen ændringer matcher filtret."),
        )
        return ctx

    def rows(self, form: ChangeLogFilter, change_rows, number: int) -> list[dict]:
        """One page of changes: when (local time), who, which record, what was done and the
        changed fields (values only where they may be shown)."""
        start = (number - 1) * self.paginate_by
        rows = change_rows[start : start + self.paginate_by]
        changes, usernames = history.details_for(rows)
        system = _("(systemet)")
        return [
            {
                "when": f"{localtime(row['history_date']):%d.%m.%Y %H:%M}",
                "user": usernames.get(row["history_user_id"]) or system,
                "object_label": f"{form.kinds.get(row['label'], row['label'])} #{row['object_pk']}",
                "action": ACTIONS.get(row["history_type"], row["history_type"]),
                "changes": [
                    {
                        "field": capfirst(str(change.field)),
                        "shown": change.old is not None,
                        "old": change.old or "–",
                        "new": change.new or "–",
                    }
                    for change in changes.get((row["label"], row["history_id"]), [])
                ],
            }
            for row in rows
        ]
