"""Action buttons that lose a race: a service's refusal (``ValidationError``) or a lock that was
not free in time (``LockTimeout``) is answered with the page and a Danish message — by the view
where it knows how (the status note's «Gør endelig»), and otherwise by the net under every view
(``RefusedWriteMiddleware``): back to the page the button was on, or a page of its own. Never a
500."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.statusnote.factories import StatusNoteFactory
from trivsel.schools.locking import LockTimeout
from trivsel.schools.views import school_years as school_year_views
from trivsel.statusnote import services as note_services
from trivsel.statusnote.models import NoteStatus

pytestmark = pytest.mark.django_db

BUSY = "Systemet er optaget lige nu. Prøv igen om et øjeblik."
REFUSED = "Skoleåret kan ikke gøres aktuelt lige nu."


def _raising(error):
    def service(**kwargs):
        raise error

    return service


def test_finalising_a_note_while_another_finalising_holds_the_lock_says_try_again(
    client_for, coordinator, monkeypatch
):
    note = StatusNoteFactory()
    monkeypatch.setattr(note_services, "note_finalise", _raising(LockTimeout()))
    response = client_for(coordinator).post(
        reverse("statusnote:note_finalise", args=[note.pk]), {"bekraeftet": "1"}, follow=True
    )
    assert response.redirect_chain == [(note.get_absolute_url(), 302)]
    assert BUSY in response.content.decode()
    note.refresh_from_db()
    assert note.status == NoteStatus.DRAFT


@pytest.mark.parametrize(
    ("error", "text"), [(LockTimeout(), BUSY), (ValidationError(REFUSED), REFUSED)]
)
def test_a_refusal_no_view_answered_sends_the_button_back_to_its_page(
    client_for, coordinator, school_year, monkeypatch, error, text
):
    monkeypatch.setattr(school_year_views, "school_year_make_current", _raising(error))
    page = reverse("schools:schoolyear_list")
    response = client_for(coordinator).post(
        reverse("schools:schoolyear_make_current", args=[school_year.pk]),
        headers={"Referer": f"http://testserver{page}"},
        follow=True,
    )
    assert response.redirect_chain == [(f"http://testserver{page}", 302)]
    assert response.status_code == 200 and text in response.content.decode()


@pytest.mark.parametrize(
    ("error", "status", "text"),
    [(LockTimeout(), 503, BUSY), (ValidationError(REFUSED), 409, REFUSED)],
)
def test_without_a_page_to_go_back_to_the_message_gets_a_page_of_its_own(
    client_for, coordinator, school_year, monkeypatch, error, status, text
):
    monkeypatch.setattr(school_year_views, "school_year_make_current", _raising(error))
    url = reverse("schools:schoolyear_make_current", args=[school_year.pk])
    for referer in ({}, {"Referer": "https://elsewhere.example/side/"}):  # none, or not ours
        response = client_for(coordinator).post(url, headers=referer)
        assert response.status_code == status
        assert text in response.content.decode()
        assert "Til forsiden" in response.content.decode()
    if status == 503:
        assert response["Retry-After"] == "5"


def test_a_json_client_gets_no_html_from_the_net(client_for, coordinator, school_year, monkeypatch):
    monkeypatch.setattr(school_year_views, "school_year_make_current", _raising(LockTimeout()))
    with pytest.raises(LockTimeout):
        client_for(coordinator).post(
            reverse("schools:schoolyear_make_current", args=[school_year.pk]),
            headers={"Accept": "application/json"},
        )
