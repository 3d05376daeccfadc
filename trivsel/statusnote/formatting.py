"""Danish formatting of numbers, amounts and dates for the note's sentences and tables (the note is
always Danish, whatever language the coordinator's browser uses).

Counted nouns go through ``count(n, noun)``: gettext's ``ngettext`` picks singular or plural (and
the agreeing adjective: «ét nyt trivselsforløb», «to nye trivselsforløb»), and small numbers are
written in words as Danish administrative prose does («seks skoler», «ingen klasser», «én skole»,
«ét oplæg» — the numeral one with its accent, never to be read as the article). Every counted
noun of the note is in ``NOUNS``; the tests check 0, 1 and 2 of each. A sentence never starts
with digits: ``count(..., start=True)`` writes up to twenty in words («Tolv udvalgte …»).

``typography`` gives the drafted prose Danish typography: »…« quotes and spaced en dashes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

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
    "én",
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
    "tretten",
    "fjorten",
    "femten",
    "seksten",
    "sytten",
    "atten",
    "nitten",
    "tyve",
)


WORDS_UP_TO = 12  # «tolv skoler», «13 skoler»: the municipality's style for numbers in running text
START_WORDS_UP_TO = 20  # a sentence never starts with digits: «Tolv udvalgte medarbejdere …»


def in_words(value: int, neuter: bool = False, *, start: bool = False) -> str:
    """Danish prose writes small counts in words: «de to konsulenter», «tolv skoler», «13 skoler»; one agrees
    with its noun and is the numeral, accented («én skole», «ét oplæg»). At the start of a
    sentence (``start``) numbers up to twenty are words too."""
    if value == 1:
        return "ét" if neuter else "én"
    limit = START_WORDS_UP_TO if start else WORDS_UP_TO
    return _WORDS[value] if 0 <= value <= limit else number(value)


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
    "session": Noun(ngettext_lazy("%(n)s session", "%(n)s sessioner", "count"), C),
    "kursusdag": Noun(ngettext_lazy("%(n)s kursusdag", "%(n)s kursusdage", "count"), C),
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
    "PIT-møde": Noun(ngettext_lazy("%(n)s PIT-møde", "%(n)s PIT-møder", "count"), N),
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


def count(value: int, noun: str, *, words: bool = True, start: bool = False) -> str:
    """«seks skoler», «én skole», «ingen skoler», «ét nyt trivselsforløb», «1.708 elever»;
    ``start``: the first words of a sentence, capitalised and never digits up to twenty."""
    entry = NOUNS[noun]
    value = int(value or 0)
    if value == 0 and words:
        written = "ingen"
    else:
        written = in_words(value, entry.neuter, start=start) if words else number(value)
    text = str(entry.forms % {"count": value, "n": written})
    return capitalise(text) if start else text


def of(part: int, whole: int, noun: str, *, start: bool = False) -> str:
    """«alle seks skoler», «fire af de seks skoler», «én af de seks skoler», «ingen af de …»."""
    whole_text = count(whole, noun).split(" ", 1)
    if whole and part == whole:
        text = "begge " + whole_text[1] if whole == 2 else f"alle {' '.join(whole_text)}"
    else:
        first = "ingen" if not part else in_words(part, NOUNS[noun].neuter, start=start)
        text = f"{first} af de {' '.join(whole_text)}"
    return capitalise(text) if start else text


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
    """An estimate at a sensible precision: three significant digits, the third rounded to a
    five — «ca. 615.000 kr.» for 614.736, «ca. 48.500 kr.» for 48.250."""
    amount = Decimal(str(value or 0))
    if amount <= 0:
        return kr(0)
    digits = len(str(int(amount)))
    step = 5 * 10 ** max(digits - 3, 0) if digits >= 3 else 1
    rounded = (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    return f"ca. {number(int(rounded))} kr."


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


def from_to(first: str | date, last: str | date) -> str:
    """«fra 12. september til 21. november 2023», «fra 5. til 7. marts 2024», or «den 5. marts
    2024» for one day."""
    a = date.fromisoformat(first) if isinstance(first, str) else first
    b = date.fromisoformat(last) if isinstance(last, str) else last
    if a == b:
        return f"den {day(a)}"
    if (a.year, a.month) == (b.year, b.month):
        return f"fra {a.day}. til {day(b)}"
    if a.year == b.year:
        return f"fra {a.day}. {MONTHS[a.month - 1]} til {day(b)}"
    return f"fra {day(a)} til {day(b)}"


def month_names(values: list[str | date]) -> str:
    """«i maj og juni 2023»: the months of some days, in order."""
    days = sorted({date.fromisoformat(v) if isinstance(v, str) else v for v in values})
    months: list[tuple[int, int]] = []
    for d in days:
        if (d.year, d.month) not in months:
            months.append((d.year, d.month))
    if not months:
        return ""
    years = {y for y, _ in months}
    if len(years) == 1:
        return "i " + listing([MONTHS[m - 1] for _, m in months]) + f" {months[0][0]}"
    return "i " + listing([f"{MONTHS[m - 1]} {y}" for y, m in months])


def quoted(text: str) -> str:
    """A title in Danish quotation marks: »Du og jeg …«."""
    return f"»{text}«"


# a quotation mark is opening or closing by where it stands: after a space (or at the start)
# and before a letter it opens, after a letter and before a space or a full stop it closes
_OPENING = re.compile(r'(?:(?<=^)|(?<=[\s(\[–—-]))[«"“”„](?=\S)')
_CLOSING = re.compile(r'(?<=\S)[»"”“](?=[\s.,;:!?)\]]|$)')
_DASH = re.compile(r"[ \t]*—[ \t]*|[ \t]+[–-][ \t]+")


def typography(text: str) -> str:
    """Danish typography for the drafted prose: »…« quotes (for «…», "…", “…”, ”…”; a text
    already quoting »…« stays as it is) and one kind of dash between words, the spaced en dash
    (for em dashes and spaced hyphens)."""
    text = _OPENING.sub("»", text or "")
    text = _CLOSING.sub("«", text)
    return _DASH.sub(" – ", text)


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
