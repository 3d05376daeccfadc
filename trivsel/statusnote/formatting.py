"""Danish formatting of numbers, amounts and dates for the note's sentences and tables (the note is
always Danish, whatever language the coordinator's browser uses)."""

from __future__ import annotations

from datetime import date

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


def in_words(value: int) -> str:
    """Danish prose writes small counts in words: «de to konsulenter», «13 skoler»."""
    return _WORDS[value] if 0 <= value < len(_WORDS) else number(value)


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


def of(part: int, whole: int, noun: str) -> str:
    """«alle 6 skoler» or «4 af 6 skoler»."""
    if whole and part == whole:
        return f"alle {number(whole)} {noun}"
    return f"{number(part)} af {number(whole)} {noun}"
