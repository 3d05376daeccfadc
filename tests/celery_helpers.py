"""Helpers for the tests that run a real Celery worker (in a thread, on the settings' broker)."""

from django.conf import settings
from redis import Redis


def forget_queue(queue: str) -> None:
    """Leave nothing of a one-off queue on a Redis broker (kombu keeps its bindings in a few keys);
    the in-memory broker forgets by itself."""
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        return
    redis = Redis.from_url(settings.CELERY_BROKER_URL)
    for key in redis.scan_iter(f"_kombu.binding*.{queue}"):
        redis.delete(key)
    redis.close()
