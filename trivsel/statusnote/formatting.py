"""Danish formatting of numbers, amounts and dates for the note's sentences and tables (the note is
always Danish, whatever language the coordinator's browser uses).

Counted nouns go through ``count(n, noun)``: gettext's ``ngettext`` picks singular or plural (and
the agreeing adjective: «et nyt trivselsforløb», «to nye trivselsforløb»), and small numbers are
written in words as Danish administrative prose does («seks skoler», «ingen klasser», «en skole»,
«et oplæg»). Every counted noun of the note is in ``NOUNS``; the tests check 0, 1 and 2 of each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import ngettext_lazy

MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def number(value) -> str:
    """1.234 (thousands with a dot), 2,5 (decimal comma)."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        whole, _, decimals = f"{value:,.1f}".partition(".")
        return f"{whole.replace(',', '.')},{decimals}"
    return f"{int(value):,}".replace(",", ".")


_WORDS = (
    "nul",
    "en",
    "to",
    "tre",
    "fire",
    "fem",
    "seks",
    "syv",
    "otte",
    "ni",
    "ti",
    "elleve",
    "tolv",
)


WORDS_UP_TO = 10  # «ti skoler», «11 skoler»: the municipality's style for numbers in running text


def in_words(value: int, neuter: bool = False) -> str:
    """Danish prose writes small counts in words: «de to konsulenter», «11 skoler»; one agrees
    with its noun («en skole», «et oplæg»)."""
    if value == 1:
        return "et" if neuter else "en"
    return _WORDS[value] if 0 <= value <= WORDS_UP_TO else number(value)


@dataclass(frozen=True)
class Noun:
    forms: object  # ngettext_lazy with the number under "count" and the written number as "n"
    neuter: bool = False  # «et» (intetkøn) or «en» (fælleskøn)


C, N = False, True
NOUNS: dict[str, Noun] = {
    "skole": Noun(ngettext_lazy("%(n)s skole", "%(n)s skoler", "count"), C),
    "klasse": Noun(ngettext_lazy("%(n)s klasse", "%(n)s klasser", "count"), C),
    "elev": Noun(ngettext_lazy("%(n)s elev", "%(n)s elever", "count"), C),
    "henvist elev": Noun(ngettext_lazy("%(n)s henvist elev", "%(n)s henviste elever", "count"), C),
    "prøvehandling": Noun(
        ngettext_lazy("%(n)s prøvehandling", "%(n)s prøvehandlinger", "count"), C
    ),
    "præsentation": Noun(ngettext_lazy("%(n)s præsentation", "%(n)s præsentationer", "count"), C),
    "udrulningsplan": Noun(
        ngettext_lazy("%(n)s udrulningsplan", "%(n)s udrulningsplaner", "count"), C
    ),
    "aktivitet": Noun(ngettext_lazy("%(n)s aktivitet", "%(n)s aktiviteter", "count"), C),
    "observation": Noun(ngettext_lazy("%(n)s observation", "%(n)s observationer", "count"), C),
    "vejledning": Noun(ngettext_lazy("%(n)s vejledning", "%(n)s vejledninger", "count"), C),
    "sparringssamtale": Noun(
        ngettext_lazy("%(n)s sparringssamtale", "%(n)s sparringssamtaler", "count"), C
    ),
    "forløbsgang": Noun(ngettext_lazy("%(n)s forløbsgang", "%(n)s forløbsgange", "count"), C),
    "anden aktivitet": Noun(
        ngettext_lazy("%(n)s anden aktivitet", "%(n)s andre aktiviteter", "count"), C
    ),
    "trivselsforløb": Noun(
        ngettext_lazy("%(n)s trivselsforløb", "%(n)s trivselsforløb", "count"), N
    ),
    "nyt trivselsforløb": Noun(
        ngettext_lazy("%(n)s nyt trivselsforløb", "%(n)s nye trivselsforløb", "count"), N
    ),
    "møde": Noun(ngettext_lazy("%(n)s møde", "%(n)s møder", "count"), N),
    "oplæg": Noun(ngettext_lazy("%(n)s oplæg", "%(n)s oplæg", "count"), N),
    "tilbagemelding": Noun(
        ngettext_lazy("%(n)s tilbagemelding", "%(n)s tilbagemeldinger", "count"), C
    ),
    "tilmeldt deltager": Noun(
        ngettext_lazy("%(n)s tilmeldt deltager", "%(n)s tilmeldte deltagere", "count"), C
    ),
    "deltager": Noun(ngettext_lazy("%(n)s deltager", "%(n)s deltagere", "count"), C),
    "skolepædagog": Noun(ngettext_lazy("%(n)s skolepædagog", "%(n)s skolepædagoger", "count"), C),
    "udvalgt medarbejder": Noun(
        ngettext_lazy("%(n)s udvalgt medarbejder", "%(n)s udvalgte medarbejdere", "count"), C
    ),
    "kursusgang": Noun(ngettext_lazy("%(n)s kursusgang", "%(n)s kursusgange", "count"), C),
    "sorggruppe": Noun(ngettext_lazy("%(n)s sorggruppe", "%(n)s sorggrupper", "count"), C),
    "gruppe": Noun(ngettext_lazy("%(n)s gruppe", "%(n)s grupper", "count"), C),
    "plads": Noun(ngettext_lazy("%(n)s plads", "%(n)s pladser", "count"), C),
    "dag": Noun(ngettext_lazy("%(n)s dag", "%(n)s dage", "count"), C),
    "uddannelsesdag": Noun(
        ngettext_lazy("%(n)s uddannelsesdag", "%(n)s uddannelsesdage", "count"), C
    ),
    "ansøgning": Noun(ngettext_lazy("%(n)s ansøgning", "%(n)s ansøgninger", "count"), C),
    "ledertime": Noun(ngettext_lazy("%(n)s ledertime", "%(n)s ledertimer", "count"), C),
    "konsulent": Noun(ngettext_lazy("%(n)s konsulent", "%(n)s konsulenter", "count"), C),
}


