"""The coordinators' change log: who created, changed or deleted which record, when, across every
model with a change history; filters for kind, user and dates. Never free-text contents."""

from __future__ import annotations

from html import escape as esc

from django import forms
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from trivsel.schools.choices import LabelFieldChoiceField
from trivsel.schools.models import User
from trivsel.schools.views_base import AccessMixin

from . import caching, history

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


ROW = """<tr>
    <td>{date}</td>
    <td>{user}</td>
    <td>{label}</td>
    <td>{action}</td>
    <td>{changes}</td>
  </tr>"""
CHANGE = "<div><strong>{field}</strong>{values}</div>"


def _capfirst(text: str) -> str:
    return text and text[0].upper() + text[1:]


def row_html(row: dict, labels: dict[str, str]) -> SafeString:
    """One change as the table row the template wrote before (``|date:"d.m.Y H:i"`` in local
    time, ``|default``, ``|capfirst``), every value escaped."""
    changes = []
    for change in row["changes"]:
        if change.old is not None:
            values = f": {esc(str(change.old or '–'))} → {esc(str(change.new or '–'))}"
        else:
            values = labels["free_text"]
        changes.append(CHANGE.format(field=esc(_capfirst(str(change.field))), values=values))
    return mark_safe(  # every value is escaped
        ROW.format(
            date=f"{localtime(row['history_date']):%d.%m.%Y %H:%M}",
            user=esc(row["username"] or labels["system"]),
            label=esc(row["object_label"]),
            action=esc(str(row["action"])),
            changes="".join(changes),
        )
    )


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
    """The change log. A page's count and rows, and the unfiltered filter form, are cached
    (``caching``: every new history row bumps them) per filters, page and language: the UNION
    over 40-odd history tables costs PostgreSQL more to plan than to run."""

    access_target = "page:changelog"
    template_name = "security/changelog.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        request = self.request
        form = ChangeLogFilter(request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        labels = [data["kind"]] if data.get("kind") else list(form.kinds)
        user = data.get("user")
        change_rows = history.ChangeRows(
            labels, user=user, start=data.get("start"), end=data.get("end")
        )
        filters = (
            data.get("kind") or "",
            user.pk if user else "",
            data.get("start"),
            data.get("end"),
        )

        def count_per_table() -> list[int]:
            change_rows.count()
            return change_rows.counts or []  # None: no tables to count

        change_rows.counts = caching.data.cached(
            "changelog-counts", count_per_table, *filters, request=request
        )
        paginator = Paginator(change_rows, self.paginate_by)
        number = page_number(paginator, request.GET.get("page"))
        rows = caching.data.cached(
            "changelog-rows",
            lambda: self.rows(form, change_rows, number),
            *filters,
            number,
            language=True,
            request=request,
        )
        # the page's rows as written (Paginator.page() would read them from the database)
        page = Page(rows, number, paginator)
        query = request.GET.copy()
        query.pop("page", None)
        ctx.update(
            title=_("Ændringslog"),
            filter_form=form,
            filter_fields=self.filter_fields(form),
            rows=rows,
            page_obj=page,
            is_paginated=page.paginator.num_pages > 1,
            query=query.urlencode(),
            empty_text=_("Ingen ændringer matcher filtret."),
        )
        return ctx

    def rows(self, form: ChangeLogFilter, change_rows, number: int) -> list[SafeString]:
        start = (number - 1) * self.paginate_by
        rows = change_rows[start : start + self.paginate_by]
        changes, usernames = history.details_for(rows)
        labels = {
            "system": _("(systemet)"),
            "free_text": f' <span class="text-body-secondary">{esc(_("(fritekst ændret)"))}</span>',
        }
        for row in rows:
            row["kind"] = form.kinds.get(row["label"], row["label"])
            row["object_label"] = f"{row['kind']} #{row['object_pk']}"
            row["action"] = ACTIONS.get(row["history_type"], row["history_type"])
            row["username"] = usernames.get(row["history_user_id"], "")
            row["changes"] = changes.get((row["label"], row["history_id"]), [])
        return [row_html(row, labels) for row in rows]

    def filter_fields(self, form: ChangeLogFilter) -> str:
        """The filter form's fields; the unfiltered page's are the same for everyone (its user
        select lists every login)."""

        def render():
            return render_to_string("security/_changelog_filters.html", {"filter_form": form})

        if self.request.GET:
            return render()
        return caching.data.cached(
            "changelog-filter-form", render, language=True, request=self.request
        )
