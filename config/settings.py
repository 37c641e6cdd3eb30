"""Solidair settings: one module, every production switch read from the environment.

The defaults run on a laptop (SQLite file, console email, local-memory cache). A production
deployment sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL and EMAIL_URL;
see README.md for the complete list.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


# --- small typed helpers for reading the environment -------------------------------------


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def email_settings_from_url(url: str) -> dict[str, Any]:
    """Translate EMAIL_URL (smtp://user:pass@host:port, smtp+tls://, smtp+ssl://, console://,
    file:///path, locmem://, dummy://) into Django's EMAIL_* settings."""
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme == "dummy":
        return {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    if scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parsed.path) or str(BASE_DIR / "var" / "mail"),
        }
    if scheme in {"smtp", "smtp+tls", "smtp+ssl", "submission"}:
        query = parse_qs(parsed.query)
        use_ssl = scheme == "smtp+ssl" or query.get("ssl", [""])[0] in {"1", "true"}
        use_tls = scheme in {"smtp+tls", "submission"} or query.get("tls", [""])[0] in {"1", "true"}
        default_port = 465 if use_ssl else (587 if use_tls else 25)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or default_port,
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_TLS": use_tls,
            "EMAIL_USE_SSL": use_ssl,
            "EMAIL_TIMEOUT": 20,
        }
    raise ValueError(f"EMAIL_URL has an unknown scheme: {scheme!r}")


# --- core ---------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", True)
_DEV_SECRET = "django-insecure-solidair-development-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is false.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_ID = 1
SITE_NAME = env_str("SITE_NAME", "Solidair Gent")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CITY_NAME = env_str("CITY_NAME", "Gent")
# Where people write with questions or to exercise their privacy rights (privacy statement).
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "solidair@example.org")

INSTALLED_APPS = [
    "solidair.core",
    "solidair.accounts",
    "solidair.organisations",
    "solidair.exchange",
    "solidair.matching",
    "solidair.notifications",
    "solidair.activities",
    "solidair.news",
    "solidair.info",
    "solidair.groups",
    "solidair.moderation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "template_partials",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "solidair.accounts.middleware.StaffMFAMiddleware",
    # Turns solidair.core.ratelimit.RateLimited raised in a view into the 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "solidair.core.context_processors.site",
                "solidair.organisations.context_processors.acting",
                "solidair.exchange.context_processors.exchange",
                "solidair.moderation.context_processors.moderation",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]
# Forms render through the project's templates (templates/django/forms/): accessible field
# groups with an error summary.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"


# --- data -----------------------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite keeps no persistent connection worth reusing; WAL lets the worker and the web
    # process write without "database is locked" errors.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES: dict[str, Any] = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                # A Redis outage degrades caching and rate limits instead of failing requests.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    # Sessions live in the database and are cached in Redis: they survive a Redis restart.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

