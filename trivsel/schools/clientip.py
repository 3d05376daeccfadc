"""The client's address: the one answer for the login lock-out (django-axes), the public sign-up
rate limit and every log line that records an address.

Behind a reverse proxy every connection comes from the proxy, so ``REMOTE_ADDR`` is the proxy's
address and the client's is what the proxy appended to ``X-Forwarded-For``. Which proxies may
say so is ``settings.TRUSTED_PROXIES``:

* empty (the default): none. The client is ``REMOTE_ADDR``; ``X-Forwarded-For`` is ignored.
* a number N: every request comes through N proxies (the web port is reachable only by them, as
  in docker compose). The client is the address the outermost proxy saw.
* addresses or networks (``["172.18.0.1", "10.0.0.0/8"]``): a connection from one of them came
  through a trusted proxy, and the client is the right-most address in ``X-Forwarded-For`` that
  is not one of them. From any other address the header is ignored.

Only the right end of the header is read: proxies append to it, so what a client wrote there
itself stays on the left and is never reached. (django-ipware, axes' default, trusts the header
whatever the connection's address and reads its proxy list by position, so it cannot ignore a
header forged by a client that reaches the port directly.)
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from functools import lru_cache

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def client_ip(request) -> str | None:
    """The client's address as text, or None when the connection has none (a Unix socket)."""
    return address_from(request.META)


def address_from(meta: Mapping) -> str | None:
    """``client_ip`` for a WSGI environ or ``request.META`` (gunicorn's access log has no request)."""
    remote = _parse(meta.get("REMOTE_ADDR") or "")
    trusts = _trust(_frozen(settings.TRUSTED_PROXIES))
    if trusts is None:
        return str(remote) if remote else None
    forwarded = (meta.get("HTTP_X_FORWARDED_FOR") or "").split(",")
    hops = [_parse(text) for text in forwarded if text.strip()]
    client, passed = remote, 0
    while hops and trusts(client, passed):
        previous = hops.pop()
        if previous is None:  # unreadable: nothing trustworthy further left
            break
        client, passed = previous, passed + 1
    return str(client) if client else None


def _frozen(value):
    return value if isinstance(value, int) else tuple(value or ())


@lru_cache(maxsize=8)
def _trust(proxies):
    """A test ``(address, proxies passed so far) -> may it name the client?`` or None."""
    if isinstance(proxies, int):
        return (lambda address, passed: passed < proxies) if proxies > 0 else None
    networks = [ipaddress.ip_network(p, strict=False) for p in proxies]
    if not networks:
        return None
    return lambda address, passed: address is not None and any(address in n for n in networks)


def _parse(text: str) -> Address | None:
    """An address from a header entry: ``1.2.3.4``, ``1.2.3.4:5678``, ``[2001:db8::1]:443``."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address