def count(value: int, noun: str, *, words: bool = True) -> str:
    """«seks skoler», «en skole», «ingen skoler», «et nyt trivselsforløb», «1.708 elever»."""
    entry = NOUNS[noun]
    value = int(value or 0)
    if value == 0 and words:
        written = "ingen"
    else:
        written = in_words(value, entry.neuter) if words else number(value)
    return str(entry.forms % {"count": value, "n": written})


def of(part: int, whole: int, noun: str) -> str:
    """«alle seks skoler», «fire af de seks skoler», «en af de seks skoler», «ingen af de …»."""
    whole_text = count(whole, noun).split(" ", 1)
    if whole and part == whole:
        return "begge " + whole_text[1] if whole == 2 else f"alle {' '.join(whole_text)}"
    first = "ingen" if not part else in_words(part, NOUNS[noun].neuter)
    return f"{first} af de {' '.join(whole_text)}"


def genitive(name: str) -> str:
    """Danish genitive: «Headspaces», «Kræftens Bekæmpelses», «MIT's», «Jens'»."""
    if not name:
        return name
    if name[-1] in "sxzSXZ":
        return name + "'"
    if name.isupper():
        return name + "'s"
    return name + "s"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def approx_kr(value) -> str:
    """An estimate rounded to two significant digits: «ca. 610.000 kr.»."""
    amount = float(value or 0)
    if amount <= 0:
        return kr(0)
    digits = len(str(int(amount)))
    step = 10 ** max(digits - 2, 0)
    return f"ca. {number(round(amount / step) * step)} kr."


def decimal(value) -> str:
    """2,5 — a measured figure with at most one decimal."""
    if value is None:
        return "—"
    value = float(Decimal(str(value)))
    return number(value if not value.is_integer() else int(value))


def score(value) -> str:
    """An average on a 1–5 scale, always with one decimal: «4,0», «3,8»."""
    if value is None:
        return "—"
    return f"{float(value):.1f}".replace(".", ",")


def part_of_month(value: str | date) -> str:
    """«i begyndelsen af maj», «i midten af april», «i slutningen af april»."""
    d = date.fromisoformat(value) if isinstance(value, str) else value
    part = "begyndelsen" if d.day <= 10 else "midten" if d.day <= 20 else "slutningen"
    return f"i {part} af {MONTHS[d.month - 1]}"


def kr(value) -> str:
    return f"{number(round(float(value or 0)))} kr."


def day(value: str | date | None) -> str:
    """«27. april 2023»."""
    if not value:
        return "—"
    d = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def short_day(value: str | date | None) -> str:
    if not value:
        return "—"
    d = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def day_range(first: str, last: str) -> str:
    """«5.–7. marts 2024», «28. februar–2. marts 2024», or one day."""
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    if a == b:
        return day(a)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}.–{b.day}. {MONTHS[b.month - 1]} {b.year}"
    if a.year == b.year:
        return f"{a.day}. {MONTHS[a.month - 1]}–{b.day}. {MONTHS[b.month - 1]} {b.year}"
    return f"{day(a)}–{day(b)}"


def season(value: str | date) -> str:
    """«foråret 2023» (January–June) or «efteråret 2023»."""
    d = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{'foråret' if d.month <= 6 else 'efteråret'} {d.year}"


def listing(items: list[str]) -> str:
    """«a, b og c»."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} og {items[-1]}"
