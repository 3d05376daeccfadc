"""Creating a school year's classes from an imported file: all rows or none."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from .. import locking, uniques
from ..class_file import ClassRow
from ..fields import contains_cpr
from ..models import School, SchoolClass, SchoolYear

_LETTER_RE = re.compile(r"^[A-ZÆØÅ]{1,3}$")
_MAX_ECHO = 60  # how much of a bad cell an error message repeats


@dataclass(frozen=True)
class RowError:
    row: int
    message: str


@dataclass(frozen=True)
class ClassImportResult:
    created: int
    schools: int


class ClassImportError(Exception):
    """The file had bad rows; nothing was saved. ``errors`` names each row and its problem."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} bad row(s)")
        self.errors = errors


def _echo(text: str) -> str:
    return text if len(text) <= _MAX_ECHO else text[: _MAX_ECHO - 1] + "…"


def _school_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _parse_int(text: str) -> int | None:
    text = text.strip().rstrip(".")
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    return None


@transaction.atomic
def classes_import(
    *, school_year: SchoolYear, rows: Sequence[ClassRow], _again: bool = False
) -> ClassImportResult:
    """Creates one class per row in ``school_year``. Every row is checked first; if any is bad,
    ``ClassImportError`` lists them all and nothing is saved."""
    # Serialise imports and «Nyt skoleår» for this year, so the «already exists» check holds.
    locking.lock_rows(SchoolYear.objects.filter(pk=school_year.pk))
    schools = {_school_key(s.name): s for s in School.objects.only("pk", "name")}
    existing = set(
        SchoolClass.objects.filter(school_year=school_year).values_list(
            "school_id", "grade", "letter"
        )
    )
    errors: list[RowError] = []
    seen: dict[tuple[int, int, str], int] = {}
    classes: list[SchoolClass] = []

    for row in rows:

        def bad(message: str, row=row) -> None:
            errors.append(RowError(row.number, message))

        if any(contains_cpr(cell) for cell in row.cells):
            # never repeat the cell: it may be a real CPR number
            bad(_("Rækken indeholder noget, der ligner et CPR-nummer. Fjern det fra filen."))
            continue

        school = schools.get(_school_key(row.school))
        if not row.school:
            bad(_("Skole mangler."))
        elif school is None:
            bad(_("Skolen «%(name)s» findes ikke i portalen.") % {"name": _echo(row.school)})

        grade = _parse_int(row.grade)
        if not row.grade:
            bad(_("Klassetrin mangler."))
        elif grade is None:
            bad(_("Klassetrin «%(value)s» er ikke et tal.") % {"value": _echo(row.grade)})
        elif not 0 <= grade <= 10:
            bad(_("Klassetrin %(grade)d findes ikke; det skal være 0–10.") % {"grade": grade})
            grade = None

        letter = row.letter.strip().rstrip(".").upper()
        if not letter:
            bad(_("Spor mangler."))
        elif not _LETTER_RE.match(letter):
            bad(_("Spor «%(value)s» skal være 1–3 bogstaver, fx A.") % {"value": _echo(row.letter)})
            letter = ""

        count = _parse_int(row.pupil_count)
        if not row.pupil_count:
            bad(_("Antal elever mangler."))
        elif count is None:
            bad(
                _("Antal elever «%(value)s» er ikke et helt tal.")
                % {"value": _echo(row.pupil_count)}
            )
        elif count < 0:
            bad(_("Antal elever kan ikke være negativt (%(count)d).") % {"count": count})

        if school is None or grade is None or not letter:
            continue
        key = (school.pk, grade, letter)
        label = {"cls": f"{grade}.{letter}", "school": school.name}
        if key in seen:
            bad(
                _("Klassen %(cls)s på %(school)s står også i række %(other)d.")
                % {**label, "other": seen[key]}
            )
            continue
        seen[key] = row.number
        if key in existing:
            bad(
                _("Klassen %(cls)s på %(school)s findes allerede i skoleåret %(year)s.")
                % {**label, "year": school_year.name}
            )
            continue
        if count is not None and count >= 0:
            classes.append(
                SchoolClass(
                    school=school,
                    school_year=school_year,
                    grade=grade,
                    letter=letter,
                    pupil_count=count,
                )
            )

    if errors:
        raise ClassImportError(errors)
    for school_class in classes:
        # uniqueness was checked above for the whole file in one query; the database's
        # constraints hold the rest
        school_class.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with uniques.saving():
            bulk_create_with_history(classes, SchoolClass, default_change_reason="Klasseimport")
    except ValidationError:
        if _again:
            raise
        # a class created by hand meanwhile (the class form takes no lock): check the file
        # again, which now names the row that clashes like any other
        return classes_import(school_year=school_year, rows=rows, _again=True)
    return ClassImportResult(created=len(classes), schools=len({c.school_id for c in classes}))
