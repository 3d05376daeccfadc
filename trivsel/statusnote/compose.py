"""Composes a note from its facts and texts into what every output renders (HTML preview, PDF,
.docx): chapters and parts in the seed note's structure, text blocks, tables, charts.

A draft reads its facts live from the sections; a frozen note (final or superseded) only from its
snapshot, so it comes out the same however the data has changed since. The query count is the
sections' own fixed budgets, whatever the amount of data.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from trivsel.schools import sections

from . import followup, narrative, structure
from .figures import Figures, figures, introduction
from .formatting import day
from .models import StatusNote


def collect(period, as_of: date) -> dict:
    """The snapshot a final note freezes: every section's facts and title, and the follow-up of
    the last note's commitments. A note that follows up an earlier one counts from the day after
    that note's as-of date, so nothing falls between the two."""
    follow_up = followup.collect(period, as_of)
    since = followup.counts_from(follow_up)
    return {
        "facts": sections.collect(period, as_of, since),
        "titles": {s.key: str(s.title) for s in sections.all()},
        "follow_up": follow_up,
    }


def facts_of(note: StatusNote) -> dict:
    if note.is_frozen and note.snapshot:
        return note.snapshot
    return collect(note.period, note.as_of)


@dataclass
class Block:
    kind: str  # "p" | "ul"
    text: str = ""
    items: list[str] = field(default_factory=list)


def blocks(text: str) -> list[Block]:
    """Paragraphs split by blank lines; lines starting with «- » or «• » are bullet points."""
    out: list[Block] = []
    for chunk in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        para: list[str] = []
        for line in lines:
            if line.startswith(("- ", "• ", "* ")):
                if para:
                    out.append(Block("p", " ".join(para)))
                    para = []
                if not out or out[-1].kind != "ul":
                    out.append(Block("ul"))
                out[-1].items.append(line[2:].strip())
            else:
                para.append(line)
        if para:
            out.append(Block("p", " ".join(para)))
    return out


@dataclass
class PartView:
    id: str
    heading: str
    blocks: list[Block]
    nothing: str | None  # the one «no data» line, when the section had nothing
    figures: Figures
    follow_up: list[str] = field(default_factory=list)  # «Opfølgning …»: one paragraph a promise


@dataclass
class ChapterView:
    heading: str
    parts: list[PartView]


@dataclass
class NoteView:
    title: str
    header: str
    period: str
    version: int
    status: str
    is_final: bool
    as_of: str
    dated: str
    intro: list[Block]
    intro_figures: Figures
    chapters: list[ChapterView]
    closing: list[Block]
    follow_up_note: str = ""  # which note the follow-up is of
    follow_up_heading: str = followup.HEADING
    front_matter: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    is_draft: bool = False


def figure_refs(snapshot: dict) -> dict[str, dict]:
    """«figur 1», «tabel 2»: each part's chart and tables as the text refers to them, numbered
    in reading order as ``number_figures`` labels them."""
    facts = snapshot.get("facts") or {}
    earlier = (snapshot.get("follow_up") or {}).get("last_facts") or {}
    mapped = [p for c in structure.CHAPTERS for p in c.parts]
    ids = {p.id for p in mapped}
    parts = mapped + [p for p in all_parts(snapshot) if p.id not in ids]
    charts = tables = 0
    refs: dict[str, dict] = {}
    for part in parts:
        fig = figures(part.id, facts.get(part.key), earlier.get(part.key))
        ref: dict = {"tables": []}
        if fig.chart_title and fig.chart_items:
            charts += 1
            ref["chart"] = f"figur {charts}"
        for _table in fig.tables:
            tables += 1
            ref["tables"].append(f"tabel {tables}")
        refs[part.id] = ref
    return refs


def context(note: StatusNote, snapshot: dict) -> narrative.Context:
    follow_up = snapshot.get("follow_up") or {}
    return narrative.Context(
        facts=snapshot.get("facts") or {},
        as_of=note.as_of,
        period=note.period.name,
        extra={
            "period_start": note.period.start.isoformat(),
            "period_end": note.period.end,
            # what the follow-up of the last note tells, and what that note described: the
            # texts do not say it again
            "followed": {i["ref"] for i in follow_up.get("items") or []},
            "reported": set(follow_up.get("reported") or []),
            # the figures the last note gave, to compare with
            "last_facts": follow_up.get("last_facts") or {},
            "refs": figure_refs(snapshot),
            # themes schools took up instead of the one they had said they would go on with
            "instead_themes": {
                o["theme"]
                for i in follow_up.get("items") or []
                if i["ref"].startswith("trials.theme:")
                for o in (i.get("detail") or {}).get("other_themes") or []
            },
        },
    )


def drafted_texts(note: StatusNote, snapshot: dict) -> dict[str, str]:
    """The portal's proposal for every part's text (empty where the section has no data)."""
    ctx = context(note, snapshot)
    return {
        part.id: narrative.draft(part.id, ctx.facts.get(part.key), ctx) or ""
        for part in all_parts(snapshot)
    }


def all_parts(snapshot: dict) -> list[structure.Part]:
    """The seed's parts, then one per section the structure does not map (by the snapshot's keys,
    so a frozen note keeps its parts when apps come and go)."""
    titles = snapshot.get("titles") or {}
    extra = [
        structure.Part(key, key, titles.get(key, key), "Der er ingen data for perioden.")
        for key in (snapshot.get("facts") or {})
        if key not in structure.mapped_keys()
    ]
    return structure.parts() + extra


def _heading(part: structure.Part, facts: dict | None) -> str:
    if part.heading:
        return str(part.heading)
    if part.id == "trials":
        themes = [t["theme"] for t in (facts or {}).get("themes") or []]
        return themes[0] if len(themes) == 1 else "Prøvehandlinger"
    return ""


