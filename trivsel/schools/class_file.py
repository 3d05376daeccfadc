"""Reading a coordinator's class file (CSV or .xlsx) into raw rows.

Only the shape of the file is checked here (type, size, encoding, header); what the rows *mean*
(does the school exist, is the grade 0–10 …) is checked by ``services.classes.classes_import``, so
the coordinator sees every bad row of a file at once. Row numbers are the spreadsheet's own: the
header is row 1, the first class row 2.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

MAX_FILE_BYTES = 2 * 1024 * 1024  # a municipality has a few hundred classes: a few kB
MAX_ROWS = 5000
EXTENSIONS = (".csv", ".xlsx")

# the expected columns, in order, and the header spellings accepted for each
COLUMNS = ("skole", "klassetrin", "spor", "antal elever")
HEADER_ALIASES = {
    "skole": "skole",
    "skolens navn": "skole",
    "klassetrin": "klassetrin",
    "trin": "klassetrin",
    "spor": "spor",
    "antal elever": "antal elever",
    "elever": "antal elever",
    "antal": "antal elever",
    "elevtal": "antal elever",
}


@dataclass(frozen=True)
class ClassRow:
    """One class row as text, exactly as in the file (trimmed)."""

    number: int
    school: str
    grade: str
    letter: str
    pupil_count: str
    cells: tuple[str, ...]  # every cell of the row, also unknown columns (for the CPR check)


class ClassFileError(ValidationError):
    pass


def read_class_file(upload) -> list[ClassRow]:
    """The class rows of an uploaded file; ``ClassFileError`` (Danish) when the file is unusable."""
    name = (getattr(upload, "name", "") or "").lower()
    if name.endswith(".xls"):
        raise ClassFileError(
            _("Gamle Excel-filer (.xls) kan ikke læses. Gem filen som .xlsx eller CSV.")
        )
    if not name.endswith(EXTENSIONS):
        raise ClassFileError(
            _("Filtypen kan ikke bruges. Upload en CSV-fil (.csv) eller en Excel-fil (.xlsx).")
        )
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_FILE_BYTES:
        raise ClassFileError(
            _("Filen er for stor (højst %(mb)d MB). En klassefil fylder normalt nogle få kB.")
            % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if size == 0:
        raise ClassFileError(_("Filen er tom."))
    table = _read_xlsx(upload) if name.endswith(".xlsx") else _read_csv(upload)
    return _rows_from_table(table)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _read_csv(upload) -> list[list[str]]:
    raw = upload.read()
    if b"\x00" in raw[:4096]:
        raise ClassFileError(
            _("Filen er ikke en CSV-tekstfil. Gem den som CSV (semikolonsepareret) eller .xlsx.")
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Danish Excel on Windows saves «CSV (semikolonsepareret)» as Windows-1252
        text = raw.decode("cp1252", errors="replace")
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [[_cell_text(cell) for cell in row] for row in _limited(reader)]
    except csv.Error as exc:
        raise ClassFileError(_("CSV-filen kunne ikke læses: %(error)s") % {"error": exc}) from None


def _read_xlsx(upload) -> list[list[str]]:
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise ClassFileError(
            _("Filen kunne ikke læses som en Excel-fil (.xlsx). Er den gemt i et andet format?")
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        return [[_cell_text(cell) for cell in row] for row in _limited(rows)]
    finally:
        workbook.close()


def _limited(rows):
    for index, row in enumerate(rows):
        if index > MAX_ROWS:
            raise ClassFileError(
                _("Filen har mere end %(max)d rækker. Del den op i flere filer.")
                % {"max": MAX_ROWS}
            )
        yield row


def _header_key(cell: str) -> str:
    return re.sub(r"[\s_]+", " ", cell.strip().strip(".:").lower())


def _rows_from_table(table: list[list[str]]) -> list[ClassRow]:
    header_index = next((i for i, row in enumerate(table) if any(row)), None)
    if header_index is None:
        raise ClassFileError(_("Filen er tom."))
    header = [HEADER_ALIASES.get(_header_key(cell), "") for cell in table[header_index]]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise ClassFileError(
            _("Første række skal være overskrifterne %(expected)s. Filen mangler: %(missing)s.")
            % {
                "expected": "; ".join(COLUMNS),
                "missing": ", ".join(f"«{column}»" for column in missing),
            }
        )
    position = {column: header.index(column) for column in COLUMNS}
    rows = []
    for index, cells in enumerate(table[header_index + 1 :], start=header_index + 2):
        if not any(cells):
            continue

        def cell(column: str, cells=cells) -> str:
            i = position[column]
            return cells[i] if i < len(cells) else ""

        rows.append(
            ClassRow(
                number=index,
                school=cell("skole"),
                grade=cell("klassetrin"),
                letter=cell("spor"),
                pupil_count=cell("antal elever"),
                cells=tuple(cells),
            )
        )
    if not rows:
        raise ClassFileError(_("Filen indeholder ingen klasser under overskrifterne."))
    return rows
