"""Settings, driven by environment variables (see README "Configuration").

Two modes, chosen by DJANGO_ENV:
- ``production`` (the default, so running gunicorn directly is safe): HTTPS only,
  SECRET_KEY and ALLOWED_HOSTS must come from the environment.
- ``local``: plain HTTP on loopback, for ``make run`` and the tests; a secret key is
  generated once into ``var/``.
"""

import os
import secrets
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "production").strip().lower()
if DJANGO_ENV not in {"production", "local"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'production' or 'local', not {DJANGO_ENV!r}.")
LOCAL = DJANGO_ENV == "local"
PRODUCTION = not LOCAL
DEBUG = env_bool("DEBUG")


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY", "").strip():
        return key
    if PRODUCTION and not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production (DJANGO_ENV=production, the default) the "
            "secret key must come from the environment. For a local run set DJANGO_ENV=local, "
            "or use `make run`."
        )
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()

if PRODUCTION and not DEBUG and not os.environ.get("ALLOWED_HOSTS", "").strip():
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. In production list the site's host names, comma-separated."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's hosts; '*' is refused.")

# Local runs serve on PORT (`make run`), so links, feeds and emails follow it by default.
PORT = os.environ.get("PORT", "").strip() or "8000"
SITE_URL = (os.environ.get("SITE_URL", "").strip() or f"http://127.0.0.1:{PORT}").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Benzodiazepine Guide")
PUBLISHER_NAME = os.environ.get("PUBLISHER_NAME", "Benzodiazepine Guide editorial team")
PUBLISHER_EMAIL = os.environ.get("PUBLISHER_EMAIL", "editors@example.org")

# Trust and transparency (pages/, feedback/). Shown on /about/, /editorial-policy/ and
# /privacy/ through placeholders; the defaults say plainly when nothing has been declared.
FUNDING_STATEMENT = os.environ.get(
    "FUNDING_STATEMENT",
    "The publisher has not yet published a statement about who pays for this site.",
).strip()
CONFLICTS_OF_INTEREST_STATEMENT = os.environ.get(
    "CONFLICTS_OF_INTEREST_STATEMENT",
    "The publisher has not yet published a statement about conflicts of interest.",
).strip()
FEEDBACK_RETENTION_DAYS = int(os.environ.get("FEEDBACK_RETENTION_DAYS", "365"))
PROBLEM_REPORT_RETENTION_DAYS = int(os.environ.get("PROBLEM_REPORT_RETENTION_DAYS", "730"))
# How long the operator keeps web server logs (they are outside the app): say it truthfully.
SERVER_LOG_RETENTION_DAYS = int(os.environ.get("SERVER_LOG_RETENTION_DAYS", "14"))
# Aggregated search queries (text and result count per day, nothing about the reader).
SEARCH_LOG_RETENTION_DAYS = int(os.environ.get("SEARCH_LOG_RETENTION_DAYS", "90"))
EDITOR_NOTIFICATION_EMAILS = env_list("EDITOR_NOTIFICATION_EMAILS", PUBLISHER_EMAIL)
# Four eyes: a clinician may not approve changes they wrote. A team that truly needs an
# exception turns this on; /editorial-policy/ then says so to readers.
EDITORIAL_ALLOW_SELF_APPROVAL = env_bool("EDITORIAL_ALLOW_SELF_APPROVAL")
# Feedback and problem reports each accept this many forms per client per window.
FEEDBACK_RATE_LIMIT = int(os.environ.get("FEEDBACK_RATE_LIMIT", "10"))
FEEDBACK_RATE_WINDOW_SECONDS = int(os.environ.get("FEEDBACK_RATE_WINDOW_SECONDS", "3600"))

# The urgent-help card and /urgent-help/ page. Readers come from many countries, so by default
# no number is shown: the wording then tells readers to call their local emergency number and
# crisis line. Set these for the audience a deployment serves (e.g. "911" and "988").
URGENT_HELP_EMERGENCY_NUMBER = os.environ.get("URGENT_HELP_EMERGENCY_NUMBER", "").strip()
URGENT_HELP_CRISIS_LINE = os.environ.get("URGENT_HELP_CRISIS_LINE", "").strip()
URGENT_HELP_CRISIS_LINE_NAME = os.environ.get("URGENT_HELP_CRISIS_LINE_NAME", "").strip()
URGENT_HELP_EXTRA = os.environ.get("URGENT_HELP_EXTRA", "").strip()
# Shown, each as a tap-to-call link, when URGENT_HELP_EMERGENCY_NUMBER is not set: countries
# separated by ";", then "Country: number what it is, number what it is".
URGENT_HELP_COMMON_NUMBERS = os.environ.get("URGENT_HELP_COMMON_NUMBERS", "").strip() or (
    "United States: 911 emergency, 988 suicide and crisis line; "
    "United Kingdom: 999 emergency, 111 NHS urgent advice; "
    "European Union: 112 emergency"
)

