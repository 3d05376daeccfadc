"""The web workers' gunicorn settings (``trivsel/gunicorn_conf.py``): gunicorn accepts the file,
and its hooks freeze what a worker holds after start-up and again after its first requests, so the
garbage collector's full passes no longer walk Django's own long-lived objects."""

import gc
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from trivsel import gunicorn_conf


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_gunicorn_loads_the_settings_and_the_application():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "trivsel.settings_test"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "python:trivsel.gunicorn_conf",
            "--check-config",
            "trivsel.wsgi",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_a_worker_freezes_its_start_up_objects_and_again_after_its_first_requests(unfrozen):
    worker = SimpleNamespace()
    gunicorn_conf.post_worker_init(worker)
    after_start = gc.get_freeze_count()
    assert after_start > 10_000  # Django, the URL conf, the catalogues
    assert worker.trivsel_requests == 0

    kept = [[object()] for _ in range(5_000)]  # what later requests leave behind
    first_freeze_after = gunicorn_conf.FREEZE_AFTER_REQUESTS[0]
    for _ in range(first_freeze_after - 1):
        gunicorn_conf.post_request(worker, None, {}, None)
    # Not before the count is reached; a frozen object that dies meanwhile lowers the count.
    assert gc.get_freeze_count() <= after_start
    gunicorn_conf.post_request(worker, None, {}, None)
    assert worker.trivsel_requests == first_freeze_after
    assert gc.get_freeze_count() >= after_start + len(kept)
