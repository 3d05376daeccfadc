"""The portal's Redis cache backend (``trivsel/redis_cache.py``): Django's own, with one Redis client
per connection pool instead of a new one for every cache call — against the real Redis."""

import os

import pytest
from django.conf import settings

from trivsel.redis_cache import RedisCache


@pytest.fixture
def redis_cache():
    url = settings.REDIS_URL or os.environ.get("REDIS_URL", "")
    if not url:
        pytest.skip("needs REDIS_URL (CI sets it)")
    backend = RedisCache(url, {"KEY_PREFIX": "test-redis-cache"})
    yield backend
    backend.delete_many(["a", "b", "counter"])


def test_values_round_trip_and_the_client_is_made_once_per_pool(redis_cache):
    redis_cache.set("a", {"skole": "Valhøj", "klasser": [1, 2]}, 30)
    redis_cache.set("b", "x", 30)
    assert redis_cache.get("a") == {"skole": "Valhøj", "klasser": [1, 2]}
    assert redis_cache.get_many(["a", "b"]) == {
        "a": {"skole": "Valhøj", "klasser": [1, 2]},
        "b": "x",
    }
    assert redis_cache.add("b", "y", 30) is False
    redis_cache.set("counter", 1, 30)
    assert redis_cache.incr("counter") == 2
    assert redis_cache.delete("a") is True and redis_cache.get("a") is None

    client = redis_cache._cache
    first = client.get_client(write=True)
    assert client.get_client(write=True) is first
    assert client.get_client() is first  # one server: reads use the same pool
    assert len(client._clients) == 1


def test_the_portal_uses_it_when_redis_is_configured():
    if not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL (CI sets it)")
    assert settings.CACHES["default"]["BACKEND"] == "trivsel.redis_cache.RedisCache"