INSTALLED_APPS = [
    # Django's admin with the site that requires a verified second factor (admin_security).
    "admin_security.apps.SecureAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "markdownx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "core",
    "admin_security",
    "editor",
    "editorial",
    "articles",
    "glossary",
    "search",
    "pages",
    "feedback",
    "seo",
]

MIDDLEWARE = [
    # First: a public page already answered is answered again from the cache, with the headers
    # every middleware below gave it, before any of them runs (config/page_cache.py).
    "config.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise directly after SecurityMiddleware, so static files get its headers too.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Sees every response last: public pages cacheable (ETag, 304), anything personal private.
    "seo.middleware.HttpCachingMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    # An unreachable database answers with a branded 503 and Retry-After, not a 500.
    "config.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # 405 for methods public views don't serve, before the CSRF check; canonical ?page=.
    "config.public_requests.PublicRequestsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a lockout into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "config.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and a writer work at once; the timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if redis_url := os.environ.get("REDIS_URL", "").strip():
    if not find_spec("redis"):
        raise ImproperlyConfigured(
            'REDIS_URL is set but redis-py is not installed: pip install ".[redis]"')
    # Django's RedisCache, serving from local memory (with a warning) while Redis is down.
    CACHES = {"default": {"BACKEND": "config.cache.FallbackRedisCache", "LOCATION": redis_url}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "LOCATION": "site", "OPTIONS": {"MAX_ENTRIES": 5000}}}
# Whole public pages for anonymous readers (config/page_cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
# A CDN's purge endpoint, told the changed addresses after each publish, unpublish and archive
# (seo/purge.py); unset: no purge.
CDN_PURGE_URL = os.environ.get("CDN_PURGE_URL", "").strip()
CDN_PURGE_TOKEN = os.environ.get("CDN_PURGE_TOKEN", "").strip()
CDN_PURGE_ATTEMPTS = int(os.environ.get("CDN_PURGE_ATTEMPTS", "5"))
CDN_PURGE_BACKOFF_SECONDS = float(os.environ.get("CDN_PURGE_BACKOFF_SECONDS", "2"))

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out user+IP is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
# Dates and times printed with their zone (config/formats/en/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if media_bucket := os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip():
    # Media on S3-compatible storage, so every instance sees the same uploads (needs the `s3`
    # extra). Credentials come from the environment (AWS_ACCESS_KEY_ID, ...) through boto3.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": media_bucket,
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL", "").strip() or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME", "").strip() or None,
        "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip() or None,
        "file_overwrite": False,
        "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
    }}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365
# The pages' CSP, X-Frame-Options and Permissions-Policy on static files too.
from config.static_headers import add_security_headers  # noqa: E402

WHITENOISE_ADD_HEADERS_FUNCTION = add_security_headers
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
FILE_UPLOAD_HANDLERS = [
    # Editor uploads are capped at 5 MB: a larger body is refused before it reaches the disk.
    "editor.uploads.RequestSizeCapHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Security -------------------------------------------------------------------------
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8  # staff sessions last a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("TRUST_X_FORWARDED_PROTO"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Which proxies in front of Django may say who the client is (core/client.py): a count
# of proxies that each append to X-Forwarded-For, or their addresses/CIDR networks. Unset:
# 1 behind the HTTPS proxy (TRUST_X_FORWARDED_PROTO), else 0 (REMOTE_ADDR alone).
TRUSTED_PROXIES = os.environ.get("TRUSTED_PROXIES", "").strip()
if TRUSTED_PROXIES:
    from core.client import parse_trusted_proxies

    parse_trusted_proxies(TRUSTED_PROXIES)  # a typo stops the start, with the reason

# Sign-in (admin_security): password, then a TOTP code from an authenticator app.
# django-axes locks a username at one IP address out after repeated failures (wrong passwords
# and wrong codes alike) until the cool-off has passed since the last failure.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "admin_security.views.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.client.client_ip"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# A password accepted but no code yet: the half-signed-in state lasts this long.
SECOND_FACTOR_PENDING_SECONDS = 5 * 60
OTP_TOTP_ISSUER = SITE_NAME

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Email ----------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", PUBLISHER_EMAIL)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Markdown editor (django-markdownx) ----------------------------------------------------
# Its own preview and upload views are open to anyone and do not sanitize: they are not
# mounted. The project's renderer does the rendering (see core.markdown).
MARKDOWNX_MARKDOWNIFY_FUNCTION = "core.markdown.render_markdown"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.security.DisallowedHost": {"level": "CRITICAL"}},
}
