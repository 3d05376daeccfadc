"""Object-level probes for every object URL of the portal, found through the URL resolver and
built from the access matrix's world: the leader of school A asking for school B's object gets
404 (cannot read) or 403/405 (cannot do that); a guessed or another participant's token gets 404.
A new app's object URLs are probed as soon as their matrix rows exist (the matrix test demands
the rows)."""

from __future__ import annotations

import secrets

from django.test import Client
from django.urls import get_resolver, reverse

from tests.access_matrix import MATRIX
from tests.conftest import login
from tests.test_access_matrix import url_names, world  # noqa: F401 - the matrix's world fixture

REFUSED = {403, 404, 405}
# Object URLs where a leader legitimately reads another school's record, with the reason.
CROSS_SCHOOL_READS = {
    # ARCHITECTURE «who sees what»: trial actions, theme day and roll-out plans are read by
    # leaders of all schools — knowledge sharing is the point
    "trials:trialaction_detail",
    "trials:attachment_download",
}


def url_kwargs(name: str) -> set[str]:
    resolver = get_resolver()
    found = set()
    for possibility, _pattern, _defaults, _converters in resolver.reverse_dict.getlist(
        name.split(":")[-1]
    ):
        for _result, params in possibility:
            found |= set(params)
    if not found:  # namespaced: ask the namespace's resolver
        namespace, short = name.split(":") if ":" in name else ("", name)
        sub = resolver.namespace_dict.get(namespace)
        if sub:
            for possibility, *_rest in sub[1].reverse_dict.getlist(short):
                for _result, params in possibility:
                    found |= set(params)
    return found


def per_school_object_urls(the_world):
    """(name, url of school B's object) for every URL whose object differs per school."""
    for name in sorted(url_names()):
        row = MATRIX[name]
        if not row.args or not (url_kwargs(name) - {"token", "slug"}):
            continue
        try:
            side_a, side_b = row.args(the_world, "a"), row.args(the_world, "b")
        except AttributeError:  # the world has one object of this kind: shared, not per school
            continue
        if side_a != side_b:
            yield name, reverse(name, kwargs=side_b)


def test_the_leader_of_school_a_never_gets_school_bs_objects(world):  # noqa: F811
    client = login(Client(), world.actors["leader_a"])
    probed, leaks = [], []
    for name, url in per_school_object_urls(world):
        probed.append(name)
        if name in CROSS_SCHOOL_READS:
            continue
        got = client.get(url).status_code
        if got not in REFUSED:
            leaks.append(f"{name}: {got} for {url}")
        if client.post(url, {}).status_code not in REFUSED:
            leaks.append(f"{name}: POST accepted for {url}")
    assert not leaks, "\n".join(leaks)
    assert len(probed) >= 15, probed


def test_the_cross_school_reads_name_existing_urls():
    assert set(url_names()) >= CROSS_SCHOOL_READS


def test_cross_school_reads_are_read_only(world):  # noqa: F811
    client = login(Client(), world.actors["leader_a"])
    for name, url in per_school_object_urls(world):
        if name in CROSS_SCHOOL_READS:
            assert client.post(url, {}).status_code in REFUSED, name


def test_a_guessed_token_opens_nothing(world, client):  # noqa: F811
    checked = []
    for name in sorted(url_names()):
        if url_kwargs(name) != {"token"}:  # (the password-reset link has its own signed check)
            continue
        checked.append(name)
        url = reverse(name, kwargs={"token": secrets.token_urlsafe(32)})
        assert client.get(url).status_code == 404, name
        assert client.post(url, {}).status_code in (404, 405), name
    assert checked, "the portal has token links (calendar feed, a participant's own page)"
