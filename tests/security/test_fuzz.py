"""Robustness under bad input: hypothesis posts generated data — empty, huge, wrong types,
unicode, HTML/script tags, SQL fragments, and now and then valid choices — to EVERY form of the
portal, found by walking the URL resolver (through the access matrix's rows and world), as an
actor whose role may use the form. Never a 500, never a saved object that fails its own
validation, never a script tag echoed unescaped.

The JSON endpoints get the same: the tablets' sync API is posted generated JSON (wrong types,
unknown fields, nested objects, huge and unreadable bodies) and always answers JSON, never a 500;
the public conference sign-up is posted generated data as the anonymous public, and every
registration it saves passes its own validation and goes into the data-subject export.

CI profile: derandomised, FUZZ_EXAMPLES (default 25) examples per form, no deadline.
"""

from __future__ import annotations

import json
import os
import unicodedata

import pytest
from django import forms
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.access_matrix import MATRIX
from tests.conftest import login
from tests.test_access_matrix import url_names, world  # noqa: F401 - the matrix's world fixture
from trivsel.schools import versioning

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
SCRIPT = "<script>alert('x')</script>"
NASTY = [
    "",
    " ",
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE schools_school; --",
    "1 OR 1=1",
    "Ærø øl på Åen — ✓ 🙂",
    "\u202e\u200b",
    "x" * 5000,
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "NaN",
    "2024-02-30",
    "15-01-2024",
    "2024-01-15",
    "010203-1234",  # a CPR number: must be refused, never saved
    "on",
    "null",
    "Kontrol\x0btegn \x1bNavn",  # control characters: cleaned, never stored or exported
    "".join(chr(i) for i in range(32)),
    "\x00",
]
# Pages whose POST is not a form to fuzz: logging in/out, language, CSP reports, 2FA, SSO,
# data-subject erasure (it would erase the actor's test world).
SKIP = {
    "login",
    "logout",
    "set_language",
    "csp_report",
    "password_reset",
    "password_reset_confirm",
    "security:otp_verify",
    "security:otp_enrol",
    "security:sso_start",
    "security:sso_callback",
    "security:subject_erase",
    "security:subject_email_erase",
}
PREFERRED_ACTORS = ("coordinator", "leader_a", "staff_a", "consultant", "conference_admin")


def value_strategy(field):
    options = [st.sampled_from(NASTY), st.text(max_size=40)]
    choices = getattr(field, "choices", None)
    if choices is not None:
        values = [str(v) for v, _label in list(choices)[:30] if v not in ("", None)]
        values = [getattr(v, "value", v) for v in values]
        if values:
            if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
                options.append(st.lists(st.sampled_from(values), max_size=3))
            else:
                options.extend([st.sampled_from(values)] * 2)
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        options.append(st.integers(-(10**12), 10**12).map(str))
    if isinstance(field, forms.DateField):
        options.append(st.dates().map(lambda d: d.isoformat()))
    return st.one_of(options)


def form_targets(the_world):
    """(url name, url, actor, form) for every URL that shows a form to some actor."""
    clients = {}
    for name in sorted(url_names()):
        row = MATRIX[name]
        if name in SKIP:
            continue
        codes = row.codes("a")
        actor = next((a for a in PREFERRED_ACTORS if codes[a] == 200), None)
        if actor is None:
            continue
        url = reverse(name, kwargs=row.args(the_world, "a") if row.args else None)
        client = clients.setdefault(actor, login(Client(), the_world.actors[actor]))
        response = client.get(url)
        form = (response.context or {}).get("form") if response.status_code == 200 else None
        if isinstance(form, forms.BaseForm) and b'method="post"' in response.content:
            yield name, url, client, form


def check_saved_rows(model):
    bad = []
    for obj in model._default_manager.all()[:300]:
        try:
            obj.full_clean(validate_unique=False, validate_constraints=False)
        except Exception as error:  # noqa: BLE001 - collected and reported
            bad.append(f"{model._meta.label} #{obj.pk}: {error}")
    return bad


def fuzz_form(name, url, client, form):
    fields = {
        form.add_prefix(field_name): value_strategy(field)
        for field_name, field in form.fields.items()
        if field_name != versioning.FIELD
    }
    model = getattr(getattr(form, "_meta", None), "model", None)
    # an edit form carries the record's version: send the current one, or every example after
    # the first save would only be refused as out of date (trivsel/schools/versioning.py)
    versioned = getattr(form, "versioned", None) if versioning.FIELD in form.fields else None

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.fixed_dictionaries(fields))
    def post(data):
        if versioning.FIELD in form.fields:
            current = versioning.current_version(versioned) if versioned is not None else 0
            data = {**data, form.add_prefix(versioning.FIELD): str(current or 0)}
        # each example in its own savepoint: a failure cannot poison the next one
        with transaction.atomic():
            response = client.post(url, data)  # an exception in the view fails the test
        assert response.status_code < 500, f"{name}: {response.status_code} for {data!r}"
        body = response.content.decode(errors="replace")
        assert SCRIPT not in body, f"{name}: a script tag came back unescaped"
        if isinstance(model, type) and issubclass(model, models.Model):
            bad = check_saved_rows(model)
            assert not bad, f"{name}: {bad}"

    post()


