"""Every main page costs the same number of queries whatever the size of the municipality:
each demo role's home and every list and overview it can open (found by
``bench.pages``, the same pages the benchmark loads), on the demo at 1× and again at 2×.

App tests pin their own lists' budgets; this one walks them all, so a page added later is held
to the rule without a test of its own."""

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.pages import ROLES, candidate_url_names, extra_pages, is_page
from tests.conftest import login
from trivsel.schools.models import User


def query_counts() -> dict[tuple[str, str], int]:
    counts = {}
    for role, username in ROLES:
        client = login(Client(), User.objects.get(username=username))
        for url in [reverse("home")] + [reverse(name) for name in candidate_url_names()]:
            if (role, url) in counts:
                continue
            client.get(url)  # the second visit is the one measured (caches warm, as in the bench)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            if is_page(response):
                counts[(role, url)] = len(queries)
    for role, _name, url in extra_pages():
        client = login(Client(), User.objects.get(username=dict(ROLES)[role]))
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert is_page(response), url
        counts[(role, url)] = len(queries)
    return counts


def test_every_main_page_costs_the_same_queries_at_1x_and_2x_demo_scale(db, at_demo_date):
    call_command("seed_demo", "--quiet")
    query_counts()  # a first round fills what pages fill on reading (the read log): not empty
    small = query_counts()
    call_command("seed_demo", "--quiet", "--scale", "2")
    large = query_counts()

    assert len(small) >= 30, f"only {len(small)} pages found"
    assert min(small.values()) >= 2, "every page reads the session and the user: a count is off"
    assert set(large) == set(small)
    grown = {
        f"{role} {url}: {small[(role, url)]} → {large[(role, url)]}"
        for role, url in small
        if large[(role, url)] != small[(role, url)]
    }
    assert not grown, "queries grow with the data:\n" + "\n".join(sorted(grown))
