"""Factories of the status note: notes of a demo-like half-year and their documents."""

from __future__ import annotations

from datetime import date

import factory
from django.core.files.base import ContentFile

from tests.factories import PeriodFactory
from trivsel.schools import clock
from trivsel.statusnote.models import (
    DocumentFormat,
    DocumentStatus,
    NoteDocument,
    NoteStatus,
    StatusNote,
)


class StatusNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusNote

    period = factory.SubFactory(PeriodFactory)
    version = factory.Sequence(lambda n: n + 1)
    as_of = date(2023, 6, 30)
    introduction = "Indledning."
    narratives = factory.LazyFunction(dict)


class FinalNoteFactory(StatusNoteFactory):
    status = NoteStatus.FINAL
    finalised_at = factory.LazyFunction(clock.now)
    snapshot = factory.LazyFunction(lambda: {"facts": {}, "titles": {}})


class NoteDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoteDocument

    note = factory.SubFactory(StatusNoteFactory)
    format = DocumentFormat.PDF
    status = DocumentStatus.DONE
    from_final = factory.LazyAttribute(lambda d: d.note.is_frozen)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.7 test", name="notat.pdf"))
