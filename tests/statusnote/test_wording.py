"""The note's Danish: plural and agreement for 0, 1 and 2 of every counted noun, small numbers in
words, the genitive, rounded estimates and where in a month a day lies."""

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
    genitive,
    in_words,
    of,
    part_of_month,
)

# noun -> what 0, 1 and 2 of it read as in the note
EXPECTED = {
    "skole": ("ingen skoler", "en skole", "to skoler"),
    "klasse": ("ingen klasser", "en klasse", "to klasser"),
    "elev": ("ingen elever", "en elev", "to elever"),
    "henvist elev": ("ingen henviste elever", "en henvist elev", "to henviste elever"),
    "prøvehandling": ("ingen prøvehandlinger", "en prøvehandling", "to prøvehandlinger"),
    "præsentation": ("ingen præsentationer", "en præsentation", "to præsentationer"),
    "udrulningsplan": ("ingen udrulningsplaner", "en udrulningsplan", "to udrulningsplaner"),
    "aktivitet": ("ingen aktiviteter", "en aktivitet", "to aktiviteter"),
    "observation": ("ingen observationer", "en observation", "to observationer"),
    "vejledning": ("ingen vejledninger", "en vejledning", "to vejledninger"),
    "sparringssamtale": ("ingen sparringssamtaler", "en sparringssamtale", "to sparringssamtaler"),
    "forløbsgang": ("ingen forløbsgange", "en forløbsgang", "to forløbsgange"),
    "anden aktivitet": ("ingen andre aktiviteter", "en anden aktivitet", "to andre aktiviteter"),
    "trivselsforløb": ("ingen trivselsforløb", "et trivselsforløb", "to trivselsforløb"),
    "nyt trivselsforløb": (
        "ingen nye trivselsforløb",
        "et nyt trivselsforløb",
        "to nye trivselsforløb",
    ),
    "møde": ("ingen møder", "et møde", "to møder"),
    "oplæg": ("ingen oplæg", "et oplæg", "to oplæg"),
    "tilbagemelding": ("ingen tilbagemeldinger", "en tilbagemelding", "to tilbagemeldinger"),
    "tilmeldt deltager": (
        "ingen tilmeldte deltagere",
        "en tilmeldt deltager",
        "to tilmeldte deltagere",
    ),
    "deltager": ("ingen deltagere", "en deltager", "to deltagere"),
    "skolepædagog": ("ingen skolepædagoger", "en skolepædagog", "to skolepædagoger"),
    "udvalgt medarbejder": (
        "ingen udvalgte medarbejdere",
        "en udvalgt medarbejder",
        "to udvalgte medarbejdere",
    ),
    "kursusgang": ("ingen kursusgange", "en kursusgang", "to kursusgange"),
    "sorggruppe": ("ingen sorggrupper", "en sorggruppe", "to sorggrupper"),
    "gruppe": ("ingen grupper", "en gruppe", "to grupper"),
    "plads": ("ingen pladser", "en plads", "to pladser"),
    "dag": ("ingen dage", "en dag", "to dage"),
    "uddannelsesdag": ("ingen uddannelsesdage", "en uddannelsesdag", "to uddannelsesdage"),
    "ansøgning": ("ingen ansøgninger", "en ansøgning", "to ansøgninger"),
    "ledertime": ("ingen ledertimer", "en ledertime", "to ledertimer"),
    "konsulent": ("ingen konsulenter", "en konsulent", "to konsulenter"),
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
        "En sorggruppe er startet på en skole med en plads og to henviste elever."
    )


def test_numbers_above_ten_are_digits_with_a_thousands_dot():
    assert in_words(10) == "ti"
    assert count(11, "skole") == "11 skoler"
    assert count(1708, "elev") == "1.708 elever"
    assert count(100, "tilmeldt deltager", words=False) == "100 tilmeldte deltagere"


def test_part_of_a_whole_reads_as_danish():
    assert of(6, 6, "skole") == "alle seks skoler"
    assert of(4, 6, "skole") == "fire af de seks skoler"
    assert of(1, 6, "skole") == "en af de seks skoler"
    assert of(0, 6, "skole") == "ingen af de seks skoler"
    assert of(2, 2, "skole") == "begge skoler"
    assert of(1, 3, "oplæg") == "et af de tre oplæg"


def test_the_genitive_of_a_name():
    assert genitive("Headspace") == "Headspaces"
    assert genitive("Kræftens Bekæmpelse") == "Kræftens Bekæmpelses"
    assert genitive("MIT") == "MIT's"
    assert genitive("Jens") == "Jens'"


def test_an_estimate_is_rounded_to_two_significant_digits():
    assert approx_kr(614736) == "ca. 610.000 kr."
    assert approx_kr(48_250) == "ca. 48.000 kr."
    assert approx_kr(0) == "0 kr."


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
