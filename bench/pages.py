"""The main pages: each role's home and every list and overview it can open.

Found, not listed by hand, so a new app's pages are measured (and their query counts compared by
``tests/perf/test_query_counts_at_scale.py``) without touching this file: every URL of the portal
that takes no argument and answers a GET with an HTML page — forms, exports, feeds and account
pages left out.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

# demo users, one per role, in the order a page is measured for (the first who can open it)
ROLES = [
    ("koordinator", "koordinator"),
    ("konsulent", "konsulent1"),
    ("leder", "leder.valhoj"),
    ("medarbejder", "medarbejder.valhoj"),
    ("konferenceadmin", "konference"),
]
SKIP_NAMESPACES = {"admin"}
SKIP_WORDS = (
    "create",
    "invite",
    "import",
    "new_",
    "update",
    "delete",
    "export",
    "pdf",
    "csv",
    "xlsx",
    "login",
    "logout",
    "password",
    "language",
    "catalog",
    "csp",
    "sync",
    "service_worker",
    "bench_",
)


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            if ns in SKIP_NAMESPACES:
                continue
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(p.url_patterns, prefix + str(p.pattern), full_ns)
        elif isinstance(p, URLPattern) and p.name:
            route = prefix + str(p.pattern)
            if "<" in route or "(?P" in route:
                continue  # takes an argument: a detail page, not a main page
            name = f"{namespace}:{p.name}" if namespace else p.name
            if any(word in name.lower() for word in SKIP_WORDS):
                continue
            yield name


def candidate_url_names() -> list[str]:
    seen, names = set(), []
    for name in _walk(get_resolver().url_patterns):
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def extra_pages() -> list[tuple[str, str, str]]:
    """Main pages that take an argument: (role, name, url) — the conference admin's list of the
    demo conference's registrations."""
    from django.urls import reverse

    from conference.models import Event

    event = Event.objects.filter(slug="du-og-jeg-2024").first()
    if event is None:
        return []
    return [
        (
            "konferenceadmin",
            "conference:registration_list",
            reverse("conference:registration_list", args=[event.pk]),
        )
    ]


def is_page(response) -> bool:
    return response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")
