"""The client's address behind the reverse proxy: one setting (TRUSTED_PROXIES) says which proxies
may name the client in X-Forwarded-For; one function (trivsel.schools.clientip) gives the
address to the login lock-out, the public sign-up limit and the access log."""

from __future__ import annotations

from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from conference.models import Registration
from tests.conference.factories import EventDayFactory, EventFactory
from tests.factories import OrganisationFactory
from trivsel.schools.clientip import client_ip

PROXY = "172.18.0.1"  # the proxy in front, as the web container sees it
DIRECT = "198.51.100.66"  # someone reaching the web port without the proxy
PEOPLE = [f"203.0.113.{i}" for i in range(1, 13)]  # twelve people on twelve machines
ATTACKER, VICTIM = "192.0.2.66", "192.0.2.10"
PASSWORD = "en-lang-adgangskode-42"


def through_proxy(address: str, forwarded_before: str = "") -> Client:
    """A browser at ``address`` whose request the proxy passes on, appending what it saw."""
    chain = f"{forwarded_before}, {address}" if forwarded_before else address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain)


def meta(remote: str, forwarded: str | None = None) -> dict:
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The sign-up limit counts per address in the cache (Redis in CI): these addresses start at 0."""
    addresses = [PROXY, DIRECT, ATTACKER, VICTIM, "127.0.0.1", *PEOPLE]
    keys = [f"ratelimit:conference-signup:{a}" for a in addresses]
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


@pytest.fixture
def signup(db):
    org = OrganisationFactory(name="BUPL")
    event = EventFactory(organisations=[org], slug="du-og-jeg")
    day = EventDayFactory(event=event, capacity=100)
    url = reverse("conference:signup", kwargs={"slug": event.slug})

    def post(client, i):
        data = {
            "name": f"Person {i}",
            "email": f"p{i}@rk.dk",
            "organisation": org.pk,
            "job_title": "",
            "days": [day.pk],
            "dietary_needs": "",
            "accessibility_needs": "",
            "website": "",
        }
        return client.post(url, data).status_code

    return post


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def post_login(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


# --- the one function ---------------------------------------------------------------------------
def test_without_a_trusted_proxy_the_connection_is_the_client_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(meta(DIRECT)) == DIRECT
    assert client_ip(meta(DIRECT, "1.2.3.4")) == DIRECT


def test_a_count_of_proxies_takes_the_address_the_outermost_proxy_saw(settings):
    settings.TRUSTED_PROXIES = 1
    assert client_ip(meta(PROXY, VICTIM)) == VICTIM
    # what a client wrote in the header itself stays on the left, never read
    assert client_ip(meta(PROXY, f"1.2.3.4, {VICTIM}")) == VICTIM
    assert client_ip(meta(PROXY)) == PROXY  # no header: the container's own health check
    settings.TRUSTED_PROXIES = 2  # a load balancer in front of the TLS proxy
    assert client_ip(meta(PROXY, f"1.2.3.4, {VICTIM}, 10.0.0.2")) == VICTIM


def test_a_list_of_proxies_is_trusted_only_for_connections_from_them(settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.0.0.0/8"]
    assert client_ip(meta(PROXY, f"1.2.3.4, {VICTIM}, 10.0.0.2")) == VICTIM
    assert client_ip(meta(PROXY, f"[2001:db8::7]:51234, {VICTIM}:443")) == VICTIM
    assert client_ip(meta(DIRECT, VICTIM)) == DIRECT  # not from a proxy: the header is ignored
    assert client_ip(meta(PROXY, "nonsense")) == PROXY  # nothing readable to go on


def test_the_lock_out_uses_the_one_function():
    from django.conf import settings

    assert settings.AXES_CLIENT_IP_CALLABLE == "trivsel.schools.clientip.client_ip"


def test_the_access_log_records_the_client_not_the_proxy(settings):
    from gunicorn.config import Config

    from trivsel.gunicorn_conf import AccessLogger

    settings.TRUSTED_PROXIES = 1
    environ = {
        "REMOTE_ADDR": PROXY,
        "HTTP_X_FORWARDED_FOR": f"1.2.3.4, {VICTIM}",
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    atoms = AccessLogger(Config()).atoms(_Response(), _Request(), environ, _elapsed())
    assert atoms["h"] == VICTIM


def test_no_other_code_reads_the_connections_address_or_the_forwarded_header():
    """Every lock-out, limit and log asks trivsel.schools.clientip; none reads the raw values."""
    root = Path(__file__).resolve().parents[2]
    allowed = {root / "trivsel" / "schools" / "clientip.py"}
    readers = [
        str(path.relative_to(root))
        for package in ("trivsel", "conference", "consultants", "initiatives")
        for path in (root / package).rglob("*.py")
        if path not in allowed
        and any(raw in path.read_text() for raw in ("REMOTE_ADDR", "X_FORWARDED_FOR", "ipware"))
    ]
    assert readers == []


# --- the sign-up limit --------------------------------------------------------------------------
@override_settings(TRUSTED_PROXIES=1, CONFERENCE_SIGNUP_RATE_LIMIT="10/600")
def test_twelve_people_through_one_proxy_are_limited_separately(signup):
    codes = [signup(through_proxy(address), i) for i, address in enumerate(PEOPLE)]
    assert codes == [302] * 12
    assert Registration.objects.count() == 12
    one = through_proxy(PEOPLE[0])  # each still has their own ten
    assert [signup(one, 100 + i) for i in range(10)] == [302] * 9 + [429]


@override_settings(TRUSTED_PROXIES=[PROXY], CONFERENCE_SIGNUP_RATE_LIMIT="10/600")
def test_a_forged_header_from_a_direct_client_does_not_escape_the_sign_up_limit(signup):
    codes = [
        signup(Client(REMOTE_ADDR=DIRECT, HTTP_X_FORWARDED_FOR=f"10.1.1.{i}"), i) for i in range(11)
    ]
    assert codes == [302] * 10 + [429]


# --- the lock-out -------------------------------------------------------------------------------
@override_settings(TRUSTED_PROXIES=1)
def test_the_attackers_failures_do_not_lock_out_the_victim(leader_a):
    with_password(leader_a)
    attacker = through_proxy(ATTACKER)
    for _ in range(5):
        post_login(attacker, "leder_a", "forkert")
    assert post_login(attacker, "leder_a").status_code == 429  # the attacker is locked out
    assert AccessAttempt.objects.get().ip_address == ATTACKER

    victim = through_proxy(VICTIM)
    assert post_login(victim, "leder_a").status_code == 302
    assert "_auth_user_id" in victim.session


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_a_forged_header_from_a_direct_client_does_not_escape_the_lock_out(leader_a):
    with_password(leader_a)
    for i in range(5):
        post_login(Client(REMOTE_ADDR=DIRECT, HTTP_X_FORWARDED_FOR=f"10.1.1.{i}"), "leder_a", "x")
    forged = Client(REMOTE_ADDR=DIRECT, HTTP_X_FORWARDED_FOR=VICTIM)
    assert post_login(forged, "leder_a").status_code == 429
    assert AccessAttempt.objects.get().ip_address == DIRECT
    # the victim, through the proxy, is not the forger
    assert post_login(through_proxy(VICTIM), "leder_a").status_code == 302


def test_a_forged_header_changes_nothing_when_no_proxy_is_configured(settings, leader_a, signup):
    settings.TRUSTED_PROXIES = []
    settings.CONFERENCE_SIGNUP_RATE_LIMIT = "10/600"
    with_password(leader_a)
    for i in range(5):
        post_login(Client(REMOTE_ADDR=DIRECT, HTTP_X_FORWARDED_FOR=f"10.1.1.{i}"), "leder_a", "x")
    assert AccessAttempt.objects.get().ip_address == DIRECT
    codes = [
        signup(Client(REMOTE_ADDR=DIRECT, HTTP_X_FORWARDED_FOR=f"10.2.2.{i}"), i) for i in range(11)
    ]
    assert codes == [302] * 10 + [429]


class _Response:
    status = "200 OK"
    status_code = 200
    sent = 0
    headers: list = []


class _Request:
    method = "GET"
    path = "/"
    query = ""
    uri = "/"
    version = (1, 1)
    headers: list = []


def _elapsed():
    from datetime import timedelta

    return timedelta(milliseconds=5)
