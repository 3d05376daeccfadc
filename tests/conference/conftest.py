import pytest
from django.core.cache import cache

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
