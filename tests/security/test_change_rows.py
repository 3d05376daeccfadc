"""The change log's rows in plain SQL are the rows of the ORM's UNION of the history tables."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.core.paginator import Paginator
from django.db.models import CharField, Value
from django.db.models.functions import Cast

from tests.factories import PartnerFactory, SchoolFactory
from trivsel.schools.models import Partner, School
from trivsel.security import history


def orm_union(labels, *, user=None, start=None, end=None):
    """What the change log ran before: the ORM's union() of one values() query per model."""
    parts = []
    for label in labels:
        qs = history.history_model(history.tracked_models()[label]).objects.order_by()
        if user is not None:
            qs = qs.filter(history_user=user)
        if start:
            qs = qs.filter(history_date__date__gte=start)
        if end:
            qs = qs.filter(history_date__date__lte=end)
        parts.append(
            qs.annotate(
                label=Value(label, output_field=CharField()), object_pk=Cast("id", CharField())
            ).values(*history.COLUMNS)
        )
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-history_date", "-history_id")


def _changes(coordinator):
    for i in range(7):
        partner = PartnerFactory(name=f"P{i}")
        partner._history_user = coordinator if i % 2 else None
        partner.name = f"P{i}b"
        partner.save()
        SchoolFactory(name=f"S{i}")
    # 23:30 UTC on 1 March is 00:30 on 2 March in Copenhagen: the day filters are local days
    late = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    Partner.history.filter(name="P3b").update(history_date=late)
    School.history.filter(name="S4").update(history_date=late)


def test_change_rows_are_the_orm_union_for_every_filter(db, coordinator):
    _changes(coordinator)
    every = list(history.tracked_models())
    cases = [
        (every, {}),
        (["schools.partner"], {}),
        (every, {"user": coordinator}),
        (every, {"start": date(2026, 3, 2)}),
        (every, {"end": date(2026, 3, 1)}),
        (every, {"start": date(2026, 3, 2), "end": date(2026, 3, 2), "user": coordinator}),
    ]
    for labels, filters in cases:
        expected = list(orm_union(labels, **filters))
        rows = history.ChangeRows(labels, **filters)
        assert rows.count() == len(expected), filters
        assert rows[0 : len(expected) + 5] == expected, filters
        assert rows[3:6] == expected[3:6], filters
    assert history.ChangeRows(every, start=date(2026, 3, 2), end=date(2026, 3, 2)).count() == 2
    assert history.ChangeRows(every, end=date(2026, 3, 1)).count() == 0


def test_change_rows_page_like_a_queryset(db, coordinator):
    _changes(coordinator)
    labels = list(history.tracked_models())
    pages = Paginator(history.ChangeRows(labels), 4)
    expected = list(orm_union(labels))
    assert pages.count == len(expected)
    assert list(pages.page(2).object_list) == expected[4:8]
    assert list(Paginator(history.ChangeRows([]), 4).page(1).object_list) == []


def test_the_history_manager_class_is_built_once_per_model_and_still_reads_and_writes(db):
    from trivsel.schools.models import Organisation

    first, second = Organisation.history, Organisation.history
    assert first is not second  # a manager per access, as django-simple-history makes them
    assert type(first) is type(second)  # from one class, built once (0.2 ms saved per access)
    organisation = Organisation.objects.create(name="BUPL")
    organisation.name = "BUPL Storkøbenhavn"
    organisation.save()
    assert type(organisation.history) is type(first)
    assert [h.name for h in organisation.history.order_by("history_id")] == [
        "BUPL",
        "BUPL Storkøbenhavn",
    ]
    assert organisation.history.model is Organisation.history.model
