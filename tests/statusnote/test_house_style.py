"""The note reads like a note to politicians, on the demo's notes (spring 2023 as of 14 April and
30 June, autumn 2023 as of 30 September and 31 December): no sentence starts with digits; every
table and figure earns its place (never a table of zeros, one row or identical rows); the
conference table nests the organisations as the text does; the text flows from page to page
without a gap at the foot of a page; and the head has a date and no internal words."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils import timezone
from weasyprint import HTML

from trivsel.schools.models import Period
from trivsel.statusnote import compose, rendering, services
from trivsel.statusnote.figures import Table, earns_its_place

pytestmark = pytest.mark.django_db

NOTES = [
    ("Forår 2023", date(2023, 4, 14)),
    ("Forår 2023", date(2023, 6, 30)),
    ("Efterår 2023", date(2023, 9, 30)),
    ("Efterår 2023", date(2023, 12, 31)),
]
# a full stop after these does not end a sentence: «Pr. 31. december», «ca. 615.000 kr.»
ABBREVIATIONS = {"Pr.", "pr.", "ca.", "nr.", "kl.", "bl.a.", "jf.", "f.eks.", "inkl."}


@pytest.fixture
def views(spring_2023):
    out = []
    for name, as_of in NOTES:
        note = services.note_create_draft(period=Period.objects.get(name=name), as_of=as_of)
        out.append((note, compose.compose(note)))
    return out


def texts(view) -> list[str]:
    return [
        *(b.text or " ".join(b.items) for b in view.intro),
        *(
            text
            for chapter in view.chapters
            for part in chapter.parts
            for text in [*part.follow_up, *(b.text for b in part.blocks)]
        ),
    ]


def sentence_starts(text: str) -> list[str]:
    """The first word of every sentence of ``text``."""
    starts = [text.split()[0]] if text.split() else []
    for m in re.finditer(r"[.!?][«]?\s+(\S+)", text):
        before = text[: m.start() + 1].split()[-1]
        # «Pr.» and its like, and a day or an ordinal («31. december», «8. årgang»)
        if before not in ABBREVIATIONS and not re.fullmatch(r"[\d.–]*\d{1,2}\.", before):
            starts.append(m.group(1))
    return starts


def test_sentence_starts_are_found_after_a_full_stop_but_not_after_an_abbreviation():
    text = "To skoler. Pr. 31. december er 12 med. 12 udvalgte. Ca. 615.000 kr. om 5.–7. marts."
    assert sentence_starts(text) == ["To", "Pr.", "12", "Ca.", "om"]
    assert sentence_starts("Han skrev: »Ja.« 12 mere.") == ["Han", "12"]


def test_no_sentence_of_the_notes_starts_with_digits(views):
    for note, view in views:
        for text in texts(view):
            digits = [w for w in sentence_starts(text) if w[:1].isdigit()]
            assert not digits, (str(note), note.as_of, text)


def all_tables(view) -> list[Table]:
    return [
        table
        for figures in [view.intro_figures, *(p.figures for c in view.chapters for p in c.parts)]
        for table in figures.tables
    ]


def test_every_table_and_figure_of_the_notes_earns_its_place(views):
    for note, view in views:
        for table in all_tables(view):
            assert len(table.rows) > 1, (note.as_of, table.caption)
            assert any(v for row in table.values for v in row), (note.as_of, table.caption)
            assert len({tuple(row) for row in table.values}) > 1, (note.as_of, table.caption)
            for column in range(len(table.values[0])):  # no column of zeros
                assert any(row[column] for row in table.values), (note.as_of, table.caption)
        for part in (p for c in view.chapters for p in c.parts):
            if part.figures.chart:
                assert len(part.figures.chart_items) > 1 and all(
                    value for _label, value in part.figures.chart_items
                )
    spring = views[0][1]
    assert [t.caption for t in all_tables(spring)] == [
        "Tilmeldte til »Du og jeg, en verden i Rødovre – en konference om trivsel, fællesskaber "
        "og forandringer« efter organisation, 14. april 2023"
    ]


def test_a_table_that_says_nothing_a_sentence_does_not_is_left_out():
    def table(rows):
        return Table(
            "T",
            ["Skole", "A", "B"],
            [[n, "", ""] for n, *_ in rows],
            {1, 2},
            values=[list(values) for _n, *values in rows],
        )

    assert earns_its_place(table([("Valhøj", 8, 0)])) is None  # one row
    assert earns_its_place(table([("Valhøj", 0, 0), ("Nyager", 0, 0)])) is None  # zeros
    assert earns_its_place(table([("Valhøj", 1, 2), ("Nyager", 1, 2)])) is None  # identical
    kept = earns_its_place(table([("Valhøj", 1, 0), ("Nyager", 2, 0)]))
    assert kept.headers == ["Skole", "A"] and kept.values == [[1], [2]]  # no column of zeros


def test_the_conference_table_nests_the_organisations_as_the_text_does(views):
    spring = views[0][1]
    conference = next(p for c in spring.chapters for p in c.parts if p.id == "conference")
    (table,) = conference.figures.tables
    rows = [(row.cells[0], row.level, int(row.cells[1])) for row in table.body]
    names = [name for name, _level, _n in rows]
    assert rows[0] == ("Børne- og Kulturforvaltningen", 0, 80)
    assert ("Skoleområdet", 1, 32) in rows and ("SFO og klub", 2, 10) in rows
    assert names.index("SFO og klub") == names.index("Skoleområdet") + 1
    assert names.index("Skiftesporet") == names.index("Børne- og Familieafdelingen") + 1
    assert rows[-1] == ("I alt", 0, 100)
    assert sum(n for name, level, n in rows if level == 0 and name != "I alt") == 100
    # every total is the sum of the rows under it: a department's own sign-ups are a row
    for i, (name, level, n) in enumerate(rows[:-1]):
        below = []
        for _other, other_level, m in rows[i + 1 :]:
            if other_level <= level:
                break
            if other_level == level + 1:
                below.append(m)
        assert not below or sum(below) == n, name
    assert ("Forvaltningen i øvrigt", 1, 5) in rows
    assert ("Børne- og Familieafdelingen i øvrigt", 2, 8) in rows
    # the text names them in the table's order: the administrations and unions, then the units
    text = " ".join(b.text for b in conference.blocks)
    text = text[text.index("tilmeldte deltagere fra") :]
    top = [n for n, level, _ in rows if level == 0 and n != "I alt"]
    assert top == [
        "Børne- og Kulturforvaltningen",
        "Teknisk Forvaltning",
        "BUPL",
        "Rødovre Lærerforening",
    ]
    assert sorted(top, key=text.find) == top
    detail = text[text.index("Fra Børne- og Kulturforvaltningen deltager") :]
    units = [n for n, level, _ in rows if level in (1, 2) and "i øvrigt" not in n]
    assert sorted(units, key=detail.find) == units
    assert "(herunder SFO og klub)" in detail and "(med " not in detail


def page_fill(note) -> list[float]:
    """How far down its page the text of each page of the PDF reaches (0–1)."""
    html = rendering.render_html(compose.compose(note))
    document = HTML(string=html).render(stylesheets=rendering._stylesheets())
    fills = []
    for page in document.pages:
        box = page._page_box
        root = next(c for c in box.children if getattr(c, "element_tag", "") == "html")
        bottoms: list[float] = []
        _bottoms(root, bottoms)
        fills.append((max(bottoms) - box.content_box_y()) / box.height)
    return fills


def _bottoms(box, out: list[float]) -> None:
    if type(box).__name__ == "LineBox" or getattr(box, "element_tag", "") == "tr":
        out.append(box.position_y + box.margin_height())
    for child in getattr(box, "children", []):
        _bottoms(child, out)


def test_the_text_flows_on_so_no_page_but_the_last_ends_with_a_gap(views):
    """The spring note's first page used to stop a third of the way short: the whole consultants'
    part was kept together. A heading keeps with its text and a table stays whole (a long one
    goes on over the page); nothing more is kept together — at most a short table moved whole to
    the next page leaves a little room."""
    for note, _view in (views[0], views[3]):
        fills = page_fill(note)
        assert len(fills) >= 4
        assert all(fill > 0.8 for fill in fills[:-1]), (note.as_of, fills)
        assert fills[0] > 0.9, (note.as_of, fills)


def test_the_head_of_a_draft_has_a_date_and_no_internal_words(views):
    for note, view in views:
        head = dict(view.front_matter)
        # dated the day it was drafted; the day the figures are counted to beside it
        assert head["Dato"] == compose.day(timezone.localtime(note.created_at).date())
        assert head["Opgjort pr."] == compose.day(note.as_of)
        html = rendering.render_html(view)
        assert "opgjort pr." not in html and "version" not in html.split("<article")[1][:400]
        assert "Udkast" not in head.values()


def test_the_text_refers_to_every_figure_and_table_and_they_say_their_period(views):
    for note, view in views:
        for part in (p for c in view.chapters for p in c.parts):
            said = " ".join([*part.follow_up, *(b.text for b in part.blocks)])
            labels = [part.figures.chart_label] if part.figures.chart_label else []
            labels += [t.label for t in part.figures.tables]
            for label in labels:
                kind, number = label.split(":")[0].split()
                assert f"({kind.lower()} {number})" in said, (note.as_of, part.id, label)
        chart = next(p for c in view.chapters for p in c.parts if p.id == "consultants")
        assert re.search(
            r"efter type, \d+\. \w+(–| \d{4}–)\d+\. \w+ \d{4}$", chart.figures.chart_label
        )