REPORTED_BEFORE = "Sidste statusnotat omtalte dette område. Der er ikke registreret nyt siden da."


def part_view(
    part: structure.Part, note: StatusNote, ctx: narrative.Context, follow_up: dict | None = None
) -> PartView:
    facts = ctx.facts.get(part.key)
    drafted = narrative.draft(part.id, facts, ctx)
    stored = (note.narratives or {}).get(part.id)
    text = stored if stored is not None else drafted or ""
    has_data = drafted is not None
    followed = followup.paragraphs(follow_up, part.id, ctx)
    nothing = None if (has_data or text.strip()) else str(part.nothing)
    if nothing and not followed and part.id in (follow_up or {}).get("reported", []):
        nothing = REPORTED_BEFORE  # a theme the last note reported on is never silently dropped
    return PartView(
        id=part.id,
        heading=_heading(part, facts),
        blocks=blocks(text),
        nothing=None if followed and nothing else nothing,
        figures=(
            figures(part.id, facts, (ctx.extra.get("last_facts") or {}).get(part.key))
            if has_data
            else Figures()
        ),
        follow_up=followed,
    )


def compose(note: StatusNote, snapshot: dict | None = None) -> NoteView:
    snapshot = snapshot if snapshot is not None else facts_of(note)
    ctx = context(note, snapshot)
    follow_up = snapshot.get("follow_up")
    intro_figures = introduction(ctx.facts.get(structure.INTRODUCTION_KEY))
    chapters = []
    for chapter in structure.CHAPTERS:
        chapters.append(
            ChapterView(
                chapter.heading, [part_view(p, note, ctx, follow_up) for p in chapter.parts]
            )
        )
    mapped = {p.id for c in structure.CHAPTERS for p in c.parts}
    others = [p for p in all_parts(snapshot) if p.id not in mapped]
    if others:
        chapters.append(
            ChapterView(
                str(structure.OTHER_CHAPTER), [part_view(p, note, ctx, follow_up) for p in others]
            )
        )
    frozen = note.is_frozen and note.finalised_at is not None
    number_figures(_all_figures(intro_figures, chapters))
    return NoteView(
        title=structure.TITLE,
        header=structure.HEADER,
        period=note.period.name,
        version=note.version,
        status=str(note.get_status_display()),
        is_final=frozen,
        as_of=day(note.as_of),
        # a frozen note is dated by its finalisation, so it renders the same every time
        dated=day(timezone.localtime(note.finalised_at).date()) if frozen else "",
        intro=blocks(note.introduction),
        intro_figures=intro_figures,
        chapters=chapters,
        closing=blocks(note.closing),
        follow_up_note=(follow_up or {}).get("note", ""),
        front_matter=front_matter(note, frozen),
        is_draft=not frozen,
    )


def front_matter(note: StatusNote, frozen: bool) -> list[tuple[str, str]]:
    """Recipient, meeting date, case number, sender and date, as the note's head shows them; the
    day the figures are counted to («Opgjort pr.») when it is not the note's date."""
    # a final note is dated when it was made final, a draft the day it was drafted
    dated = (
        note.dated
        or timezone.localtime(
            note.finalised_at if frozen else note.created_at or timezone.now()
        ).date()
    )
    rows = [
        ("Til", note.recipient),
        ("Mødedato", day(note.meeting_date) if note.meeting_date else ""),
        ("Sagsnr.", note.case_number),
        ("Fra", note.sender),
        ("Dato", day(dated)),
        ("Opgjort pr.", day(note.as_of) if note.as_of != dated else ""),
    ]
    return [(label, value) for label, value in rows if value]


def _all_figures(intro: Figures, chapters: list[ChapterView]) -> list[Figures]:
    return [intro, *(p.figures for c in chapters for p in c.parts)]


def number_figures(all_figures: list[Figures]) -> None:
    """«Figur 1: …» and «Tabel 1: …» through the note, in reading order (the PDF and the Word
    file show the same labels)."""
    charts = tables = 0
    for fig in all_figures:
        if fig.chart_title and fig.chart_items:
            charts += 1
            fig.chart_label = f"Figur {charts}: {fig.chart_title}"
        for table in fig.tables:
            tables += 1
            table.label = f"Tabel {tables}: {table.caption}"


def edited_parts(note: StatusNote) -> set[str]:
    """The parts whose text the coordinator changed from the portal's proposal."""
    drafts = note.drafts or {}
    return {
        part
        for part, text in (note.narratives or {}).items()
        if part in drafts and (text or "").strip() != (drafts[part] or "").strip()
    }


@dataclass
class ChangedPart:
    """An edited part whose data changed since its text was edited: the new proposal, and what
    changed in it word by word (``(kind, words)`` with kind "same", "old" or "new")."""

    id: str
    heading: str
    proposal: str
    changes: list[tuple[str, str]]


def _word_changes(old: str, new: str) -> list[tuple[str, str]]:
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("old", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("new", " ".join(b[j1:j2])))
    return out


def changed_under_edits(note: StatusNote, snapshot: dict | None = None) -> list[ChangedPart]:
    """Where the data changed under a text the coordinator edited (a draft only): the edited text
    stays; the page shows the new proposal beside it."""
    edited = edited_parts(note)
    if not edited or note.is_frozen:
        return []
    snapshot = snapshot if snapshot is not None else facts_of(note)
    proposal = drafted_texts(note, snapshot)
    view = {p.id: p.heading for c in compose(note, snapshot).chapters for p in c.parts}
    out = []
    for part in sorted(edited):
        old, new = (note.drafts or {}).get(part) or "", proposal.get(part) or ""
        if old.strip() != new.strip():
            out.append(ChangedPart(part, view.get(part) or part, new, _word_changes(old, new)))
    return out
