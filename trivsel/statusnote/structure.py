"""Where each section's facts go in the note: the chapters and headings of the seed note
(../shared/seeds/statusnotat-sundhed-og-trivsel.txt), declared once.

A part names the section it reads (``key``, a ``trivsel.schools.sections`` key), its heading (None:
the headings come from the facts, e.g. one per trial theme such as «Søvn») and its id — the key of
its text in ``StatusNote.narratives``. A section that is not registered, or has nothing for the
period, still gets its heading and one «no data» line. Registered sections that no part names are
shown under «Øvrige indsatser», so a new app appears in the note without touching this file.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

TITLE = "Statusnotat Sundhed og Trivsel"
HEADER = "Rødovre Kommune · Skoleområdet"

# The seed note's introduction, with its three bullet points («- » starts a bullet).
INTRODUCTION = (
    "Der gives hermed den halvårlige status på Skoleområdets arbejde med Sundhed & Trivsel. "
    "Notatet indeholder beskrivelser af, hvordan:\n"
    "\n"
    "- netværk og konsulenter arbejder med praksisnære tiltag, der gør en konkret forskel for "
    "børn og unges mentale sundhed og trivsel,\n"
    "- Åben Skole-relaterede aktiviteter fremadrettet knyttes tættere til netværkets arbejde samt\n"
    "- vi fortsat styrker kapacitetsopbygning og kompetenceudvikling i forhold til arbejdet med "
    "børn og unges sundhed og trivsel."
)
OPEN_SCHOOL_PLANNED = "Åben Skole-relaterede aktiviteter fremadrettet knyttes tættere"
OPEN_SCHOOL_STARTED = "Åben Skole-relaterede aktiviteter nu er knyttet tættere"


def introduction(facts: dict) -> str:
    """The seed's introduction in the tense of the note's date: once the network administers the
    Åben Skole money (a programme runs as of the date), the activities «nu er knyttet tættere»."""
    running = bool((facts.get("openschool") or {}).get("programmes"))
    return (
        INTRODUCTION.replace(OPEN_SCHOOL_PLANNED, OPEN_SCHOOL_STARTED) if running else INTRODUCTION
    )


@dataclass(frozen=True)
class Part:
    id: str  # key of the part's text in StatusNote.narratives
    key: str  # the section it reads
    heading: str | None  # None: headings from the facts (trial themes)
    nothing: str  # the one line when the section has no data for the period


@dataclass(frozen=True)
class Chapter:
    heading: str
    parts: tuple[Part, ...]


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(
        "Netværket Sundhed & Trivsel",
        (
            Part(
                "trials",
                "trials",
                None,
                _("Der er ikke registreret prøvehandlinger i perioden."),
            ),
            Part(
                "trials.themeday",
                "trials",
                "Temadag",
                _("Der er ikke afholdt eller planlagt en temadag i perioden."),
            ),
            Part(
                "consultants",
                "consultants",
                "Praksisnær understøttelse",
                _("Der er ikke registreret konsulentaktiviteter i perioden."),
            ),
        ),
    ),
    Chapter(
        "Trivselsfremmende aktiviteter i Åben Skole-regi",
        (
            Part(
                "openschool",
                "openschool",
                None,  # the chapter's own opening text: the use of the funds
                _("Der er ingen Åben Skole-midler registreret for perioden."),
            ),
            Part(
                "headspace",
                "headspace",
                "Headspace",
                _("Der er ingen Headspace-oplæg registreret for perioden."),
            ),
            Part(
                "griefgroups",
                "griefgroups",
                "Sorggrupper",
                _("Der er ingen sorggruppeaktiviteter registreret for perioden."),
            ),
        ),
    ),
    Chapter(
        "Kapacitetsopbygning og kompetenceudvikling",
        (
            Part(
                "conference",
                "conference",
                "Konference",
                _("Der er ingen konference i perioden eller planlagt."),
            ),
            Part(
                "conference.course",
                "conference",
                "Efteruddannelse af skolepædagoger",
                _("Der er ingen efteruddannelse af skolepædagoger i perioden eller planlagt."),
            ),
        ),
    ),
)

# Sections the note uses elsewhere (the introduction's key figures) or maps above.
INTRODUCTION_KEY = "schools"
OTHER_CHAPTER = _("Øvrige indsatser")


def parts() -> list[Part]:
    return [part for chapter in CHAPTERS for part in chapter.parts]


def part_ids() -> list[str]:
    return [part.id for part in parts()]


def mapped_keys() -> set[str]:
    return {part.key for part in parts()} | {INTRODUCTION_KEY}
