"""Every demo role clicks through the portal from the home page: no page answers 500, and no page
shows a link that leads its reader to «Ingen adgang» or «Siden findes ikke»."""

import re
from collections import deque

from django.core.management import call_command
from django.test import Client

from tests.conftest import login
from trivsel.schools.models import User

SKIP_PREFIXES = ("/static/", "/admin/", "/konto/logout", "/sprog/")  # a /media/ link is a dead link
MAX_PAGES = 150


DEMO_USERS = [
    "koordinator",
    "leder.valhoj",
    "medarbejder.valhoj",
    "konsulent1",
    "konference",
    "admin",
]


def crawl(username: str) -> tuple[int, list[str]]:
    client = login(Client(), User.objects.get(username=username))
    seen, queue, problems = set(), deque([("/", "(start)")]), []
    while queue and len(seen) < MAX_PAGES:
        url, found_on = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 400:
            problems.append(f"{username}: {url} → {response.status_code} (linked from {found_on})")
            continue
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            for href in re.findall(r'href="(/[^"#?]*)', response.content.decode()):
                if not href.startswith(SKIP_PREFIXES) and href not in seen:
                    queue.append((href, url))
    return len(seen), problems


def test_every_demo_user_meets_no_error_and_no_dead_link(db):
    call_command("seed_demo", "--quiet")
    problems = []
    for username in DEMO_USERS:
        pages, found = crawl(username)
        assert pages > 5, f"{username} reached only {pages} pages"
        problems += found
    assert not problems, "\n".join(problems)
