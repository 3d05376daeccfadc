"""The home page's «what needs you» cards: each app contributes its own through a small registry,
so ``trivsel.schools`` (which owns the home page) imports no app.

Each app that has something to ask of a user puts a ``home.py`` module beside its models::

    from trivsel.schools import homecards

    @homecards.register(key="trials", order=10, query_budget=1)
    def cards(user, role: str) -> list[homecards.Card]:
        '''The cards for ``user`` (role is ``access.role_of(user)``): counts and a link.'''
        ...

A provider returns a few cards for the roles it serves and ``[]`` for the others, in a fixed
number of queries (at most ``query_budget``) whatever the amount of data — the home page's query
count is pinned in ``tests/schools/test_home_cards.py``. The modules are discovered at start-up
(``SchoolsConfig.ready`` calls ``autodiscover``), like the status-note sections.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Card:
    title: str  # the card's heading: the app («Prøvehandlinger»)
    count: int | str  # the number that matters, or «N af M»
    text: str  # one line saying what the number is («at evaluere»)
    url: str  # where to act on it
    urgent: bool = False  # shown with a warning colour (overdue, waiting for a decision)
    details: tuple[str, ...] = ()  # short lines under the number (e.g. per day)


CardsFunc = Callable[[object, str], list[Card]]


@dataclass(frozen=True)
class Provider:
    key: str
    order: int
    query_budget: int
    func: CardsFunc


_registry: dict[str, Provider] = {}


def register(*, key: str, order: int = 100, query_budget: int):
    def decorator(func: CardsFunc) -> CardsFunc:
        _registry[key] = Provider(key=key, order=order, query_budget=query_budget, func=func)
        return func

    return decorator


def autodiscover() -> None:
    autodiscover_modules("home")


def providers() -> list[Provider]:
    return sorted(_registry.values(), key=lambda p: (p.order, p.key))


def cards_for(user, role: str | None) -> list[Card]:
    if not role:
        return []
    return [card for provider in providers() for card in provider.func(user, role)]