@pytest.mark.django_db
def test_every_form_survives_generated_input(world):  # noqa: F811
    fuzzed = []
    for name, url, client, form in form_targets(world):
        fuzz_form(name, url, client, form)
        fuzzed.append(name)
    print(f"fuzzed {len(fuzzed)} forms × {EXAMPLES} examples")
    # the walk found the portal's forms (a guard against a silently empty walk)
    assert len(fuzzed) >= 20, fuzzed
    assert "schools:school_create" in fuzzed and "schools:staff_update" in fuzzed


# --- the JSON endpoints and the public form ------------------------------------------------------
JSON_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(NASTY),
    st.sampled_from(["2023-05-30", "2023-02-30", "09:00", "25:61", "", "observation", "held"]),
)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)
SYNC_FIELDS = (
    "school",
    "school_class",
    "date",
    "start_time",
    "duration_minutes",
    "kind",
    "status",
    "participants",
    "observation",
    "tags",
    "shared_with_leadership",
    "follow_ups",
)


def sync_bodies(the_world):
    """A valid entry with some of its fields replaced by generated JSON, an unknown field now
    and then, or a body that is no entry at all."""
    base = {
        "school": the_world.school_a.pk,
        "date": "2023-05-30",
        "kind": "observation",
        "status": "held",
    }
    entry = st.builds(
        lambda uuid, changes, extra: json.dumps({"uuid": str(uuid), **base, **changes, **extra}),
        st.uuids(),
        st.dictionaries(st.sampled_from(SYNC_FIELDS), JSON_VALUE, max_size=4),
        st.dictionaries(st.sampled_from(["colour", "uuid", ""]), JSON_VALUE, max_size=1),
    ).map(str.encode)
    unreadable = st.one_of(
        st.binary(max_size=200),
        JSON_VALUE.map(lambda v: json.dumps(v).encode()),
        st.just(b'{"uuid": "\\ud800", "observation": "\\ud800"}'),
        st.just(b"{" * 5000),
    )
    return st.one_of(entry, entry, unreadable)


@pytest.mark.django_db
def test_the_sync_api_answers_generated_json_with_json_never_a_500(world):  # noqa: F811
    from consultants.models import Activity

    client = login(Client(), world.actors["consultant"])
    url = reverse("consultants:sync")

    @settings(
        max_examples=EXAMPLES * 4,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(body=sync_bodies(world))
    def post(body):
        with transaction.atomic():
            response = client.post(url, data=body, content_type="application/json")
        assert response.status_code in (200, 201, 400, 409, 413), (response.status_code, body)
        assert response["Content-Type"] == "application/json", body
        response.json()

    post()
    assert check_saved_rows(Activity) == []


@pytest.mark.django_db
def test_the_public_signup_survives_generated_input_and_its_rows_export(
    world,  # noqa: F811
    settings,
):
    from conference.forms import SignupForm
    from conference.models import Registration
    from trivsel.security import subjects

    settings.CONFERENCE_SIGNUP_RATE_LIMIT = "off"  # one client posts them all
    event = world.event
    url = reverse("conference:signup", kwargs={"slug": event.slug})
    form = SignupForm(event=event)
    fields = {name: value_strategy(field) for name, field in form.fields.items()}
    fields["email"] = st.one_of(
        st.emails().map(str.lower), st.sampled_from(NASTY), st.just("kontrol@rk.dk")
    )
    fields["organisation"] = st.sampled_from([str(o.pk) for o in event.organisations.all()])
    fields["days"] = st.just([str(world.event_day.pk)])
    fields["website"] = st.just("")
    client = Client()
    before = set(Registration.objects.values_list("pk", flat=True))

    @hypothesis_settings(
        max_examples=EXAMPLES * 2,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.fixed_dictionaries(fields))
    def post(data):
        with transaction.atomic():
            response = client.post(url, data)
        assert response.status_code < 500, data
        assert SCRIPT not in response.content.decode(errors="replace")

    post()
    assert check_saved_rows(Registration) == []
    saved = list(Registration.objects.exclude(pk__in=before))
    assert saved, "the fuzzer saved no sign-up at all"
    for registration in saved:
        typed = registration.name + registration.job_title + registration.dietary_needs
        assert not [c for c in typed if unicodedata.category(c) == "Cc"], registration.pk
        data = subjects.collect(subjects.Person(email=registration.email))
        assert subjects.as_xlsx(data)
