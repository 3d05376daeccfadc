"""Composes a note from its facts and texts into what every output renders (HTML preview, PDF,
.docx): chapters and parts in the seed note's structure, text blocks, tables, charts.

A draft reads its facts live from the sections; a frozen note (final or superseded) only from its
snapshot, so it comes out the same however the data has changed since. The query count is the
sections' own fixed budgets, whatever the amount of data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from trivsel.schools import sections

from . import narrative, structure
from .figures import Figures, figures, introduction
from .formatting import day
from .models import StatusNote


def collect(period, as_of: date) -> dict:
    """The snapshot a final note freezes: every section's facts and title."""
    return {
        "facts": sections.collect(period, as_of),
        "titles": {s.key: str(s.title) for s in sections.all()},
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


def context(note: StatusNote, snapshot: dict) -> narrative.Context:
    return narrative.Context(
        facts=snapshot.get("facts") or {},
        as_of=note.as_of,
        period=note.period.name,
        extra={"period_end": note.period.end},
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


def part_view(part: structure.Part, note: StatusNote, ctx: narrative.Context) -> PartView:
    facts = ctx.facts.get(part.key)
    stored = (note.narratives or {}).get(part.id)
    text = stored if stored is not None else narrative.draft(part.id, facts, ctx) or ""
    figs = figures(part.id, facts)
    has_data = narrative.draft(part.id, facts, ctx) is not None
    return PartView(
        id=part.id,
        heading=_heading(part, facts),
        blocks=blocks(text),
        nothing=None if (has_data or text.strip()) else str(part.nothing),
        figures=figs if has_data else Figures(),
    )


def compose(note: StatusNote, snapshot: dict | None = None) -> NoteView:
    snapshot = snapshot if snapshot is not None else facts_of(note)
    ctx = context(note, snapshot)
    chapters = []
    for chapter in structure.CHAPTERS:
        chapters.append(
            ChapterView(chapter.heading, [part_view(p, note, ctx) for p in chapter.parts])
        )
    mapped = {p.id for c in structure.CHAPTERS for p in c.parts}
    others = [p for p in all_parts(snapshot) if p.id not in mapped]
    if others:
        chapters.append(
            ChapterView(str(structure.OTHER_CHAPTER), [part_view(p, note, ctx) for p in others])
        )
    frozen = note.is_frozen and note.finalised_at is not None
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
        intro_figures=introduction(ctx.facts.get(structure.INTRODUCTION_KEY)),
        chapters=chapters,
        closing=blocks(note.closing),
    )
