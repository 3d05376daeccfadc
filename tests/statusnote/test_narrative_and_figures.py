"""The drafted sentences and the figures from facts shaped like each app's section — also those
of apps built in parallel (trials, consultants) — and the «no data» line for absent sections."""

from __future__ import annotations

from datetime import date

from trivsel.statusnote import narrative
from trivsel.statusnote.charts import bar_chart
from trivsel.statusnote.compose import blocks
from trivsel.statusnote.figures import figures

CTX = narrative.Context(facts={"schools": {"schools": 6}}, as_of=date(2023, 6, 30))

TRIALS = {
    "totals": {
        "actions": 6,
        "schools": 6,
        "evaluated": 6,
        "continuing": 3,
        "adjusted": 1,
        "stopped": 2,
        "want_to_continue": 4,
        "mean_effect_pupils": 3.5,
        "mean_effect_class": 4.0,
    },
    "themes": [
        {"theme": "Søvn", "actions": 6, "schools": 6, "evaluated": 6, "want_to_continue": 4}
    ],
    "theme_days": [
        {
            "title": "Temadag om mental sundhed",
            "date": "2023-04-27",
            "place": "Rødovre Rådhus",
            "held": False,
            "programme_items": 4,
            "presentations": 6,
            "rollout_plans": [],
        }
    ],
}

CONSULTANTS = {
    "activities": {
        "total": 40,
        "hours": 55.0,
        "schools": 6,
        "by_kind": [{"kind": "observation", "label": "Observation", "count": 12}],
        "by_school": [{"school": "Valhøj Skole", "count": 12, "by_kind": {}}],
    },
    "courses": {"count": 2, "schools": 2, "sessions_held": 5, "sessions_planned": 8, "topics": []},
    "pit": {"meetings": 5, "schools": 3, "cases": 9},
    "example_cases": [{"title": "Bevægelse i indskolingen", "text": "Godkendt eksempel."}],
    "planned": {"activities": 3, "by_kind": [], "courses": [], "pit_meetings": 0, "pit_schools": 0},
}


def test_the_trial_actions_are_told_as_all_schools_and_how_many_continue():
    text = narrative.draft("trials", TRIALS, CTX)
    assert "alle 6 skoler" in text and "med fokus på søvn" in text
    assert "fortsætte 4 af dem (3 som de er og 1 i tilpasset form)" in text
    assert "3,5" in text  # Danish decimal comma


def test_a_planned_theme_day_is_told_as_being_prepared_with_its_date():
    text = narrative.draft("trials.themeday", TRIALS, CTX)
    assert "forbereder en temadag for skoleledelserne den 27. april 2023" in text


def test_the_consultants_example_case_is_shown_beside_the_text_not_in_it():
    text = narrative.draft("consultants", CONSULTANTS, CTX)
    assert "40 aktiviteter på 6 skoler" in text and "PIT" in text
    assert "Godkendt eksempel." not in text
    assert figures("consultants", CONSULTANTS).examples == [
        {"title": "Bevægelse i indskolingen", "text": "Godkendt eksempel."}
    ]


def test_an_absent_or_empty_section_gives_no_text_so_the_note_says_no_data():
    assert narrative.draft("trials", None, CTX) is None
    assert narrative.draft("trials", {"totals": {"actions": 0}, "themes": []}, CTX) is None
    assert narrative.draft("headspace", {"talks": {}, "coverage": [], "planned": None}, CTX) is None


def test_an_unknown_section_gets_a_generic_sentence_and_its_numbers():
    assert narrative.draft("newapp", {"count": 3}, CTX).startswith("Afsnittet bygger på")
    assert narrative.draft("newapp", {"count": 0}, CTX) is None
    assert figures("newapp", {"count": 3, "name": "x"}).tables[0].rows == [["Count", "3"]]


def test_a_chart_is_accessible_svg_with_a_title_and_the_numbers_in_words():
    svg = str(bar_chart("c1", "Deltagere <pr. skole>", [("Valhøj & Co", 3), ("Nyager", 1200)]))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="c1-title">Deltagere &lt;pr. skole&gt;</title>' in svg
    assert "Valhøj &amp; Co: 3; Nyager: 1.200" in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert bar_chart("c2", "Tom", []) is None


def test_text_with_dashes_becomes_bullet_points_and_paragraphs():
    out = blocks("Indledning:\n\n- et\n- to\n\nSlut.")
    assert [(b.kind, b.text, b.items) for b in out] == [
        ("p", "Indledning:", []),
        ("ul", "", ["et", "to"]),
        ("p", "Slut.", []),
    ]
