"""The coordinator writes the status note in a real browser: a draft for a half-year, an edited
introduction, «Generér PDF» with the progress shown while a real Celery worker (on Redis) renders
it, and a downloaded PDF that says what was written.

The worker runs in a thread of this process (solo pool) against the test database and consumes a
queue of its own, so no other worker on the same Redis (a developer's ``make worker``) takes the
job to another database. The broker is the settings' one: Redis with REDIS_URL, else in memory.
"""

import re
import uuid

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.audit import audit
from tests.browser.helpers import login, screenshot
from tests.celery_helpers import forget_queue
from trivsel.celery import app
from trivsel.schools.demo import DEMO_PASSWORD
from trivsel.statusnote.models import NoteDocument, StatusNote
from trivsel.statusnote.tasks import render_document

EDIT = "Netværket har i efteråret haft særligt fokus på søvn og fællesskab i udskolingen."


@pytest.fixture
def note_worker(monkeypatch):
    """A real worker on the broker for the status-note task, on a one-off queue."""
    from celery.contrib.testing.worker import start_worker

    queue = f"test-statusnote-{uuid.uuid4().hex[:12]}"
    queues = app.amqp.queues
    consumed_before = queues._consume_from
    # apply_async sends the task where its `queue` attribute says (none by default); Celery caches
    # a task's options at its first apply_async (eager ones included), so that cache is reset too
    monkeypatch.setattr(render_document, "queue", queue, raising=False)
    monkeypatch.setattr(render_document, "_exec_options", None)
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue]):
            yield queue
    finally:
        app.conf.task_always_eager = True  # as settings_test has it
        queues._consume_from = consumed_before
        queues.pop(queue, None)
        forget_queue(queue)


def new_draft(page) -> StatusNote:
    """The draft «Lav udkast» just made (the demo already has one of its own for the period)."""
    detail = re.compile(r"/statusnotat/(\d+)/(\?.*)?$")
    page.wait_for_url(detail)
    return StatusNote.objects.get(pk=int(detail.search(page.url)[1]))


def test_a_coordinator_edits_the_note_generates_a_pdf_and_downloads_what_she_wrote(
    page, live_server, note_worker
):
    call_command("seed_demo", "--quiet")
    login(page, live_server, "koordinator", DEMO_PASSWORD)

    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Statusnotater"
    ).click()
    audit(page)
    page.get_by_role("link", name="Nyt statusnotat").click()
    audit(page)
    page.get_by_label("Halvår").select_option(label="Efterår 2023")
    page.get_by_role("button", name="Lav udkast").click()
    note = new_draft(page)
    page.get_by_role("link", name="Ret teksterne").click()
    audit(page)
    page.get_by_label("Indledning").fill(EDIT)
    page.get_by_role("button", name="Gem teksterne").click()
    page.wait_for_url(f"**{note.get_absolute_url()}*")
    expect(page.locator(".note-preview")).to_contain_text(EDIT)
    audit(page)

    page.get_by_role("button", name="Generér PDF").click()
    documents = page.locator("#dokumenter")
    expect(documents.get_by_text(re.compile("I kø|Genereres"))).to_be_visible()  # progress
    screenshot(page, "journey-coordinator-statusnote-progress")
    download_link = documents.get_by_role("link", name="Hent")
    expect(download_link).to_be_visible(timeout=90_000)
    assert NoteDocument.objects.get(note=note).status == "done"

    with page.expect_download() as download:
        download_link.click()
    reader = PdfReader(download.value.path())
    text = " ".join((p.extract_text() or "") for p in reader.pages)
    assert re.sub(r"\s+", " ", EDIT) in re.sub(r"\s+", " ", text)
    audit(page)


def test_the_draft_is_approved_by_the_named_approver_before_the_coordinator_makes_it_final(
    page, browser, live_server
):
    """The coordinator sends the autumn draft to the head of schools; she returns it with a
    comment, then approves the corrected draft; only then can the coordinator make it final."""
    call_command("seed_demo", "--quiet")
    head = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen")
    their = head.new_page()
    their.on("pageerror", lambda error: pytest.fail(f"page error: {error}"))
    login(page, live_server, "koordinator", DEMO_PASSWORD)
    page.goto(live_server.url + "/statusnotat/nyt/")
    page.get_by_label("Halvår").select_option(label="Efterår 2023")
    page.get_by_role("button", name="Lav udkast").click()
    note = new_draft(page)
    # the autumn draft follows up the spring note
    expect(page.locator(".note-preview")).to_contain_text("Opfølgning på sidste statusnotat")
    expect(page.get_by_role("button", name="Gør endelig")).to_have_count(0)
    page.get_by_label("Godkender").select_option(label="Birgit Sand")
    page.get_by_role("button", name="Send til godkendelse").click()
    expect(page.get_by_text("er sendt til godkendelse")).to_be_visible()
    audit(page)

    login(their, live_server, "skolechef", DEMO_PASSWORD)
    their.goto(live_server.url + note.get_absolute_url())
    expect(their.get_by_role("heading", name="Din godkendelse")).to_be_visible()
    audit(their)
    their.get_by_label("Bemærkning").fill("Tilføj gerne mødedatoen.")
    their.get_by_role("button", name="Send retur").click()
    expect(their.get_by_text("er sendt retur til koordinatoren")).to_be_visible()

    page.reload()
    expect(page.get_by_text("Tilføj gerne mødedatoen.")).to_be_visible()
    page.get_by_label("Godkender").select_option(label="Birgit Sand")
    page.get_by_role("button", name="Send til godkendelse").click()
    their.goto(live_server.url + note.get_absolute_url())
    their.get_by_role("button", name="Godkend").click()
    expect(their.get_by_text("er godkendt")).to_be_visible()

    page.reload()
    page.get_by_role("button", name="Gør endelig").click()
    page.get_by_role("button", name="Ja, gør endelig").click()  # the confirm page
    expect(page.get_by_text("er nu endeligt")).to_be_visible()
    screenshot(page, "journey-coordinator-statusnote-approved")
    note.refresh_from_db()
    assert note.status == "final" and note.approver.username == "skolechef"
    head.close()
