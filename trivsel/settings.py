"""Trivselsportalen settings: one module, everything that differs between machines comes from the
environment (see the README's configuration table). Secrets have no working production default.
"""

from datetime import date
from pathlib import Path

import environ
import xstatic.pkg.bootstrap
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)

env = environ.Env()
# Secrets may also come from files (Docker/Kubernetes secrets): SECRET_KEY_FILE=/run/secrets/key.
env.smart_cast = True
for _name in ("SECRET_KEY", "DATABASE_URL", "EMAIL_URL", "OIDC_RP_CLIENT_SECRET"):
    _file = env.str(f"{_name}_FILE", default="")
    if _file:
        env.ENVIRON.setdefault(_name, Path(_file).read_text().strip())

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY mangler: sæt miljøvariablen SECRET_KEY (eller SECRET_KEY_FILE) "
            "— eller DEBUG=true på en udviklingsmaskine."
        )
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "simple_history",
    "csp",
    # the shared model first: every app depends on it, it depends on none
    "trivsel.schools",
    "trivsel.statusnote",
    "initiatives.trials",
    "initiatives.openschool",
    "initiatives.headspace",
    "initiatives.griefgroups",
    "consultants",
    "conference",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "trivsel.schools.middleware.PortalLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "trivsel.urls"
WSGI_APPLICATION = "trivsel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "trivsel.schools.context_processors.portal",
            ],
        },
    },
]

# --- database ------------------------------------------------------------------------------
# No DATABASE_URL: an SQLite file under var/, so `make run` works on a bare machine.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
# Persistent connections: measured on a 2-core machine they triple a database page's throughput.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# How long a capacity/budget write waits for its lock before the user is asked to retry
# (trivsel.schools.locking; PostgreSQL only).
LOCK_TIMEOUT_MS = env.int("LOCK_TIMEOUT_MS", default=3000)

AUTH_USER_MODEL = "schools.User"
AUTHENTICATION_BACKENDS = ["trivsel.schools.backends.CaseInsensitiveModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600  # an invitation link lives three days

# --- cache and Celery ----------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL) or "memory://"
# Without a broker tasks run in-process, right away (make run on a bare machine).
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True  # results live on our own models, with a status the UI polls
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=50)
CELERY_TIMEZONE = "Europe/Copenhagen"
CELERY_BEAT_SCHEDULE: dict = {}
CELERY_BEAT_SCHEDULE["headspace-talk-reminders"] = {
    "task": "initiatives.headspace.tasks.send_talk_reminders",
    "schedule": 24 * 3600,  # daily; each talk is reminded once, 1–3 days ahead
}

CELERY_BEAT_SCHEDULE["conference-reminders"] = {
    "task": "conference.tasks.send_reminders",
    "schedule": 24 * 3600,  # daily; each registration is reminded once
}
CELERY_BEAT_SCHEDULE["conference-delete-minors-data"] = {
    "task": "conference.tasks.delete_minors_data",
    "schedule": 24 * 3600,  # daily; anonymises pupils N days after their event
}
# Conference: reminder this many days before the first day; pupils' personal data is
# anonymised this many days after the event; the public form's rate limit per IP as
# "count/seconds" (empty or "off" switches it off, e.g. for a benchmark).
CONFERENCE_REMINDER_DAYS = env.int("CONFERENCE_REMINDER_DAYS", default=3)
CONFERENCE_MINOR_RETENTION_DAYS = env.int("CONFERENCE_MINOR_RETENTION_DAYS", default=30)
CONFERENCE_SIGNUP_RATE_LIMIT = env.str("CONFERENCE_SIGNUP_RATE_LIMIT", default="10/600")

# --- e-mail --------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Trivselsportalen <noreply@trivselsportalen.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- language and time ---------------------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# The demo tells the status note's story whatever today is: seed data and «today» in the demo
# are anchored here (school year 2023/24 is current on this date).
DEMO_DATE = date.fromisoformat(env.str("DEMO_DATE", default="2024-01-15"))

# --- static and media ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap from the XStatic-Bootstrap package: our own static files, no CDN.
    ("vendor/bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- forms ---------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- security ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool(
    "SECURE_COOKIES", default=not DEBUG and SITE_URL.startswith("https")
)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content Security Policy without 'unsafe-inline'/'unsafe-eval': no inline scripts or styles
# anywhere; htmx is configured (meta htmx-config) to need neither. Report-only until the security
# issue switches it to enforcing (CSP_ENFORCE=true).
from csp.constants import NONE, SELF  # noqa: E402

_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": ["/csp-rapport/"],
    }
}
if env.bool("CSP_ENFORCE", default=False):
    CONTENT_SECURITY_POLICY = _CSP
else:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
