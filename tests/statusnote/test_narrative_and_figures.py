"""The drafted sentences and the figures from facts shaped like each app's section — also those
of apps built in parallel (trials, consultants) — and the «no data» line for absent sections."""

from __future__ import annotations

from datetime import date

from trivsel.statusnote import narrative
from trivsel.statusnote.charts import bar_chart
from trivsel.statusnote.compose import blocks
from trivsel.statusnote.figures import figures

CTX = narrative.Context(facts={"schools": {"schools": 6}}, as_of=date(2023, 6, 30))

RESULTS = {
    "actions": 6,
    "schools": 6,
    "running": 0,
    "planned": 0,
    "evaluated": 6,
    "evaluated_schools": 6,
    "continuing": 3,
    "adjusted": 1,
    "stopped": 2,
    "want_to_continue": 4,
    "schools_continuing": 4,
    "mean_effect_pupils": 3.5,
    "mean_effect_class": 4.0,
}
TRIALS = {
    "totals": RESULTS,
    "themes": [{"theme": "Søvn", "description": "", **RESULTS}],
    "theme_days": [
        {
            "title": "Temadag om mental sundhed",
            "date": "2023-04-27",
            "place": "Rødovre Rådhus",
            "audience": "Skoleledelserne",
            "description": "Temadagen vil byde på præsentationer af prøvehandlinger.",
            "held": False,
            "programme_items": 4,
            "presentations": 6,
            "rollout_plans": [],
        }
    ],
}

CONSULTANTS = {
    "consultants": 2,
    "first_activity": "2023-01-16",
    "classes": 20,
    "activities": {
        "total": 40,
        "hours": 55.0,
        "schools": 6,
        "by_kind": [
            {"kind": "observation", "label": "Observation", "count": 12},
            {"kind": "vejledning", "label": "Vejledning", "count": 1},
        ],
        "by_school": [{"school": "Valhøj Skole", "count": 12, "by_kind": {}}],
    },
    "courses": {"count": 2, "schools": 2, "sessions_held": 5, "sessions_planned": 8, "topics": []},
    "pit": {"meetings": 5, "schools": 3, "cases": 9},
    "example_cases": [{"title": "Bevægelse i indskolingen", "text": "Godkendt eksempel."}],
    "planned": {"activities": 3, "by_kind": [], "courses": [], "pit_meetings": 0, "pit_schools": 0},
}


def test_the_trial_actions_are_told_as_all_schools_and_how_many_continue():
    text = narrative.draft("trials", TRIALS, CTX)
    assert "har alle seks skoler i perioden på forskellig vis afprøvet seks prøvehandlinger" in text
    assert "med fokus på søvn" in text
    assert (
        "Alle skolerne har evalueret deres prøvehandlinger, og fire af dem ønsker på baggrund af "
        "positive erfaringer på forskellig vis at fortsætte dette fokus, én af dem i tilpasset form."
    ) in text
    assert "To prøvehandlinger stoppes." in text
    assert "3,5" in text  # Danish decimal comma


def test_the_trials_tell_the_theme_s_question_and_who_has_not_evaluated_yet():
    theme = {
        **RESULTS,
        "theme": "Søvn og digital adfærd",
        "description": "Hvordan fokus på søvn kan gavne trivslen i klassen.",
        "running": 2,
        "evaluated": 4,
        "evaluated_schools": 4,
        "continuing": 4,
        "adjusted": 0,
        "stopped": 0,
        "schools_continuing": 4,
    }
    ctx = narrative.Context(
        facts={
            "schools": {
                "schools": 6,
                "school_year_start": "2022-08-01",
                "school_year_end": "2023-07-31",
            }
        },
        as_of=date(2023, 4, 14),
    )
    text = narrative.draft("trials", {"totals": theme, "themes": [theme]}, ctx)
    assert text.startswith(
        "Initieret af netværket har alle seks skoler i indeværende skoleår på forskellig vis "
        "afprøvet, hvordan fokus på søvn kan gavne trivslen i klassen."
    )
    # one sentence says who evaluated and wants to continue; «fire af de seks» only once
    assert (
        "Fire af de seks skoler har evalueret deres prøvehandlinger og ønsker på baggrund af "
        "positive erfaringer på forskellig vis at fortsætte dette fokus."
    ) in text
    assert text.count("fire af de seks") + text.count("Fire af de seks") == 1
    assert "De to øvrige skoler er ved at gøre erfaringerne op." in text
    assert "tilpasset" not in text
    assert "De fire skolers vurdering af effekten er i gennemsnit" in text


