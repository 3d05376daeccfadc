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

**Cached cards.** A provider that names the models its cards are counted from (``watch=``, and
``relations=`` for many-to-many tables) and the roles it has cards for (``roles=``; it is not
called for the others) has its cards cached per reader: under the ``homes``
``DataCache`` (``trivsel/schools/caching.py``), keyed by the user, the role, today's date (cards
say «this week», «overdue», «ended») and the language. Every save or delete of a watched model —
of any provider — bumps the version on commit; a bulk write to one of them (``QuerySet.update``,
``bulk_create``, raw SQL) must call ``data.bump_on_commit()`` (or
``caching.bump_all_on_commit()``). The current school year (``SchoolYear``) and the user's
schools (``User.schools``) are always watched: cards read them through ``SchoolYear.current()``
and ``access.school_ids``. A provider without ``watch`` runs on every request — right for a
card that depends on the time of day («coming talks»: ``starts_at >= now``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

from . import clock
from .caching import DataCache

data = DataCache("homes")


@dataclass(frozen=True)
class Card:
    title: str  # the card's heading: the app («Prøvehandlinger»)
    count: int | str  # the number that matters, or «N af M»
    text: str  # one line saying what the number is («at evaluere»)
    url: str  # where to act on it
    urgent: bool = False  # shown with a warning colour (overdue, waiting for a decision)


CardsFunc = Callable[[object, str], list[Card]]


@dataclass(frozen=True)
class Provider:
    key: str
    order: int
    query_budget: int
    func: CardsFunc
    watch: tuple = ()  # the models the cards are counted from; () = not cached
    relations: tuple = ()  # many-to-many tables (``Model.field.through``) they are counted from
    roles: tuple = ()  # the roles a cached provider has cards for

    @property
    def cached(self) -> bool:
        return bool(self.watch)


_registry: dict[str, Provider] = {}


def register(
    *,
    key: str,
    order: int = 100,
    query_budget: int,
    watch: Iterable = (),
    relations: Iterable = (),
    roles: Iterable = (),
):
    if watch and not roles:
        raise ValueError(f"home cards {key!r}: a cached provider names its roles")

    def decorator(func: CardsFunc) -> CardsFunc:
        _registry[key] = Provider(
            key=key,
            order=order,
            query_budget=query_budget,
            func=func,
            watch=tuple(watch),
            relations=tuple(relations),
            roles=tuple(roles),
        )
        return func

    return decorator


def autodiscover() -> None:
    autodiscover_modules("home")
    connect()


def connect() -> None:
    """Bump the cards' data version on every write to a model a cached provider watches."""
    from .models import SchoolYear, User

    models = {SchoolYear}
    relations = {User.schools.through}
    for provider in _registry.values():
        models.update(provider.watch)
        relations.update(provider.relations)
    data.watch(models, relations)


def providers() -> list[Provider]:
    return sorted(_registry.values(), key=lambda p: (p.order, p.key))


def cards_for(user, role: str | None, request=None) -> list[Card]:
    if not role:
        return []
    ordered = providers()
    serving = [p for p in ordered if p.cached and role in p.roles]

    def build() -> dict[str, list[Card]]:
        return {p.key: p.func(user, role) for p in serving}

    # no cached provider serves the role (staff, conference admin): no cache round trips
    stored = (
        data.cached("cards", build, user.pk, role, clock.today(), language=True, request=request)
        if serving
        else {}
    )
    return [
        card
        for provider in ordered
        for card in (stored.get(provider.key, []) if provider.cached else provider.func(user, role))
    ]
