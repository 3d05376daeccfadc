"""Exports: CSV that Danish Excel opens (BOM, semicolons, decimal comma, dd-mm-yyyy) and typed xlsx;
the staff list is the first page that uses them, within the user's scope."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import SchoolClassFactory, SchoolFactory, SchoolYearFactory, StaffFactory
from trivsel.schools.exports import export_response
from trivsel.schools.models import Job, SchoolClass

COLUMNS = [
    ("Skole", "school.name"),
    ("Klasse", "label"),
    ("Skoleår start", "school_year.start"),
    ("Elever", "pupil_count"),
    ("Gns. pr. voksen", lambda c: Decimal(c.pupil_count) / 2),
    ("Andel", lambda c: 0.25),
    ("Indskoling", lambda c: c.grade <= 3),
    ("Note", lambda c: None),
    ("Kommentar", lambda c: '=HYPERLINK("http://x")'),
    ("Registreret", lambda c: datetime(2024, 1, 15, 23, 30, tzinfo=UTC)),
]


@pytest.fixture
def classes(db):
    year = SchoolYearFactory()
    school = SchoolFactory(name="Tinderhøj Skole for Ærø og Åby")
    SchoolClassFactory(school=school, school_year=year, grade=0, letter="A", pupil_count=21)
    SchoolClassFactory(school=school, school_year=year, grade=7, letter="B", pupil_count=24)
    return SchoolClass.objects.select_related("school", "school_year").order_by("grade")


def read_csv(response) -> list[list[str]]:
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_the_csv_is_what_danish_excel_expects(classes, django_assert_num_queries):
    response = export_response(classes, COLUMNS, filename="klasser", fmt="csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="klasser.csv"'
    with django_assert_num_queries(1):  # the rows, with their school and year, in one query
        rows = read_csv(response)
    assert rows[0] == [header for header, _ in COLUMNS]
    assert rows[1] == [
        "Tinderhøj Skole for Ærø og Åby",
        "0.A",
        "01-08-2023",
        "21",
        "10,5",
        "0,25",
        "Ja",
        "",
        '\'=HYPERLINK("http://x")',  # a formula is written as text
        "16-01-2024 00:30",  # Danish time
    ]
    assert rows[2][1:4] == ["7.B", "01-08-2023", "24"] and rows[2][6] == "Nej"


def test_the_xlsx_has_typed_cells_and_a_bold_header(classes):
    response = export_response(classes, COLUMNS, filename="klasser", fmt="xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="klasser.xlsx"'
    sheet = read_xlsx(response)
    header = list(next(sheet.iter_rows(min_row=1, max_row=1)))
    assert [c.value for c in header] == [h for h, _ in COLUMNS]
    assert all(c.font.bold for c in header)
    row = next(sheet.iter_rows(min_row=2, max_row=2))
    assert row[0].value == "Tinderhøj Skole for Ærø og Åby"
    assert row[2].value == datetime(2023, 8, 1) and row[2].number_format == "dd-mm-yyyy"
    assert row[3].value == 21 and row[3].data_type == "n"
    assert row[4].value == 10.5 and row[4].data_type == "n"
    assert row[6].value == "Ja"
    assert row[7].value is None
    assert row[8].value == '=HYPERLINK("http://x")' and row[8].data_type == "s"
    assert row[9].value == datetime(2024, 1, 16, 0, 30)
    assert sheet.max_row == 3


def test_plain_rows_and_dicts_can_be_exported_too():
    rows = [{"navn": "Åse", "dato": date(2024, 2, 29), "beløb": Decimal("1234.50")}]
    columns = [("Navn", "navn"), ("Dato", "dato"), ("Beløb", "beløb")]
    assert read_csv(export_response(rows, columns, filename="x", fmt="csv"))[1] == [
        "Åse",
        "29-02-2024",
        "1234,50",
    ]


def test_an_unknown_format_is_a_danish_400():
    response = export_response([], [("A", "a")], filename="x", fmt="pdf")
    assert response.status_code == 400
    assert "Ukendt eksportformat «pdf»" in response.content.decode()


# --- the staff list -----------------------------------------------------------------------------
@pytest.fixture
def staff(actors, school_a, school_b):
    StaffFactory(name="Åge Ærø", school=school_a, job=Job.PEDAGOGUE)
    StaffFactory(name="Bodil fra B", school=school_b)
    return actors


def staff_export(client, fmt):
    return client.get(reverse("schools:staff_list"), {"format": fmt})


def test_the_staff_list_offers_both_exports(staff, client_for):
    html = client_for(staff["coordinator"]).get(reverse("schools:staff_list")).content.decode()
    assert "?format=xlsx" in html and "?format=csv" in html
    assert "Eksportér til Excel" in html


def test_a_leader_exports_only_the_own_school_s_staff(staff, client_for):
    client = client_for(staff["leader_a"])
    rows = read_csv(staff_export(client, "csv"))
    names = {row[0] for row in rows[1:]}
    assert "Åge Ærø" in names and "Bodil fra B" not in names
    age = next(row for row in rows if row[0] == "Åge Ærø")
    assert age[1:3] == ["Pædagog", "Valhøj Skole"] and age[4] == "Ja"
    sheet = read_xlsx(staff_export(client, "xlsx"))
    xlsx_names = {r[0] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert xlsx_names == names


def test_a_coordinator_exports_all_staff(staff, client_for):
    rows = read_csv(staff_export(client_for(staff["coordinator"]), "csv"))
    assert {"Åge Ærø", "Bodil fra B"} <= {row[0] for row in rows[1:]}
    assert rows[0] == ["Navn", "Stilling", "Arbejdssted", "E-mail", "Aktiv"]


def test_exports_keep_the_page_s_access_rules(staff, client_for, client):
    assert staff_export(client_for(staff["conference_admin"]), "csv").status_code == 403
    assert staff_export(client, "csv").status_code == 302  # to the login page
    assert staff_export(client_for(staff["leader_a"]), "docx").status_code == 400
