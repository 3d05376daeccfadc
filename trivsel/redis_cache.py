"""Django's Redis cache backend, with one Redis client per connection pool instead of one per call.

``django.core.cache.backends.redis.RedisCacheClient.get_client`` builds a new ``redis.Redis`` for
every cache operation; redis-py fills a table of ~170 response callbacks in each one — about
0.15 ms per ``cache.get``/``cache.set``, several of them per page with the cached pages
(``trivsel/schools/caching.py``) and three per tablet sync (issue 11). The client only wraps the
connection pool (which hands out the connections, is thread-safe and starts afresh in a forked
process), so one per pool is kept here. Everything else is Django's backend unchanged.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """``CACHES["default"]["BACKEND"] = "trivsel.redis_cache.RedisCache"`` (settings.py)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
