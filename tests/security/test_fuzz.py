"""Robustness under bad input: hypothesis posts generated data — empty, huge, wrong types,
unicode, HTML/script tags, SQL fragments, and now and then valid choices — to EVERY form of the
portal, found by walking the URL resolver (through the access matrix's rows and world), as an
actor whose role may use the form. Never a 500, never a saved object that fails its own
validation, never a script tag echoed unescaped.

CI profile: derandomised, FUZZ_EXAMPLES (default 25) examples per form, no deadline.
"""

from __future__ import annotations

import os

import pytest
from django import forms
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
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
