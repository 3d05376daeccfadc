import pytest
from django.core.cache import cache

from conference.models import EventKind
from tests.conference.factories import EventDayFactory, EventFactory
from tests.factories import OrganisationFactory

# the addresses the tests post from (the test client's default and the rate-limit tests')
TEST_IPS = ("127.0.0.1", "10.9.8.7", "10.9.8.8")


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The sign-up rate limit counts per IP in the cache (Redis in CI, shared with Celery): each
    test starts with a clean count, and only the limiter's own keys are touched."""
    keys = [f"ratelimit:conference-signup:{ip}" for ip in TEST_IPS]
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


# An open conference with one day of one place for a union's members, and a course. Modules that
# need other events define their own fixtures of these names.
@pytest.fixture
def org(db):
    return OrganisationFactory(name="BUPL")


@pytest.fixture
def event(org):
    return EventFactory(organisations=[org], slug="du-og-jeg")


@pytest.fixture
def day(event):
    return EventDayFactory(event=event, capacity=1)


@pytest.fixture
def course(db):
    return EventFactory(kind=EventKind.COURSE, organisations=[], slug="bloom")
