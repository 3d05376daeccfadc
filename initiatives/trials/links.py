"""Per-row links without a ``reverse()`` per row: reverse once, then put each row's pk in.

Shared-helper candidate (the trials list and coverage use it; nothing here is trials-specific)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

_SENTINEL = 2147483647  # a pk no row has; it marks where the pk goes in the reversed URL


def pk_url(name: str) -> Callable[[int], str]:
    """``pk_url("app:detail")(pk) == reverse("app:detail", args=[pk])`` for a URL whose only
    argument is an integer pk."""
    before, after = reverse(name, args=[_SENTINEL]).split(str(_SENTINEL))
    return lambda pk: f"{before}{int(pk)}{after}"
