"""Exports of list pages: CSV that Danish Excel opens correctly, and .xlsx.

One call turns rows and a column list into a download::

    from trivsel.schools.exports import export_response

    columns = [
        (_("Skole"), "school.name"),            # an attribute path (choices show their label)
        (_("Klasse"), "label"),
        (_("Elever"), lambda c: c.pupil_count), # or a callable row -> value
    ]
    return export_response(queryset, columns, filename="klasser", fmt="xlsx")

* ``fmt="csv"``: semicolon-separated, UTF-8 with BOM, decimal comma, dates dd-mm-yyyy, Ja/Nej;
  streamed, iterating a queryset with ``.iterator(chunk_size=…)`` (give it the ``select_related``
  the columns need — the export runs one query however long the list is).
* ``fmt="xlsx"``: an openpyxl write-only workbook with typed cells (numbers stay numbers, dates
  are dates shown dd-mm-yyyy), a bold, frozen header row.
* any other format: 400 with a Danish message.

Cells that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@`` first) are written as
text, so an exported comment cannot run anything. List pages use ``ExportMixin``: the page's own
(scoped) queryset is exported when the URL has ``?format=csv`` or ``?format=xlsx``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMATS = ("csv", "xlsx")
CHUNK_SIZE = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Accessor = str | Callable[[Any], Any]
Columns = Sequence[tuple[Any, Accessor]]


def export_response(
    rows: QuerySet | Iterable, columns: Columns, *, filename: str, fmt: str
) -> HttpResponse | StreamingHttpResponse:
    """A download of ``rows`` with ``columns`` = [(header, accessor)] as ``fmt`` ("csv"/"xlsx").
    ``filename`` without extension."""
    if fmt == "csv":
        return _csv_response(rows, columns, filename)
    if fmt == "xlsx":
        return _xlsx_response(rows, columns, filename)
    return HttpResponseBadRequest(
        _("Ukendt eksportformat «%(fmt)s». Vælg CSV eller Excel (xlsx).") % {"fmt": fmt},
        content_type="text/plain; charset=utf-8",
    )


def value_of(row, accessor: Accessor):
    """The typed value of one cell: follows a dotted path (``get_FOO_display`` for choices)."""
    if callable(accessor):
        return accessor(row)
    value = row
    for part in accessor.split("."):
        if value is None:
            return None
        if isinstance(value, dict):
            value = value.get(part)
            continue
        display = getattr(value, f"get_{part}_display", None)
        if isinstance(value, Model) and callable(display):
            value = display()
            continue
        value = getattr(value, part)
        if callable(value) and not isinstance(value, Model):
            value = value()
    return value


def _rows(rows) -> Iterator:
    if isinstance(rows, QuerySet):
        return rows.iterator(chunk_size=CHUNK_SIZE)
    return iter(rows)


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def xml_text(text: str) -> str:
    """``text`` as xlsx and docx (XML) can hold it: without the control characters they refuse
    (NUL, ESC, vertical tab …; tab and line breaks stay). Stored text may hold them from before
    input was cleaned; an export must not fail on it."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _safe_text(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


# --- CSV -------------------------------------------------------------------------------------
def csv_text(value) -> str:
    """One cell as Danish Excel reads it."""
    if value is None:
        return ""
    if value is True:
        return _("Ja")
    if value is False:
        return _("Nej")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return format(Decimal(str(value)), "f").replace(".", ",")
    if isinstance(value, datetime):
        return _local(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return _safe_text(str(value))


class _Echo:
    """A file-like object whose write() hands the line back (csv.writer into a generator)."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(rows, columns: Columns) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";", quoting=csv.QUOTE_MINIMAL)
    yield "\ufeff" + writer.writerow([str(header) for header, _accessor in columns])
    for row in _rows(rows):
        yield writer.writerow([csv_text(value_of(row, accessor)) for _h, accessor in columns])


def _csv_response(rows, columns: Columns, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in _csv_lines(rows, columns)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.csv")
    return response


# --- xlsx ------------------------------------------------------------------------------------
def _xlsx_response(rows, columns: Columns, filename: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=filename[:31] or "Eksport")
    for index, (header, _accessor) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(str(header)) + 4)
    sheet.freeze_panes = "A2"

    bold = Font(bold=True)
    header_cells = []
    for header, _accessor in columns:
        cell = WriteOnlyCell(sheet, value=xml_text(str(header)))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)

    for row in _rows(rows):
        sheet.append([_xlsx_cell(sheet, value_of(row, accessor)) for _h, accessor in columns])

    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.xlsx")
    return response


def _xlsx_cell(sheet, value):
    if value is None:
        return None
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=_local(value).replace(tzinfo=None))
        cell.number_format = "dd-mm-yyyy hh:mm"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "dd-mm-yyyy"
        return cell
    text = xml_text(str(value))
    if text.startswith(_FORMULA_START):
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"  # text, never a formula
        return cell
    return text


# --- list pages --------------------------------------------------------------------------------
class ExportMixin:
    """For a ``ScopedListView``: ``?format=csv|xlsx`` downloads the page's whole scoped list
    (not only the current page). Set ``export_columns`` and ``export_filename``."""

    export_columns: Columns = []
    export_filename = "eksport"

    def get_export_filename(self) -> str:
        return self.export_filename

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        if fmt is None:
            return super().get(request, *args, **kwargs)
        return export_response(
            self.get_queryset(), self.export_columns, filename=self.get_export_filename(), fmt=fmt
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        links = []
        for fmt, label in (("xlsx", _("Eksportér til Excel")), ("csv", _("CSV"))):
            query["format"] = fmt
            links.append({"url": f"?{query.urlencode()}", "label": label, "format": fmt})
        ctx["export_links"] = links
        return ctx
