"""What a person types: names refuse CPR numbers like any other text, and control characters
never get in (they broke the data-subject export). The walks in ``test_cpr_guard.py`` keep every
later field in line; these are the cases that were found."""

import io
from datetime import date

import pytest
from django.contrib.admin import site
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from conference.forms import ConsentForm, PupilGroupForm, PupilRowForm, SignupForm
from conference.models import Registration
from consultants.forms import ChallengeTagForm
from initiatives.trials.forms import ThemeForm
from tests.conference.factories import EventDayFactory, EventFactory
from tests.factories import OrganisationFactory
from trivsel.schools.fields import CPR_MESSAGE, clean_text
from trivsel.schools.forms.records import (
    OrganisationForm,
    PartnerForm,
    PeriodForm,
    SchoolForm,
    SchoolYearForm,
    StaffForm,
)
from trivsel.schools.forms.users import UserInviteForm, UserUpdateForm
from trivsel.schools.models import User

CPR_TEXT = "Elev 010203-1234"
CONTROL = "".join(chr(i) for i in range(32))


@pytest.mark.parametrize(
    ("form_class", "field"),
    [
        (UserInviteForm, "first_name"),
        (UserInviteForm, "last_name"),
        (UserUpdateForm, "first_name"),
        (UserUpdateForm, "last_name"),
        (StaffForm, "name"),
        (SchoolForm, "name"),
        (PeriodForm, "name"),
        (SchoolYearForm, "name"),
        (OrganisationForm, "name"),
        (PartnerForm, "name"),
        (ThemeForm, "name"),
        (ChallengeTagForm, "name"),
        (SignupForm, "name"),
        (SignupForm, "job_title"),
        (PupilGroupForm, "accompanying_adult"),
        (PupilRowForm, "first_name"),
        (PupilRowForm, "guardian_name"),
        (ConsentForm, "guardian_name"),
    ],
)
def test_it_refuses_a_cpr_number_in_a_name(form_class, field):
    with pytest.raises(ValidationError) as raised:
        form_class.base_fields[field].clean(CPR_TEXT)
    assert raised.value.messages == [str(CPR_MESSAGE)]


@pytest.mark.parametrize(
    "label",
    [
        "schools.User.first_name",
        "schools.User.last_name",
        "schools.Staff.name",
        "schools.School.name",
        "schools.Period.name",
        "schools.SchoolYear.name",
        "schools.Organisation.name",
        "schools.Partner.name",
        "trials.Theme.name",
        "consultants.ChallengeTag.name",
        "conference.Registration.name",
        "conference.Registration.job_title",
        "conference.Registration.guardian_name",
        "conference.Registration.accompanying_adult",
    ],
)
def test_a_service_that_calls_full_clean_refuses_it_too(label):
    from django.apps import apps

    app_label, model, field = label.split(".")
    with pytest.raises(ValidationError):
        apps.get_model(app_label, model)._meta.get_field(field).clean(CPR_TEXT, None)


def test_the_admin_user_form_refuses_a_cpr_number_in_a_name(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    form_class = site._registry[User].get_form(request, superuser)
    for field in ("first_name", "last_name"):
        with pytest.raises(ValidationError):
            form_class.base_fields[field].clean(CPR_TEXT)


# --- control characters ---------------------------------------------------------------------
def test_one_line_text_loses_every_control_character():
    cleaned = clean_text(f"Kontrol{CONTROL}tegn", multiline=False)
    assert cleaned.isprintable()
    assert cleaned.replace(" ", "") == "Kontroltegn"  # line breaks and tabs became spaces


def test_multi_line_text_keeps_line_breaks_and_tabs_only():
    cleaned = clean_text(f"Linje 1{CONTROL}Linje 2\ud800", multiline=True)
    assert cleaned.startswith("Linje 1\t\n") and cleaned.endswith("Linje 2")
    assert {c for c in cleaned if not c.isprintable()} == {"\t", "\n", "\r"}  # \v, \f …: spaces


def test_text_without_control_characters_is_left_as_typed():
    text = "Ærø øl — ✓ 🙂 «citat» 'x' & <y>\u00a0z"
    assert clean_text(text, multiline=False) == text


@pytest.fixture
def open_event(db):
    org = OrganisationFactory(name="BUPL")
    event = EventFactory(organisations=[org], slug="du-og-jeg")
    return event, org, EventDayFactory(event=event, date=date(2024, 3, 5), capacity=5)


def test_the_public_form_cleans_control_characters_out_of_a_name(
    client, open_event, client_for, coordinator
):
    event, org, day = open_event
    response = client.post(
        reverse("conference:signup", kwargs={"slug": event.slug}),
        {
            "name": "Kontrol\x0btegn \x1bNavn",
            "email": "kontrol@rk.dk",
            "organisation": org.pk,
            "job_title": "Lærer\x00\x07",
            "days": [day.pk],
            "dietary_needs": "Vegetar\x1b",
            "accessibility_needs": "",
            "website": "",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(email="kontrol@rk.dk")
    assert (registration.name, registration.job_title) == ("Kontrol tegn Navn", "Lærer")
    assert registration.dietary_needs == "Vegetar"
    export = client_for(coordinator).get(
        reverse("security:subject_email_export"), {"email": "kontrol@rk.dk", "format": "xlsx"}
    )
    assert export.status_code == 200
    book = load_workbook(io.BytesIO(export.content))
    cells = [c.value for row in book["Konferencetilmeldinger"].iter_rows() for c in row]
    assert "Kontrol tegn Navn" in cells
