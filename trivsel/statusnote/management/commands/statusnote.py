"""``python manage.py statusnote --period "Forår 2023" --output note.pdf [--format docx]
[--as-of YYYY-MM-DD]``: the status note from the command line, for automation and archiving.

The same code path as «Generér PDF»: the period's final note (or, with ``--as-of`` or when there is
none, a new draft drafted from the data) gets a NoteDocument through ``services.document_request``,
rendered by the task's own function, kept like every generated document, and copied to --output.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from trivsel.schools.models import Period
from trivsel.statusnote import services
from trivsel.statusnote.models import DocumentFormat, DocumentStatus, NoteStatus, StatusNote
from trivsel.statusnote.rendering import fill_document


class Command(BaseCommand):
    help = "Genererer statusnotatet for et halvår som PDF eller Word (.docx)."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help='halvårets navn, fx "Forår 2023"')
        parser.add_argument("--output", required=True, help="filen, der skal skrives")
        parser.add_argument("--format", choices=DocumentFormat.values, default=DocumentFormat.PDF)
        parser.add_argument("--as-of", dest="as_of", help="opgjort pr. (ÅÅÅÅ-MM-DD)")

    def handle(self, *args, period: str, output: str, format: str, as_of: str | None, **options):
        found = Period.objects.filter(name__iexact=period.strip()).first()
        if found is None:
            known = ", ".join(Period.objects.order_by("start").values_list("name", flat=True))
            raise CommandError(f"Ukendt halvår: «{period}». Kendte halvår: {known or 'ingen'}.")
        day = None
        if as_of:
            try:
                day = date.fromisoformat(as_of)
            except ValueError:
                raise CommandError(
                    f"--as-of skal være en dato som 2023-06-30, ikke «{as_of}»."
                ) from None
        note = None
        if day is None:
            note = StatusNote.objects.filter(period=found, status=NoteStatus.FINAL).first()
        with transaction.atomic():
            if note is None:
                note = services.note_create_draft(period=found, as_of=day)
            document = services.document_request(note=note, fmt=format, enqueue=False)
        document = fill_document(document.pk)
        if document.status != DocumentStatus.DONE:
            raise CommandError(document.error or "Dokumentet kunne ikke genereres.")
        target = Path(output)
        with document.file.open("rb") as source:
            target.write_bytes(source.read())
        self.stdout.write(
            self.style.SUCCESS(
                f"{note} ({note.get_status_display().lower()}) skrevet til {target} "
                f"({target.stat().st_size} bytes)."
            )
        )
