"""The coordinators' change log: who created, changed or deleted which record, when, across every
model with a change history; filters for kind, user and dates. Never free-text contents."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from trivsel.schools.choices import LabelFieldChoiceField
from trivsel.schools.models import User
from trivsel.schools.views_base import AccessMixin

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


class ChangeLogView(AccessMixin, TemplateView):
    access_target = "page:changelog"
    template_name = "security/changelog.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = ChangeLogFilter(self.request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        labels = [data["kind"]] if data.get("kind") else list(form.kinds)
        change_rows = history.ChangeRows(
            labels, user=data.get("user"), start=data.get("start"), end=data.get("end")
        )
        page = Paginator(change_rows, self.paginate_by).get_page(self.request.GET.get("page"))
        rows = list(page.object_list)
        changes, usernames = history.details_for(rows)
        for row in rows:
            row["kind"] = form.kinds.get(row["label"], row["label"])
            row["object_label"] = f"{row['kind']} #{row['object_pk']}"
            row["action"] = ACTIONS.get(row["history_type"], row["history_type"])
            row["username"] = usernames.get(row["history_user_id"], "")
            row["changes"] = changes.get((row["label"], row["history_id"]), [])
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(
            title=_("Ændringslog"),
            filter_form=form,
            rows=rows,
            page_obj=page,
            is_paginated=page.paginator.num_pages > 1,
            query=query.urlencode(),
            empty_text=_("Ingen ændringer matcher filtret."),
        )
        return ctx
