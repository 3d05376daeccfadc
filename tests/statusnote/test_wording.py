"""The note's Danish: plural and agreement for 0, 1 and 2 of every counted noun (one is the numeral
«én»/«ét»), small numbers in words and no sentence starting with digits, the genitive, rounded
estimates, where in a month a day lies, and Danish typography (»…« quotes, spaced en dashes)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from trivsel.statusnote import formatting
from trivsel.statusnote.formatting import (
    NOUNS,
    approx_kr,
    count,
    from_to,
    genitive,
    in_words,
    month_names,
    of,
    part_of_month,
    typography,
)

# noun -> what 0, 1 and 2 of it read as in the note
EXPECTED = {
    "skole": ("ingen skoler", "én skole", "to skoler"),
    "klasse": ("ingen klasser", "én klasse", "to klasser"),
    "elev": ("ingen elever", "én elev", "to elever"),
    "henvist elev": ("ingen henviste elever", "én henvist elev", "to henviste elever"),
    "prøvehandling": ("ingen prøvehandlinger", "én prøvehandling", "to prøvehandlinger"),
    "præsentation": ("ingen præsentationer", "én præsentation", "to præsentationer"),
    "udrulningsplan": ("ingen udrulningsplaner", "én udrulningsplan", "to udrulningsplaner"),
    "aktivitet": ("ingen aktiviteter", "én aktivitet", "to aktiviteter"),
    "observation": ("ingen observationer", "én observation", "to observationer"),
    "vejledning": ("ingen vejledninger", "én vejledning", "to vejledninger"),
    "sparringssamtale": ("ingen sparringssamtaler", "én sparringssamtale", "to sparringssamtaler"),
    "session": ("ingen sessioner", "én session", "to sessioner"),
    "kursusdag": ("ingen kursusdage", "én kursusdag", "to kursusdage"),
    "anden aktivitet": ("ingen andre aktiviteter", "én anden aktivitet", "to andre aktiviteter"),
    "trivselsforløb": ("ingen trivselsforløb", "ét trivselsforløb", "to trivselsforløb"),
    "nyt trivselsforløb": (
        "ingen nye trivselsforløb",
        "ét nyt trivselsforløb",
        "to nye trivselsforløb",
    ),
    "møde": ("ingen møder", "ét møde", "to møder"),
    "PIT-møde": ("ingen PIT-møder", "ét PIT-møde", "to PIT-møder"),
    "oplæg": ("ingen oplæg", "ét oplæg", "to oplæg"),
    "tilbagemelding": ("ingen tilbagemeldinger", "én tilbagemelding", "to tilbagemeldinger"),
    "tilmeldt deltager": (
        "ingen tilmeldte deltagere",
        "én tilmeldt deltager",
        "to tilmeldte deltagere",
    ),
    "deltager": ("ingen deltagere", "én deltager", "to deltagere"),
    "skolepædagog": ("ingen skolepædagoger", "én skolepædagog", "to skolepædagoger"),
    "udvalgt medarbejder": (
        "ingen udvalgte medarbejdere",
        "én udvalgt medarbejder",
        "to udvalgte medarbejdere",
    ),
    "kursusgang": ("ingen kursusgange", "én kursusgang", "to kursusgange"),
    "sorggruppe": ("ingen sorggrupper", "én sorggruppe", "to sorggrupper"),
    "gruppe": ("ingen grupper", "én gruppe", "to grupper"),
    "plads": ("ingen pladser", "én plads", "to pladser"),
    "dag": ("ingen dage", "én dag", "to dage"),
    "uddannelsesdag": ("ingen uddannelsesdage", "én uddannelsesdag", "to uddannelsesdage"),
    "ansøgning": ("ingen ansøgninger", "én ansøgning", "to ansøgninger"),
    "ledertime": ("ingen ledertimer", "én ledertime", "to ledertimer"),
    "konsulent": ("ingen konsulenter", "én konsulent", "to konsulenter"),
}


def test_every_counted_noun_of_the_note_has_its_0_1_2_here():
    assert set(EXPECTED) == set(NOUNS)


@pytest.mark.parametrize("noun", sorted(NOUNS))
@pytest.mark.parametrize("n", [0, 1, 2])
def test_a_counted_noun_agrees_with_its_number(noun, n):
    assert count(n, noun) == EXPECTED[noun][n]


def test_the_note_counts_in_danish_whatever_language_is_active():
    from trivsel.statusnote import narrative

    with translation.override("en"):
        text = narrative.draft(
            "griefgroups",
            {"groups": [{"school": "A", "places": 1, "referred": 2, "planned": False}]},
            narrative.Context({}, date(2023, 12, 31)),
        )
    assert text.startswith(
        "Én sorggruppe er startet på én skole med i alt én plads, og der er henvist to elever."
    )


def test_numbers_up_to_twelve_are_words_and_above_digits_with_a_thousands_dot():
    assert in_words(10) == "ti"
    assert count(11, "møde") == "elleve møder"
    assert count(12, "PIT-møde") == "tolv PIT-møder"
    assert count(13, "skole") == "13 skoler"
    assert count(1708, "elev") == "1.708 elever"
    assert count(100, "tilmeldt deltager", words=False) == "100 tilmeldte deltagere"


def test_part_of_a_whole_reads_as_danish():
    assert of(6, 6, "skole") == "alle seks skoler"
    assert of(4, 6, "skole") == "fire af de seks skoler"
    assert of(1, 6, "skole") == "én af de seks skoler"
    assert of(0, 6, "skole") == "ingen af de seks skoler"
    assert of(2, 2, "skole") == "begge skoler"
    assert of(1, 3, "oplæg") == "ét af de tre oplæg"
    assert of(4, 6, "skole", start=True) == "Fire af de seks skoler"


def test_the_genitive_of_a_name():
    assert genitive("Headspace") == "Headspaces"
    assert genitive("Kræftens Bekæmpelse") == "Kræftens Bekæmpelses"
    assert genitive("MIT") == "MIT's"
    assert genitive("Jens") == "Jens'"


def test_an_estimate_is_rounded_to_three_digits_the_last_to_a_five():
    assert approx_kr(614736) == "ca. 615.000 kr."
    assert approx_kr(612_400) == "ca. 610.000 kr."
    assert approx_kr(48_250) == "ca. 48.500 kr."
    assert approx_kr(1_234_567) == "ca. 1.250.000 kr."
    assert approx_kr(0) == "0 kr."


def test_a_sentence_starts_with_a_number_in_words_up_to_twenty():
    assert count(12, "udvalgt medarbejder", start=True) == "Tolv udvalgte medarbejdere"
    assert count(12, "udvalgt medarbejder") == "tolv udvalgte medarbejdere"
    assert count(13, "udvalgt medarbejder", start=True) == "Tretten udvalgte medarbejdere"
    assert count(1, "klasse", start=True) == "Én klasse"
    assert count(20, "skole", start=True) == "Tyve skoler"
    assert count(0, "oplæg", start=True) == "Ingen oplæg"


def test_dates_and_months_read_as_running_text():
    assert from_to("2023-09-12", "2023-11-21") == "fra 12. september til 21. november 2023"
    assert from_to("2024-03-05", "2024-03-07") == "fra 5. til 7. marts 2024"
    assert from_to("2023-12-30", "2024-01-02") == "fra 30. december 2023 til 2. januar 2024"
    assert month_names(["2023-06-08", "2023-05-10"]) == "i maj og juni 2023"


def test_the_drafted_prose_gets_danish_quotes_and_one_kind_of_dash():
    assert typography("konferencen «Du og jeg» og ”Søvn”") == "konferencen »Du og jeg« og »Søvn«"
    assert typography('han sagde "ja" – og så') == "han sagde »ja« – og så"
    # text already quoting the Danish way stays as it is, however many quotes follow each other
    quoted = "sådan: »Det er godt.« Pr. 31. december skriver de: »Også.« Ja."
    assert typography(quoted) == quoted
    assert typography("Bevægelse — en skoledag - hele året") == (
        "Bevægelse – en skoledag – hele året"
    )
    assert typography("to-voksenordningen, 5.–7. marts") == "to-voksenordningen, 5.–7. marts"


def test_a_day_is_told_as_part_of_its_month():
    assert part_of_month("2023-04-27") == "i slutningen af april"
    assert part_of_month(date(2023, 5, 2)) == "i begyndelsen af maj"
    assert part_of_month(date(2023, 9, 15)) == "i midten af september"


def test_the_narratives_count_only_through_the_nouns_and_never_write_times():
    """No «1 klasser», «afprøvet 1 prøvehandlinger» or «23 × observation»: a number next to a
    noun in the drafted texts comes from ``count`` (or is an amount, a date, a grade or a score)."""
    source = Path(formatting.__file__).with_name("narrative.py").read_text()
    assert "×" not in source
    assert not re.findall(r"\{number\([^}]*\)\}\s+[a-zæøå]", source)
