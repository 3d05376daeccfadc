"""A real Celery round trip: a task enqueued on commit travels through the broker to a worker (in a
thread of this process, solo pool), which runs it against the test database. The broker is the
settings' one: Redis with REDIS_URL (CI, production), else kombu's in-memory transport — the same
worker either way."""

import time
import uuid
from functools import partial

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import transaction

from tests.celery_helpers import forget_queue
from tests.factories import UserFactory
from trivsel.celery import app
from trivsel.schools.models import User
from trivsel.schools.tasks import end_user_sessions


def session_for(user) -> str:
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store.create()
    return store.session_key


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def real_worker():
    """A worker on the real broker, consuming a queue of its own so that no other worker on the
    same Redis (a developer's `make worker`) takes the test's task to another database."""
    from celery.contrib.testing.worker import start_worker

    queue = f"test-roundtrip-{uuid.uuid4().hex[:12]}"
    queues = app.amqp.queues
    consumed_before = queues._consume_from
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue]):
            yield queue
    finally:
        app.conf.task_always_eager = True  # as settings_test has it
        queues._consume_from = consumed_before
        queues.pop(queue, None)
        forget_queue(queue)


@pytest.mark.django_db(transaction=True)
def test_a_task_enqueued_on_commit_runs_in_a_real_worker_against_the_test_database(real_worker):
    leaving, staying = UserFactory(), UserFactory()
    leaving_sessions = [session_for(leaving), session_for(leaving)]
    staying_session = session_for(staying)

    with transaction.atomic():
        User.objects.filter(pk=leaving.pk).update(is_active=False)
        transaction.on_commit(
            partial(end_user_sessions.apply_async, [leaving.pk], queue=real_worker)
        )
        time.sleep(0.3)
        # not sent before the commit: the worker has nothing to do yet
        assert Session.objects.filter(session_key__in=leaving_sessions).count() == 2

    assert wait_for(
        lambda: not Session.objects.filter(session_key__in=leaving_sessions).exists()
    ), "the worker did not end the sessions within 20 s (is the broker up?)"
    assert Session.objects.filter(session_key=staying_session).exists()
