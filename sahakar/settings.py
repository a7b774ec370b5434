"""Sahakar settings: everything comes from the environment; SQLite when nothing is set."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from sahakar.core.countries import names_by_language
from sahakar.env import env_bool, env_int, env_list, env_str

# Django's generic classes take their type parameters at run time too (ModelAdmin[ApiToken]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("SAHAKAR_DATA_DIR", str(BASE_DIR.parent / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY") or (
    "insecure-development-key-change-me" if DEBUG or not env_bool("SAHAKAR_PRODUCTION") else ""
)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when SAHAKAR_PRODUCTION is on")
# Audit entries are signed with HMAC keys the database never holds (audit.keys): "id:base64,
# id:base64", the first signs, all verify. Outside production a development key is derived.
SAHAKAR_PRODUCTION = env_bool("SAHAKAR_PRODUCTION")
SAHAKAR_AUDIT_KEYS = env_str("SAHAKAR_AUDIT_KEYS")
if SAHAKAR_PRODUCTION and not DEBUG and not SAHAKAR_AUDIT_KEYS:
    raise ImproperlyConfigured("SAHAKAR_AUDIT_KEYS must be set when SAHAKAR_PRODUCTION is on")
# Custody reports are signed with the deployment's Ed25519 key (evidence.reports.keys): the
# PEM itself or the path of a file holding it; its public half is published at
# /evidence/report-key.pem. Outside production a development key is derived from SECRET_KEY.
SAHAKAR_REPORT_SIGNING_KEY = env_str("SAHAKAR_REPORT_SIGNING_KEY")
if SAHAKAR_PRODUCTION and not DEBUG and not SAHAKAR_REPORT_SIGNING_KEY:
    raise ImproperlyConfigured(
        "SAHAKAR_REPORT_SIGNING_KEY must be set when SAHAKAR_PRODUCTION is on "
        "(make one with `sahakar new_report_key`)"
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_countries",
    "sequences",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "sahakar.core",
    "sahakar.audit",
    "sahakar.geo",
    "sahakar.agencies",
    "sahakar.substances",
    "sahakar.accounts",
    "sahakar.security",
    "sahakar.venues",
    "sahakar.operations",
    "sahakar.seizures",
    "sahakar.persons",
    "sahakar.arrests",
    "sahakar.cases",
    "sahakar.prevention",
    "sahakar.evidence",
    "sahakar.search",
    "sahakar.statistics",
    "sahakar.public",
    "sahakar.reference",
    "sahakar.demo",
]

# Pages, JSON and CSV are sent gzipped (docs/page-weight.md says why that is safe here); 0 turns
# it off, e.g. behind a proxy that compresses.
COMPRESS_RESPONSES = env_bool("SAHAKAR_COMPRESS_RESPONSES", True)
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, precompressed, then stop
    # gzip for text responses, with Django's BREACH padding (core/compression.py)
    *(["sahakar.core.compression.CompressionMiddleware"] if COMPRESS_RESPONSES else []),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "sahakar.core.middleware.RequestContextMiddleware",
    "sahakar.audit.middleware.DenialAuditMiddleware",
    # After the request context, so that a sign-out they cause is audited with its origin.
    "sahakar.security.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sahakar.security.middleware.SecondFactorMiddleware",
    "sahakar.security.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "sahakar.urls"
WSGI_APPLICATION = "sahakar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sahakar.core.context_processors.navigation",
            ],
        },
    },
]
FORM_RENDERER = "sahakar.core.forms.FormRenderer"

_SQLITE_PATH = DATA_DIR / "sahakar.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{_SQLITE_PATH}", conn_max_age=env_int("DB_CONN_MAX_AGE", 60)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Writers queue for the lock instead of failing; WAL lets readers go on meanwhile.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so that concurrency tests really run concurrently; one per test run.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {
        "NAME": "sahakar.security.validators.MaximumLengthValidator",
        "OPTIONS": {"max_length": 128},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "sahakar.security.lockout.LockoutBackend",  # refuses locked-out usernames first
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("km", _("Khmer"))]
# Our catalogue first; then our Khmer for Django's own messages (locale_django/README.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_django"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Phnom_Penh")
USE_I18N = True
USE_TZ = True
# Our additions to Django's formats: Khmer numbers grouped by three (formats/km/formats.py).
FORMAT_MODULE_PATH = ["sahakar.formats"]

# Country names in the page's language, from CLDR (core/countries.py).
COUNTRIES_OVERRIDE = names_by_language()

# Which country's reference data this deployment runs on (a folder under reference/data/).
SAHAKAR_COUNTRY = env_str("SAHAKAR_COUNTRY", "kh")

# Public figures (/public/): counts from 1 to this minus one are withheld, and rates whose
# denominator is under it (public.suppression).
SAHAKAR_PUBLIC_MIN_COUNT = env_int("SAHAKAR_PUBLIC_MIN_COUNT", 5)
if SAHAKAR_PUBLIC_MIN_COUNT < 2:
    raise ImproperlyConfigured("SAHAKAR_PUBLIC_MIN_COUNT must be at least 2")

# Who refreshes the analytics tables after a write commits (statistics.refresher): a thread
# of the app's process ("background": the writer does not wait), or the committing thread
# itself ("inline": the test suite, scripts that read figures straight after writing).
SAHAKAR_STATISTICS_REFRESH = env_str("SAHAKAR_STATISTICS_REFRESH", "background")
if SAHAKAR_STATISTICS_REFRESH not in ("background", "inline"):
    raise ImproperlyConfigured("SAHAKAR_STATISTICS_REFRESH must be background or inline")

# Uploads (photos of sealed exhibits) are never served as public media: no MEDIA_URL route
# exists; each is served by a page that checks who may see its record.
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_PERMISSIONS = 0o640

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("SAHAKAR_PRODUCTION")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Proxies in front of the app that append to X-Forwarded-For; 0 trusts only REMOTE_ADDR
# (otherwise anyone could dodge the limits, or misplace the audit trail, by sending the header).
# core.client_ip reads it for the audit trail, the rate limits and the lockout alike.
SAHAKAR_PROXY_COUNT = env_int("SAHAKAR_PROXY_COUNT", 0)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "sahakar.security.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "sahakar.security.throttling.AnonThrottle",
        "sahakar.security.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("SAHAKAR_RATE_ANON", "30/minute"),
        "user": env_str("SAHAKAR_RATE_USER", "600/minute"),
        "sign_in_address": env_str("SAHAKAR_RATE_SIGN_IN_ADDRESS", "30/minute"),
        "sign_in_username": env_str("SAHAKAR_RATE_SIGN_IN_USERNAME", "10/minute"),
    },
    "NUM_PROXIES": SAHAKAR_PROXY_COUNT,  # the throttles read core.client_ip, which uses it too
    "DEFAULT_PERMISSION_CLASSES": ["sahakar.core.api.permissions.ActionPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "sahakar.core.api.filters.FilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "sahakar.core.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "sahakar.core.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sahakar API",
    "DESCRIPTION": "The shared record of the agencies that fight drug crime.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},  # no outside host
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set used under several field names or in several components.
    "ENUM_NAME_OVERRIDES": {
        "UnitEnum": "sahakar.substances.choices.Unit",
        "EventKindEnum": "sahakar.evidence.choices.EventKind",
        "StoreKindEnum": "sahakar.evidence.choices.StoreKind",
        "MovementKindEnum": "sahakar.evidence.api.event_serializers.MOVEMENT_KINDS",
        "InventoryKindEnum": "sahakar.evidence.choices.InventoryKind",
        "ExhibitStatusEnum": "sahakar.evidence.choices.ExhibitStatus",
        "OperationStatusEnum": "sahakar.operations.choices.OperationStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "sahakar.core.api.schema.document_errors",  # 400/401/403/404/409/413/429, as JSON
        "sahakar.core.api.schema.translate_info",  # title and description in the user's language
    ],
}

DJANGO_TABLES2_TEMPLATE = "core/table.html"

# Sessions end after 30 minutes idle (renewed by every request) and 12 hours after sign-in
# however active (security.middleware); changing MFA, tokens or the password needs the
# password typed within the last 5 minutes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SAHAKAR_SESSION_MAX_AGE = env_int("SAHAKAR_SESSION_MAX_AGE", 12 * 3600)
SAHAKAR_REAUTH_MAX_AGE = env_int("SAHAKAR_REAUTH_MAX_AGE", 5 * 60)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("SAHAKAR_PRODUCTION"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Lockout (django-axes, security.lockout): 5 failed sign-ins within 15 minutes lock the
# username until an administrator unlocks it (`sahakar axes_reset_username NAME` or the
# admin). No cool-off: the window is SAHAKAR_LOCKOUT_WINDOW, applied by the handler.
AXES_CLIENT_IP_CALLABLE = "sahakar.core.client_ip.client_ip"
AXES_HANDLER = "sahakar.security.lockout.WindowedLockoutHandler"
AXES_FAILURE_LIMIT = 5
SAHAKAR_LOCKOUT_WINDOW = timedelta(minutes=env_int("SAHAKAR_LOCKOUT_WINDOW_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]  # per address: rate limits (security.throttling)
AXES_COOLOFF_TIME = None
# axes.W006 fears lockouts by (username, browser) that rotating the browser escapes; ours count
# every failure of the username, wherever from. An address lockout without cool-off would
# lock out a whole office behind one NAT address, so addresses are rate limited instead.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure with its time: the window counts them
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the audit trail already
AXES_LOCKOUT_TEMPLATE = "security/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 403
AXES_VERBOSE = False  # no banner on every command; failures are still logged

OTP_TOTP_ISSUER = "Sahakar"

# Rate-limit counters live in the cache, per process by default. With several workers set
# CACHE_URL to a shared cache: redis://host:6379/0, or db:// for a database table (made by
# `sahakar createcachetable`).
_CACHE_URL = env_str("CACHE_URL")
if _CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _CACHE_URL,
        }
    }
elif _CACHE_URL.startswith("db://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": _CACHE_URL.removeprefix("db://") or "sahakar_cache",
        }
    }
elif _CACHE_URL:
    raise ImproperlyConfigured(f"CACHE_URL must be redis://... or db://..., got {_CACHE_URL!r}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # PDF drawing narrates every step and font subset: only its errors matter.
    "loggers": {name: {"level": "ERROR"} for name in ("weasyprint", "fontTools")},
}
