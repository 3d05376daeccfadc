"""The status-note section protocol: how every app contributes to the half-yearly note without the
note importing the app.

Each app that has something to tell puts a ``statusnote.py`` module beside its models::

    from trivsel.schools import sections

    @sections.register(key="trials", title=_("Prøvehandlinger"), order=10, query_budget=6)
    def section(period, as_of) -> dict:
        '''What happened in ``period`` (a schools.Period) and what is planned after ``as_of``.'''
        return {"actions": [...], "planned": [...]}

The function returns JSON-able facts only (str, int, float, bool, None, lists and dicts with string
keys; dates as ISO strings): a final note freezes exactly that dict. It runs a fixed number of
queries, at most ``query_budget``, however much data there is. ``tests/schools/
test_section_contract.py`` checks every registered section against an empty database and the demo
at 1× and 2× scale, so a new section is tested by registering it.

The modules are discovered at start-up (``SchoolsConfig.ready`` calls ``autodiscover``), like
Django admin's ``admin.py``. The note uses ``sections.all()`` (in ``order``) and
``sections.collect(period, as_of)``. A section registered with ``counts_since=True`` also takes
``since`` (keyword): the first day the note counts from when it follows up an earlier note, so that
nothing falls between two notes (``since`` is the day after the earlier note's as-of date).

Follow-up: what a final note stated as planned is recorded as commitments, each with a ``ref``
(«trials.themeday:3») its section gave in its facts. The next note asks the section what became of
them: a section registers ``@sections.follows_up("trials")`` on
``def follow_up(refs, since, as_of) -> {ref: {"state": ..., "date": ..., "detail": {...}}}`` —
``state`` one of held, started, done, planned, delayed, dropped, none; JSON-able like the facts,
as of ``as_of`` (``since`` is the earlier note's date), in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

SectionFunc = Callable[[Any, date], dict]


@dataclass(frozen=True)
class Section:
    key: str  # stable: a final note stores its facts under it
    title: str  # lazy translation; str() it when rendering
    order: int
    query_budget: int
    func: SectionFunc
    counts_since: bool = False  # the function takes ``since`` (see the module's docstring)

    def __call__(self, period, as_of: date, since: date | None = None) -> dict:
        if self.counts_since and since is not None:
            return self.func(period, as_of, since=since)
        return self.func(period, as_of)


_registry: dict[str, Section] = {}
FollowUpFunc = Callable[[list[str], date, date], dict[str, dict]]
_follow_ups: dict[str, FollowUpFunc] = {}


def register(*, key: str, title, order: int = 100, query_budget: int, counts_since: bool = False):
    """Decorator: registers ``func(period, as_of) -> dict`` as the note's section ``key``
    (``counts_since``: it also takes ``since=``)."""

    def decorator(func: SectionFunc) -> SectionFunc:
        existing = _registry.get(key)
        if existing is not None and _qualname(existing.func) != _qualname(func):
            raise ImproperlyConfigured(
                f"status-note section {key!r} is registered twice: "
                f"{_qualname(existing.func)} and {_qualname(func)}"
            )
        _registry[key] = Section(
            key=key,
            title=title,
            order=order,
            query_budget=query_budget,
            func=func,
            counts_since=counts_since,
        )
        return func

    return decorator


def follows_up(key: str):
    """Decorator: ``func(refs, since, as_of) -> {ref: outcome}`` answers for section ``key``'s
    commitments (see the module's docstring)."""

    def decorator(func: FollowUpFunc) -> FollowUpFunc:
        _follow_ups[key] = func
        return func

    return decorator


def follow_up(key: str, refs: list[str], since: date, as_of: date) -> dict[str, dict]:
    """What became of ``refs`` (section ``key``'s commitments) by ``as_of``; a section without a
    follow-up, or a ref it no longer knows, answers nothing (the note says so)."""
    func = _follow_ups.get(key)
    return func(list(refs), since, as_of) if func and refs else {}


def autodiscover() -> None:
    """Imports every installed app's ``statusnote`` module (which registers its sections)."""
    autodiscover_modules("statusnote")


def all() -> list[Section]:  # read as sections.all(); shadows the builtin here only
    """The registered sections in the note's order (then by key)."""
    return sorted(_registry.values(), key=lambda s: (s.order, s.key))


def get(key: str) -> Section:
    return _registry[key]


def collect(period, as_of: date, since: date | None = None) -> dict[str, dict]:
    """Every section's facts for ``period`` as seen on ``as_of``, keyed by section key, in order;
    ``since``: the day the note counts from, for the sections that count from it."""
    return {section.key: section(period, as_of, since) for section in all()}


def _qualname(func) -> str:
    return f"{func.__module__}.{func.__qualname__}"
