from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from trivsel.schools.models import Period


def pdf_text(data: bytes) -> str:
    """The PDF's running text as a reader reads it: each page's text in the order it stands on the
    page (pypdf's layout mode: a chart's labels where the chart is), without the running header
    and the page number, with whitespace normalised (so a sentence split by a page break is
    whole)."""
    reader = PdfReader(io.BytesIO(data))
    lines = []
    for page in reader.pages:
        for line in page.extract_text(extraction_mode="layout").splitlines():
            text = " ".join(line.split())
            if RUNNING_HEAD.fullmatch(text) or PAGE_NUMBER.fullmatch(text):
                continue
            lines.append(text)
    return " ".join(" ".join(lines).split())


RUNNING_HEAD = re.compile(
    r"Rødovre Kommune · Skoleområdet (UDKAST )?Statusnotat Sundhed og Trivsel"
)
PAGE_NUMBER = re.compile(r"Side \d+ af \d+")


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--quiet")


@pytest.fixture
def spring_2023(demo):
    return Period.objects.get(name="Forår 2023")


@pytest.fixture
def approver(db):
    """The head of schools: the coordinator sends the draft to her for approval."""
    from tests.factories import UserFactory
    from trivsel.schools.models import Role

    return UserFactory(
        username="skolechef", role=Role.COORDINATOR, first_name="Birgit", last_name="Sand"
    )


@pytest.fixture
def finalise(coordinator, approver):
    """``finalise(note)``: sent for approval, approved and made final, as the pages do it."""
    from trivsel.statusnote import services

    def run(note, user=None):
        note = services.note_send_for_approval(note=note, approver=approver, user=coordinator)
        note = services.note_approve(note=note, user=approver)
        return services.note_finalise(note=note, user=user or coordinator)

    return run
