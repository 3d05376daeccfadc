"""gunicorn settings of the portal's web workers: ``gunicorn -c python:trivsel.gunicorn_conf
trivsel.wsgi`` (Dockerfile, docker-compose.yml and bench/run.py start it so).

Python's cyclic garbage collector walks every tracked object of the oldest generation on a full
collection. After start-up a worker holds some 130,000 of them (Django, the URL conf, the
translation catalogues, the compiled templates) that live as long as the process; walking them
took 60–80 ms about once per 50–150 requests — the tail of p99 in ``make bench``.
``gc.freeze()`` moves the objects alive at that moment into a generation the collector never
walks: once the worker has loaded the application and the first requests have loaded what
pages load lazily (templates, catalogues, form classes), the walk is only over what later
requests keep. Objects still in use are not freed by a collection anyway, so nothing leaks that
would not have lived on.

The access log names the client, not the reverse proxy in front (``AccessLogger``).

Everything else stays on the command line or in gunicorn's environment variables
(``WEB_CONCURRENCY`` for the number of workers, ``--bind``).
"""

from __future__ import annotations

import gc

from django.urls import get_resolver
from django.utils import translation
from gunicorn.glogging import Logger

from trivsel.schools.clientip import address_from

# Freeze again after these many requests of a worker: by then each kind of page has usually
# been served once and its templates and lazily built objects are loaded.
FREEZE_AFTER_REQUESTS = (20, 200)

# Heartbeat files on tmpfs, not on the container's overlay disk (a slow disk can make the
# arbiter kill a busy worker for a missed heartbeat).
worker_tmp_dir = "/dev/shm"  # noqa: S108 - gunicorn's heartbeat files, its advice for containers

logger_class = "trivsel.gunicorn_conf.AccessLogger"


class AccessLogger(Logger):
    """gunicorn's logger, with the access log's address (``%(h)s``) the client's as the portal
    sees it (``trivsel.schools.clientip``), not the proxy's."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["h"] = address_from(environ) or "-"
        return atoms


def _freeze() -> None:
    gc.collect()
    gc.freeze()


def post_worker_init(worker) -> None:
    """The worker has loaded the WSGI application: load the URL conf and the catalogues too,
    then freeze what is alive."""
    get_resolver().url_patterns  # noqa: B018 - imports every app's views and forms
    for language in ("da", "en"):
        with translation.override(language):
            translation.gettext("Gem")
    worker.trivsel_requests = 0
    _freeze()


def post_request(worker, req, environ, resp) -> None:
    """Counts the worker's requests; freezes again after the first ones (see above)."""
    worker.trivsel_requests = getattr(worker, "trivsel_requests", 0) + 1
    if worker.trivsel_requests in FREEZE_AFTER_REQUESTS:
        _freeze()
