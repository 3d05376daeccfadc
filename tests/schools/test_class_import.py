"""Every August, part 1: a coordinator imports a school year's classes from a CSV or Excel file.
All rows or none; a bad file names each bad row and its problem in Danish."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from tests.factories import SchoolClassFactory
from trivsel.schools.class_file import MAX_FILE_BYTES
from trivsel.schools.models import SchoolClass

URL = reverse("schools:class_import")


def csv_file(text: str, *, name="klasser.csv", encoding="utf-8-sig") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, *, name="klasser.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


GOOD_CSV = (
    "skole;klassetrin;spor;antal elever\r\n"
    "Valhøj Skole;0;A;22\r\n"
    "Valhøj Skole;0;B;21\r\n"
    "Nyager Skole;7;a;24\r\n"
    "nyager skole;9;A;19\r\n"
)


@pytest.fixture
def upload(client_for, coordinator, school_a, school_b, school_year):
    client = client_for(coordinator)

    def post(file, year=school_year):
        return client.post(URL, {"school_year": year.pk, "file": file}, follow=True)

    return post


def classes_of(year):
    return sorted(
        (c.school.name, c.grade, c.letter, c.pupil_count)
        for c in SchoolClass.objects.filter(school_year=year).select_related("school")
    )


def test_a_good_danish_excel_csv_creates_every_class(upload, school_year):
    response = upload(csv_file(GOOD_CSV))
    assert classes_of(school_year) == [
        ("Nyager Skole", 7, "A", 24),
        ("Nyager Skole", 9, "A", 19),
        ("Valhøj Skole", 0, "A", 22),
        ("Valhøj Skole", 0, "B", 21),
    ]
    assert "4 klasser er oprettet i skoleåret 2023/24" in response.content.decode()


def test_a_comma_separated_csv_without_bom_is_read_too(upload, school_year):
    upload(csv_file(GOOD_CSV.replace(";", ","), encoding="utf-8"))
    assert len(classes_of(school_year)) == 4


def test_a_windows_1252_csv_from_danish_excel_is_read_too(upload, school_year):
    upload(csv_file(GOOD_CSV, encoding="cp1252"))
    assert ("Valhøj Skole", 0, "A", 22) in classes_of(school_year)


def test_a_good_xlsx_file_creates_every_class(upload, school_year):
    response = upload(
        xlsx_file(
            [
                ["Skole", "Klassetrin", "Spor", "Antal elever"],
                ["Valhøj Skole", 1, "A", 23],
                [None, None, None, None],  # blank rows are skipped
                ["Nyager Skole", 10.0, "B", 18.0],
            ]
        )
    )
    assert classes_of(school_year) == [
        ("Nyager Skole", 10, "B", 18),
        ("Valhøj Skole", 1, "A", 23),
    ]
    assert "2 klasser er oprettet" in response.content.decode()


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(upload, school_year):
    bad = GOOD_CSV + "Ukendt Skole;3;A;20\r\n"
    response = upload(csv_file(bad))
    html = response.content.decode()
    assert SchoolClass.objects.count() == 0
    assert "Intet er importeret" in html
    assert "Række 6" in html and "Skolen «Ukendt Skole» findes ikke" in html


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("Valhøj Skole;11;A;20", "Klassetrin 11 findes ikke"),
        ("Valhøj Skole;syv;A;20", "Klassetrin «syv» er ikke et tal"),
        ("Valhøj Skole;3;A;-2", "Antal elever kan ikke være negativt"),
        ("Valhøj Skole;3;A;", "Antal elever mangler"),
        ("Valhøj Skole;3;;20", "Spor mangler"),
        ("Valhøj Skole;0;A;20", "Klassen 0.A på Valhøj Skole står også i række 2"),
        ("Valhøj Skole;3;A;20;010203-1234", "ligner et CPR-nummer"),
    ],
)
def test_each_kind_of_bad_row_is_explained_in_danish(upload, school_year, row, problem):
    response = upload(csv_file("skole;klassetrin;spor;antal elever\nValhøj Skole;0;A;22\n" + row))
    html = response.content.decode()
    assert SchoolClass.objects.count() == 0
    assert "Række 3" in html and problem in html
    assert "010203-1234" not in html  # a CPR number is never repeated back


def test_a_class_that_already_exists_in_the_year_is_refused(upload, school_year, school_a):
    SchoolClassFactory(school=school_a, school_year=school_year, grade=0, letter="A")
    response = upload(csv_file(GOOD_CSV))
    assert "Klassen 0.A på Valhøj Skole findes allerede i skoleåret 2023/24" in (
        response.content.decode()
    )
    assert SchoolClass.objects.count() == 1


def test_every_bad_row_is_listed_not_only_the_first(upload):
    response = upload(
        csv_file("skole;klassetrin;spor;antal elever\nX;0;A;1\nValhøj Skole;12;A;1\n")
    )
    html = response.content.decode()
    assert "Række 2" in html and "Række 3" in html


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("klasser.pdf", b"%PDF-1.4"), "Filtypen kan ikke bruges"),
        (SimpleUploadedFile("klasser.xls", b"\xd0\xcf\x11\xe0"), "Gem filen som .xlsx eller CSV"),
        (SimpleUploadedFile("klasser.xlsx", b"not a zip"), "kunne ikke læses som en Excel-fil"),
        (
            SimpleUploadedFile("klasser.csv", b"navn;alder\nPeter;9\n"),
            "Filen mangler: «skole», «klassetrin», «spor», «antal elever»",
        ),
        (
            SimpleUploadedFile("klasser.csv", b"skole;klassetrin;spor;antal elever\n"),
            "ingen klasser",
        ),
    ],
)
def test_an_unusable_file_is_refused_with_a_clear_message(upload, file, message):
    response = upload(file)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SchoolClass.objects.count() == 0


def test_a_too_big_file_is_refused(upload):
    big = GOOD_CSV + "Valhøj Skole;1;A;20\r\n" * (MAX_FILE_BYTES // 20)
    response = upload(csv_file(big))
    assert "Filen er for stor" in response.content.decode()
    assert SchoolClass.objects.count() == 0


def test_the_page_shows_the_expected_format_and_the_example_file(client_for, coordinator, school_a):
    client = client_for(coordinator)
    page = client.get(URL).content.decode()
    assert "antal elever" in page and reverse("schools:class_import_example") in page
    example = client.get(reverse("schools:class_import_example"))
    assert example["Content-Type"].startswith("text/csv")
    text = example.content.decode("utf-8-sig")
    assert text.startswith("skole;klassetrin;spor;antal elever")
    assert "Valhøj Skole;0;A;22" in text


def test_the_example_file_imports_cleanly(upload, client_for, coordinator, school_year):
    example = client_for(coordinator).get(reverse("schools:class_import_example")).content
    upload(SimpleUploadedFile("klasser-eksempel.csv", example))
    assert len(classes_of(school_year)) == 8  # four example rows for each of two schools


@pytest.mark.parametrize("actor", ["leader_a", "staff_a", "consultant", "conference_admin"])
def test_only_coordinators_may_import(actors, client_for, school_year, actor):
    client = client_for(actors[actor])
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"school_year": school_year.pk}).status_code == 403
    assert client.get(reverse("schools:class_import_example")).status_code == 403


def test_a_superuser_may_import(client_for, superuser, school_year):
    assert client_for(superuser).get(URL).status_code == 200


def test_the_anonymous_is_sent_to_the_login_page(client, school_year):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