def test_one_trial_action_of_a_theme_is_told_by_its_aim_without_a_tautology():
    theme = {
        **RESULTS,
        "theme": "Bevægelse",
        "description": "",
        "actions": 1,
        "schools": 1,
        "running": 1,
        "evaluated": 0,
        "evaluated_schools": 0,
        "schools_continuing": 0,
        "aims": ["At fastholde den varierede skoledag."],
    }
    text = narrative.draft("trials", {"totals": theme, "themes": [theme]}, CTX)
    assert text == (
        "Initieret af netværket er én af de seks skoler i perioden i gang med en prøvehandling "
        "med fokus på bevægelse. Målet er at fastholde den varierede skoledag."
    )
    assert "afprøve en prøvehandling" not in text


def test_a_planned_theme_day_is_told_as_being_prepared_with_its_date_and_place_once():
    text = narrative.draft("trials.themeday", TRIALS, narrative.Context({}, date(2023, 4, 14)))
    assert text.startswith(
        "Netværket er i færd med at forberede en temadag den 27. april 2023 på Rødovre Rådhus "
        "for skoleledelserne."
    )
    assert "i slutningen af april" not in text  # the date says it once
    # the day's own description, in its own future tense
    assert "Temadagen vil byde på præsentationer af prøvehandlinger." in text


def test_a_held_theme_day_tells_the_plans_and_how_far_they_had_come():
    day = {
        **TRIALS["theme_days"][0],
        "held": True,
        "rollout_plans": [
            {"school": "A", "follow_up": "done"},
            {"school": "B", "follow_up": "in_progress"},
            {"school": "C", "follow_up": "in_progress"},
        ],
    }
    text = narrative.draft("trials.themeday", {"theme_days": [day]}, CTX)
    assert "Netværket afholdt den 27. april 2023 en temadag på Rødovre Rådhus" in text
    assert "seks præsentationer" in text
    assert "lagde tre af de seks skoler en plan" in text
    assert "Pr. 30. juni 2023 er én af planerne gennemført, og to er i gang." in text


def test_the_consultants_approved_example_is_woven_in_where_the_seed_note_has_it():
    text = narrative.draft("consultants", CONSULTANTS, CTX)
    assert "De to trivsels- og udviklingskonsulenter er kommet godt fra start" in text
    assert (
        "Siden konsulenterne startede den 16. januar 2023, har de gennemført 40 aktiviteter i 20 "
        "klasser på alle seks skoler: tolv observationer og én vejledning."
    ) in text
    assert "12" not in text  # up to twelve: words
    assert "fem PIT-møder på tre af de seks skoler" in text
    assert "×" not in text
    # the seed's order: what they do, the example as its author wrote it, then the rounding off
    example = text.index("Et konkret eksempel på, hvor konsulenterne har kunnet understøtte")
    assert text.index("(PIT).") < example < text.index("Godkendt eksempel.")
    assert text.index("Godkendt eksempel.") < text.index("Det er en stor styrke")
    # the figures after the example, next to the chart
    assert text.index("Det er en stor styrke") < text.index("Siden konsulenterne startede")
    assert "beskrevet nedenfor" not in text
    assert not hasattr(figures("consultants", CONSULTANTS), "examples")  # no box beside it


def test_an_example_that_introduces_itself_is_printed_as_written():
    case = "Et konkret eksempel på, hvor konsulenterne har kunnet understøtte personalet, er X."
    facts = {**CONSULTANTS, "example_cases": [{"title": "T", "text": case}]}
    paragraphs = narrative.draft("consultants", facts, CTX).split("\n\n")
    assert case in paragraphs


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


def test_a_course_without_participants_yet_says_so_in_words():
    event = {
        "kind": "course",
        "title": "Kreative processer",
        "first_day": "2024-02-07",
        "last_day": "2024-04-10",
        "registrations": 0,
        "participants_per_school": [],
        "description": "",
        "facilitators": [],
    }
    text = narrative.draft("conference.course", {"planned": [event]}, CTX)
    assert "er der endnu ikke tilmeldt skolepædagoger." in text
    assert " 0 " not in text and "deltager ingen" not in text
    event["registrations"] = 1
    event["participants_per_school"] = [{"school": "Valhøj Skole", "count": 1}]
    text = narrative.draft("conference.course", {"planned": [event]}, CTX)
    # a course after the note's date is told in the future tense
    assert text == (
        "Én skolepædagog fra én af de seks skoler vil deltage i en særligt tilrettelagt "
        "efteruddannelse fra 7. februar til 10. april 2024."
    )
    running = narrative.Context(CTX.facts, date(2024, 3, 1))
    assert "deltager i en særligt" in narrative.draft(
        "conference.course", {"planned": [event]}, running
    )
