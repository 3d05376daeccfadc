"""Limits — a model field that something is counted or summed against (a budget, a capacity,
seats, places, a maximum amount) — are edited only through a service that takes the lock the
commitments take, recounts and refuses a value below what is committed, with a Danish message
saying how much is (each proven in its app's tests, named below). The walk fails on a field that
looks like a limit and is in neither table, and the Django admin shows every limit read-only on
an existing row (it would save past the service)."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory

LIMITS = {
    # limit: what is counted against it — the service that edits it; the test that proves it
    "openschool.Programme.budget": "approved amounts — programme_update; test_budget_edit.py",
    "conference.Event.capacity": "people with a confirmed day — event_save; test_capacity_edit.py",
    "conference.EventDay.capacity": "confirmed places — event_save; test_capacity_edit.py",
    "griefgroups.Course.seats": "confirmed nominations — course_update; test_limit_edits.py",
    "griefgroups.GriefGroup.places": "pupils present at a meeting — griefgroup_update; "
    "test_limit_edits.py",
    # maximum amounts that do not say so in their names
    "openschool.Application.amount": "the approved amount — editable only while nothing is "
    "approved (application_update, row locked) and a CheckConstraint",
    "openschool.Application.approved_amount": "a report's spent amount — set once by "
    "allocation_approve, never edited (read-only in the admin)",
}

NOT_LIMITS = {
    "griefgroups.Evaluation.places": "a snapshot of the group's places when it was evaluated",
}

LOOKS_LIKE_A_LIMIT = re.compile(r"capacity|budget|seats|places|^max_|limit|quota|ceiling")


def _fields():
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            yield f"{model._meta.app_label}.{model.__name__}.{field.name}", model, field


def test_every_field_that_looks_like_a_limit_is_declared():
    found = {label for label, _model, field in _fields() if LOOKS_LIKE_A_LIMIT.search(field.name)}
    undeclared = found - set(LIMITS) - set(NOT_LIMITS)
    assert not undeclared, (
        f"{sorted(undeclared)}: a limit? Edit it through a service that locks and refuses a value "
        "below what is committed, and add it to LIMITS (or to NOT_LIMITS, saying why)"
    )


def test_every_declared_field_exists():
    labels = {label for label, _model, _field in _fields()}
    assert set(LIMITS) | set(NOT_LIMITS) <= labels


@pytest.mark.django_db
def test_the_admin_shows_every_limit_read_only_on_an_existing_row(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    checked = 0
    for label, model, field in _fields():
        if label not in LIMITS:
            continue
        model_admin = admin.site._registry.get(model)
        if model_admin is not None:
            existing = model()  # an existing row as far as the admin's question goes
            readonly = model_admin.get_readonly_fields(request, existing)
            assert field.name in readonly, f"{label} is editable in the admin"
            checked += 1
        for parent in admin.site._registry.values():
            for inline in parent.get_inline_instances(request):
                if inline.model is model:
                    # a parent that exists: its inline rows are not changed in the admin
                    assert not inline.has_change_permission(request, parent.model()), label
    assert checked >= 4


@pytest.mark.django_db
def test_the_admin_change_pages_show_the_limits_without_an_input(client_for, superuser):
    from django.urls import reverse

    from conference import services
    from tests.conference.factories import EventDayFactory, EventFactory

    event = EventFactory(capacity=50)
    day = EventDayFactory(event=event, capacity=40)
    registration = services.registration_create(
        event=event,
        name="Anne",
        email="anne@rk.dk",
        organisation=event.organisations.first(),
        days=[day],
    )
    client = client_for(superuser)
    for obj, limit in ((event, 'name="capacity"'), (registration, 'name="bookings-0-status"')):
        meta = obj._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert limit not in page and 'name="days-0-capacity"' not in page