STORAGES: dict[str, Any] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
AWS_STORAGE_BUCKET_NAME = env_str("S3_BUCKET")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env_str("S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("S3_REGION") or None
    AWS_ACCESS_KEY_ID = env_str("S3_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = env_str("S3_SECRET_ACCESS_KEY") or None
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Serve uploads from MEDIA_ROOT through Django (fine for one app server; otherwise let the
# reverse proxy serve /media/ or use S3_BUCKET).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG and not AWS_STORAGE_BUCKET_NAME)
# Uploads larger than this are refused by the forms before Pillow opens them.
MAX_UPLOAD_SIZE = env_int("MAX_UPLOAD_SIZE", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440


# --- accounts and authentication ------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "core:home"

ACCOUNT_ADAPTER = "solidair.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_SESSION_REMEMBER = None
# The sign-up form also asks the display name; pages name people by it, never by email.
ACCOUNT_FORMS = {
    "signup": "solidair.accounts.forms.SignupForm",
    "login": "solidair.accounts.forms.LoginForm",
    "reset_password": "solidair.accounts.forms.ResetPasswordForm",
    "add_email": "solidair.accounts.forms.AddEmailForm",
}
ACCOUNT_USER_DISPLAY = "solidair.accounts.adapter.user_display"
# Tell people by email when their password, email address or two-factor settings change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Failed logins lock an account for LOGIN_LOCKOUT_MINUTES after LOGIN_ATTEMPTS_LIMIT tries.
LOGIN_ATTEMPTS_LIMIT = env_int("LOGIN_ATTEMPTS_LIMIT", 5)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_MINUTES", 15) * 60
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
ACCOUNT_RATE_LIMITS: dict[str, str | None] | bool = (
    {
        "signup": "10/h/ip",
        "login": "30/m/ip",
        "login_failed": (f"20/m/ip,{LOGIN_ATTEMPTS_LIMIT}/{LOGIN_LOCKOUT_SECONDS}s/key"),
        "reset_password": "10/h/ip,3/h/key",
        "reset_password_from_key": "20/m/ip",
        "change_password": "5/m/user",
        "manage_email": "10/m/user",
        "confirm_email": "1/3m/key",
        "reauthenticate": "10/m/user",
    }
    if RATELIMIT_ENABLE
    else False
)
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "solidair.core.views.rate_limited"

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# Staff accounts must turn on two-factor authentication before they can use the site.
STAFF_REQUIRE_MFA = env_bool("STAFF_REQUIRE_MFA", not DEBUG)

# How long an organisation invitation stays valid.
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)

# Pages served to anonymous visitors (no session) from a shared cache for this many
# seconds (solidair.core.pagecache); 0 switches it off. A new post may take this long to
# appear for them.
ANONYMOUS_PAGE_CACHE_SECONDS = env_int("ANONYMOUS_PAGE_CACHE_SECONDS", 30)

# Requests and offers: a post closes after POST_EXPIRY_WEEKS unless its owner extends it.
POST_EXPIRY_WEEKS = env_int("POST_EXPIRY_WEEKS", 8)
# Data retention (solidair.exchange.retention, run by the daily expire_posts job): closed,
# fulfilled and expired posts are deleted with their conversations, photos and reports this
# many months after they ended, and in-app notifications this many months after they were
# written; 0 keeps everything.
RETENTION_MONTHS = env_int("RETENTION_MONTHS", 12)
# Finished background jobs (sent emails, with their text and address) are pruned from the
# database queue by the daily job after this many days.
TASK_RESULTS_KEEP_DAYS = env_int("TASK_RESULTS_KEEP_DAYS", 7)
# Rate limits per user (or IP) on posting, responding and messaging (django-ratelimit
# syntax); RATELIMIT_ENABLE=false switches them off.
POST_RATE = env_str("POST_RATE", "10/h")
RESPONSE_RATE = env_str("RESPONSE_RATE", "20/h")
MESSAGE_RATE = env_str("MESSAGE_RATE", "60/h")
REPORT_RATE = env_str("REPORT_RATE", "20/h")
# Trust (solidair.moderation.trust): a new account (email not confirmed, or younger than
# NEW_ACCOUNT_DAYS without a match) publishes at most NEW_ACCOUNT_POSTS_PER_DAY posts and
# starts NEW_ACCOUNT_CONVERSATIONS_PER_DAY conversations a day (off with RATELIMIT_ENABLE=false).
# A message is held for the moderators when it has more than HOLD_MESSAGE_LINKS links (more
# than NEW_ACCOUNT_MESSAGE_LINKS from a new account), or when the same text already went to
# HOLD_REPEATED_MESSAGES other conversations in 24 hours (0: never).
NEW_ACCOUNT_DAYS = env_int("NEW_ACCOUNT_DAYS", 7)
NEW_ACCOUNT_POSTS_PER_DAY = env_int("NEW_ACCOUNT_POSTS_PER_DAY", 3)
NEW_ACCOUNT_CONVERSATIONS_PER_DAY = env_int("NEW_ACCOUNT_CONVERSATIONS_PER_DAY", 5)
NEW_ACCOUNT_MESSAGE_LINKS = env_int("NEW_ACCOUNT_MESSAGE_LINKS", 1)
HOLD_MESSAGE_LINKS = env_int("HOLD_MESSAGE_LINKS", 3)
HOLD_REPEATED_MESSAGES = env_int("HOLD_REPEATED_MESSAGES", 3)
# After a match, both parties are asked once whether the help happened, this many days later.
MATCH_OUTCOME_DELAY_DAYS = env_int("MATCH_OUTCOME_DELAY_DAYS", 7)
# Matching (solidair.matching): at most this many emails about suggestions and saved
# searches per person per 24 hours (more wait for the next daily digest), and how long a
# post's ranking is cached (0: never).
MATCHING_EMAILS_PER_DAY = env_int("MATCHING_EMAILS_PER_DAY", 3)
MATCHING_CACHE_SECONDS = env_int("MATCHING_CACHE_SECONDS", 120)
# Calendar (solidair.activities): a series has at most this many dates and spans at most
# this many days; rate limits on announcing, registering and messaging the registered.
EVENTS_MAX_OCCURRENCES = env_int("EVENTS_MAX_OCCURRENCES", 104)
EVENTS_MAX_SERIES_DAYS = env_int("EVENTS_MAX_SERIES_DAYS", 731)
EVENT_RATE = env_str("EVENT_RATE", "10/h")
REGISTRATION_RATE = env_str("REGISTRATION_RATE", "30/h")
EVENT_MESSAGE_RATE = env_str("EVENT_MESSAGE_RATE", "20/h")


# --- email ------------------------------------------------------------------------------------

EMAIL_URL = env_str("EMAIL_URL", "console://" if DEBUG else "")
if not EMAIL_URL:
    raise RuntimeError("EMAIL_URL must be set when DEBUG is false (for example smtp+tls://...).")
globals().update(email_settings_from_url(EMAIL_URL))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


# --- languages ----------------------------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "solidair_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True


# --- security -----------------------------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
# static/js/solidair.js reads the token from this cookie for htmx requests: pages cached
# for anonymous visitors carry no token of their own.
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "solidair.core.views.csrf_failure"
if not DEBUG:
    SILENCED_SYSTEM_CHECKS: list[str] = []
    if SECURE_HSTS_SECONDS and not SECURE_HSTS_PRELOAD:
        # Preload is a one-way commitment a city makes on purpose, never by default.
        SILENCED_SYSTEM_CHECKS.append("security.W021")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"]
        + ([env_str("S3_PUBLIC_URL")] if env_str("S3_PUBLIC_URL") else []),
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}


# --- API ------------------------------------------------------------------------------------------

NINJA_PAGINATION_PER_PAGE = 20
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 100
API_PAGE_SIZE_MAX = 100
# Requests per caller (token owner, signed-in user or IP) to the whole API; over it: 429.
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "600/m")


# --- logging -------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.db.backends": {"level": "WARNING"},
    },
}
