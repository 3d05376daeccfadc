"""A small cache-based rate limiter for the public sign-up form, keyed by the client's address
(``trivsel.schools.clientip``: behind the reverse proxy, the address the proxy saw).

settings.CONFERENCE_SIGNUP_RATE_LIMIT is "count/seconds" (default 10 per 10 minutes); empty or
"off" switches it off (a benchmark). A fixed window per IP: the first hit creates the counter
with the window as its timeout, later hits increment it atomically (Redis in production)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from trivsel.schools.clientip import client_ip


def parse(rate: str | None) -> tuple[int, int] | None:
    if not rate or rate.strip().lower() in ("off", "0", "false"):
        return None
    count, seconds = rate.split("/", 1)
    return int(count), int(seconds)


def allow(request, scope: str = "conference-signup") -> bool:
    """Counts this request; False once the IP has used up its window's allowance."""
    limit = parse(getattr(settings, "CONFERENCE_SIGNUP_RATE_LIMIT", ""))
    if limit is None:
        return True
    count, seconds = limit
    key = f"ratelimit:{scope}:{client_ip(request) or 'unknown'}"
    if cache.add(key, 1, timeout=seconds):
        return True
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        hits = 1
    return hits <= count
