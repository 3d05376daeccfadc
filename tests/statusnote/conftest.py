from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from trivsel.schools.models import Period


def pdf_text(data: bytes) -> str:
    """The PDF's text with whitespace normalised (line breaks become spaces)."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--quiet")


@pytest.fixture
def spring_2023(demo):
    return Period.objects.get(name="Forår 2023")
