"""UMIS settings: one module, driven by environment variables (12-factor).

Profiles (``UMIS_PROFILE``):
- ``demo`` (default): safe local defaults, SQLite under var/, keys generated once into
  var/secrets/ so that nothing secret is ever committed.
- ``production``: every secret must come from the environment; HTTPS-only cookies,
  HSTS and the rest so that ``manage.py check --deploy`` passes.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.secrets import demo_secret

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("UMIS_VAR_DIR", BASE_DIR / "var"))

PROFILE = os.environ.get("UMIS_PROFILE", "demo")
if PROFILE not in {"demo", "production"}:
    raise ImproperlyConfigured("UMIS_PROFILE must be 'demo' or 'production'")
PRODUCTION = PROFILE == "production"


def env(name: str, default: str | None = None) -> str:
    """An environment value; in production a missing secret is a hard error."""
    value = os.environ.get(name)
    if value is not None and value != "":
        return value
    if default is None:
        raise ImproperlyConfigured(f"Environment variable {name} is required")
    return default


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret(name: str, *, kind: str) -> str:
    """A secret from the environment; in the demo profile, generated once under var/."""
    if PRODUCTION:
        return env(name)
    return os.environ.get(name) or demo_secret(VAR_DIR / "secrets", name, kind=kind)


SECRET_KEY = secret("DJANGO_SECRET_KEY", kind="django")
# Off by default, the demo included: people see our error pages, never a traceback.
DEBUG = env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs from local static files, not a CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "umis.core",
    "umis.accounts",
    "umis.audit",
    "umis.people",
    "umis.matching",
    "umis.screening",
    "umis.eservices",
    "umis.cases",
    "umis.notifications",
    "umis.exchange",
    "umis.border",
    "umis.permits",
    "umis.portal",
    "umis.office",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "umis.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "umis.accounts.session_idle.SessionIdleRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "umis.core.nul.RefuseNulMiddleware",  # after the language is known: its errors are translated
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "umis.accounts.middleware.StaffSecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
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
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'umis.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters travel apart from the SQL. The driver prepares nothing (Django's default),
    # so PostgreSQL plans each statement for its values: a plan made once for all values
    # can be far worse on skewed data (a work queue of a small department among large
    # ones). The few hot look-ups by a unique key are prepared on purpose, with one plan
    # for every value (umis.core.compiled_query).
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the web process read while the worker writes; IMMEDIATE transactions take
    # the write lock up front so that concurrent writers queue instead of failing midway.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory, so that threaded tests share it; one per process so runs never collide.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
    # The queue's covering index carries extra columns on PostgreSQL (an index-only count);
    # SQLite builds it without them, which is all the embedded default needs.
    SQLITE_SILENCED_CHECKS = ["models.W040"]
else:
    SQLITE_SILENCED_CHECKS = []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# The public checks' rate limits count in the cache, so every web process must share it:
# Redis in production (``UMIS_CACHE_URL=redis://host:6379/0``). Without it the cache is the
# process's own memory, which is right only for one process (the demo's single server).
# Required in production: rate limits must be shared by every process.
UMIS_CACHE_URL = env("UMIS_CACHE_URL") if PRODUCTION else env("UMIS_CACHE_URL", "")
if UMIS_CACHE_URL:
    if urlsplit(UMIS_CACHE_URL).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured("UMIS_CACHE_URL must be a redis://, rediss:// or unix:// URL")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": UMIS_CACHE_URL,
            "KEY_PREFIX": "umis",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts, second factor, lockout, sessions --------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "umis.accounts.backends.AccountBackend",
    "umis.accounts.backends.RolePermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "office:login"
OTP_TOTP_ISSUER = "UMIS"

AXES_FAILURE_LIMIT = int(env("UMIS_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("UMIS_LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "umis.accounts.views.locked_out"
AXES_VERBOSE = False
# Lockout is per account: offices reach us through shared addresses (NAT), so locking an
# address would lock a whole department out. Per-address rate limits belong to the proxy.
SILENCED_SYSTEM_CHECKS = ["axes.W006", *SQLITE_SILENCED_CHECKS]

# Sessions expire after this much inactivity: every request pushes the expiry forward.
SESSION_COOKIE_AGE = int(env("UMIS_SESSION_IDLE_SECONDS", "1800"))
# Idle expiry: an active session is re-saved once a minute (umis.accounts.session_idle).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_ENGINE = "umis.accounts.session_store"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = env("UMIS_DEFAULT_LANGUAGE", "az")
LANGUAGES = [("az", _("Azerbaijani")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Baku"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads ----------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from finders here
# Uploaded documents go through Django's storage API: a directory here, any storage backend
# (S3-compatible in production) by naming its class. They are never served from MEDIA_URL:
# only the views that check who may read them stream them.
MEDIA_ROOT = Path(env("UMIS_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {
        "BACKEND": env("UMIS_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
DATA_UPLOAD_MAX_MEMORY_SIZE = int(env("UMIS_MAX_REQUEST_BYTES", str(2 * 1024 * 1024)))
# The largest document an applicant may upload. Bigger files are still read to the end (the
# proxy in front should cap the body too) but not kept: the capped handler drops the rest
# and the upload is refused with a message beside the field.
UMIS_DOCUMENT_MAX_BYTES = int(env("UMIS_DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))
UMIS_DOCUMENTS_PER_APPLICATION = int(env("UMIS_DOCUMENTS_PER_APPLICATION", "30"))
# Stored documents are personal data: readable by the service's own user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# The Content-Security-Policy documents are served with (see umis/cases/document_responses.py).
if os.environ.get("UMIS_DOCUMENT_CSP"):
    UMIS_DOCUMENT_CSP = os.environ["UMIS_DOCUMENT_CSP"]
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "umis.cases.upload_handlers.CappedTemporaryFileUploadHandler",
]

# --- Background work --------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "umis.core.tasks_backend.TaskBackend"}}

# --- Exchange with the other state systems ------------------------------------------------
# Simulators of the state systems answer at /simulators/ in the demo and in tests, never in
# production. The base URL points the clients at them (the demo server's own address);
# UMIS_EXCHANGE_URL_<SYSTEM> (BORDER, PAYMENT, INTERNAL_AFFAIRS, HEALTH, ...) overrides one
# system.
UMIS_SIMULATORS = not PRODUCTION and env_bool("UMIS_SIMULATORS", default=True)
UMIS_EXCHANGE_BASE_URL = env(
    "UMIS_EXCHANGE_BASE_URL", "" if PRODUCTION else "http://127.0.0.1:8000/simulators/"
)
# Member ids as X-Road writes them (INSTANCE/CLASS/MEMBER/SUBSYSTEM); each can be changed
# with UMIS_EXCHANGE_MEMBER_<SYSTEM>. The defaults are this project's guesses.
_EXCHANGE_MEMBERS = {
    "egov": "AZ/GOV/EGOV/portal",
    "population": "AZ/GOV/POPREG/registry",
    "border": "AZ/GOV/DMX/entry-exit",
    "payment": "AZ/GOV/GPP/payments",
    "tax": "AZ/GOV/DVX/taxpayers",
    "labour": "AZ/GOV/EESMN/contracts",
    "internal-affairs": "AZ/GOV/DIN/records",
    "health": "AZ/GOV/SN/certificates",
    "foreign-affairs": "AZ/GOV/XIN/visas",
    "state-security": "AZ/GOV/DTX/vetting",
}


def _system_env(prefix: str, system: str) -> str:
    return f"{prefix}{system.upper().replace('-', '_')}"


UMIS_EXCHANGE_URLS = {
    system: os.environ.get(_system_env("UMIS_EXCHANGE_URL_", system), "")
    for system in _EXCHANGE_MEMBERS
}
UMIS_EXCHANGE_SYSTEM_MEMBERS = {
    system: env(_system_env("UMIS_EXCHANGE_MEMBER_", system), member)
    for system, member in _EXCHANGE_MEMBERS.items()
}
UMIS_EXCHANGE_MEMBER = env("UMIS_EXCHANGE_MEMBER", "AZ/GOV/DMX/umis")
UMIS_EXCHANGE_TIMEOUT_SECONDS = float(env("UMIS_EXCHANGE_TIMEOUT_SECONDS", "10"))
# UMIS's Ed25519 keys signing its requests and its message log (umis/exchange/members.py),
# "kid:base64key,..." like the permits' keys; retired public keys in UMIS_EXCHANGE_VERIFY_KEYS.
UMIS_EXCHANGE_SIGNING_KEYS = secret("UMIS_EXCHANGE_SIGNING_KEYS", kind="ed25519-keyring")
UMIS_EXCHANGE_SIGNING_ACTIVE_KEY = env(
    "UMIS_EXCHANGE_SIGNING_ACTIVE_KEY",
    "" if PRODUCTION else UMIS_EXCHANGE_SIGNING_KEYS.split(":", 1)[0],
)
UMIS_EXCHANGE_VERIFY_KEYS = env("UMIS_EXCHANGE_VERIFY_KEYS", "")
# The other members' public keys: {"<member id>": {"<key id>": "<base64 public key>"}}.
UMIS_EXCHANGE_TRUST_FILE = env("UMIS_EXCHANGE_TRUST_FILE", "")
# The simulators' keys are derived from this demo secret (never in production).
UMIS_EXCHANGE_SIMULATOR_SEED = (
    secret("UMIS_EXCHANGE_SIMULATOR_SEED", kind="bytes32") if UMIS_SIMULATORS else ""
)
# The token the standalone simulators' control endpoint asks for (POST /_control/<system>).
UMIS_SIMULATOR_CONTROL_TOKEN = (
    secret("UMIS_SIMULATOR_CONTROL_TOKEN", kind="django") if UMIS_SIMULATORS else ""
)
# An answer whose signed time is further than this from ours is rejected.
UMIS_EXCHANGE_MAX_SKEW_SECONDS = int(env("UMIS_EXCHANGE_MAX_SKEW_SECONDS", "300"))
# Idempotent operations are tried again at once with exponential backoff and full jitter,
# within a short budget: the checks' task retries later on its own, for longer.
UMIS_EXCHANGE_RETRY_ATTEMPTS = int(env("UMIS_EXCHANGE_RETRY_ATTEMPTS", "3"))
UMIS_EXCHANGE_RETRY_BASE_SECONDS = float(env("UMIS_EXCHANGE_RETRY_BASE_SECONDS", "0.5"))
UMIS_EXCHANGE_RETRY_MAX_DELAY_SECONDS = float(env("UMIS_EXCHANGE_RETRY_MAX_DELAY_SECONDS", "4"))
UMIS_EXCHANGE_RETRY_BUDGET_SECONDS = float(env("UMIS_EXCHANGE_RETRY_BUDGET_SECONDS", "15"))
# The circuit breaker of each system: open after this many failures in a row, and let one
# trial call through after it has been open this long.
UMIS_EXCHANGE_BREAKER_FAILURES = int(env("UMIS_EXCHANGE_BREAKER_FAILURES", "5"))
UMIS_EXCHANGE_BREAKER_OPEN_SECONDS = int(env("UMIS_EXCHANGE_BREAKER_OPEN_SECONDS", "60"))
# The border system's feed of crossings: pulled every this many seconds by the task worker,
# this many crossings a page.
UMIS_BORDER_FEED_INTERVAL_SECONDS = int(env("UMIS_BORDER_FEED_INTERVAL_SECONDS", "300"))
UMIS_BORDER_FEED_PAGE_SIZE = int(env("UMIS_BORDER_FEED_PAGE_SIZE", "200"))
# "http" (the real clients) or "inprocess" (tests: requests go through this process).
UMIS_EXCHANGE_TRANSPORT = env("UMIS_EXCHANGE_TRANSPORT", "http")
# State security answers a vetting days later: how often UMIS asks for the result with the
# ticket (the system may also push it to /api/v1/exchange/state-security/vetting-results).
UMIS_SECURITY_VETTING_POLL_SECONDS = int(
    env("UMIS_SECURITY_VETTING_POLL_SECONDS", "3600" if PRODUCTION else "30")
)
# The state security simulator: how long it takes to answer a vetting, and where the
# simulators push to (UMIS's exchange API; default: the server UMIS_EXCHANGE_BASE_URL names,
# which serves the simulators and UMIS together in the demo).
UMIS_SIMULATOR_VETTING_DELAY_SECONDS = int(env("UMIS_SIMULATOR_VETTING_DELAY_SECONDS", "120"))
UMIS_SIMULATOR_PUSH_URL = env("UMIS_SIMULATOR_PUSH_URL", "")

# --- Single sign-on through the e-government portal (OpenID Connect) -----------------------
# Applicants may sign in with the e-government portal's identity (ASAN Login). The portal is
# an OpenID Connect provider found by discovery at <issuer>/.well-known/openid-configuration;
# in the demo and in tests that is the portal's simulator served by this process. Staff never
# sign in this way. Empty (the demo's default) means this server's own simulator, at the
# address the browser used.
UMIS_EGOV_OIDC_ISSUER = (
    env("UMIS_EGOV_OIDC_ISSUER") if PRODUCTION else env("UMIS_EGOV_OIDC_ISSUER", "")
)
if PRODUCTION and urlsplit(UMIS_EGOV_OIDC_ISSUER).scheme != "https":
    raise ImproperlyConfigured("UMIS_EGOV_OIDC_ISSUER must be an https:// URL")
UMIS_EGOV_OIDC_CLIENT_ID = (
    env("UMIS_EGOV_OIDC_CLIENT_ID") if PRODUCTION else env("UMIS_EGOV_OIDC_CLIENT_ID", "umis-demo")
)
UMIS_EGOV_OIDC_CLIENT_SECRET = secret("UMIS_EGOV_OIDC_CLIENT_SECRET", kind="django")
# How the back channel (discovery, keys, token, userinfo) reaches the provider: "http", or
# "inprocess" (tests); empty follows UMIS_EXCHANGE_TRANSPORT.
UMIS_EGOV_OIDC_TRANSPORT = env("UMIS_EGOV_OIDC_TRANSPORT", "")
# Clock difference tolerated when checking the ID token's times.
UMIS_EGOV_OIDC_LEEWAY_SECONDS = int(env("UMIS_EGOV_OIDC_LEEWAY_SECONDS", "60"))

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "no-reply@umis.example")

# --- Personal-data protection ------------------------------------------------------------------
# Field encryption keys: "kid:base64key,kid2:base64key" (32-byte AES-256 keys). New values
# are written with UMIS_ENCRYPTION_ACTIVE_KEY; older keys stay listed to read old values.
UMIS_ENCRYPTION_KEYS = secret("UMIS_ENCRYPTION_KEYS", kind="aes-keyring")
UMIS_ENCRYPTION_ACTIVE_KEY = env(
    "UMIS_ENCRYPTION_ACTIVE_KEY", "" if PRODUCTION else UMIS_ENCRYPTION_KEYS.split(":", 1)[0]
)
# Keyed HMAC for exact search of encrypted values (base64, 32 bytes).
UMIS_INDEX_KEY = secret("UMIS_INDEX_KEY", kind="bytes32")
# Ed25519 private key (base64 raw 32 bytes) signing audit checkpoints; kept outside the DB.
UMIS_AUDIT_SIGNING_KEY = secret("UMIS_AUDIT_SIGNING_KEY", kind="bytes32")
UMIS_AUDIT_CHECKPOINT_DIR = Path(
    env("UMIS_AUDIT_CHECKPOINT_DIR", str(VAR_DIR / "audit-checkpoints"))
)

# --- Permits' signed QR codes (umis/permits/signing.py) ------------------------------------------
# Ed25519 private keys "kid:base64key,..." (32-byte seeds); the active one signs new payloads,
# all of them and the retired public keys in UMIS_PERMIT_VERIFY_KEYS verify and are published
# at /.well-known/jwks.json.
UMIS_PERMIT_SIGNING_KEYS = secret("UMIS_PERMIT_SIGNING_KEYS", kind="ed25519-keyring")
UMIS_PERMIT_SIGNING_ACTIVE_KEY = env(
    "UMIS_PERMIT_SIGNING_ACTIVE_KEY",
    "" if PRODUCTION else UMIS_PERMIT_SIGNING_KEYS.split(":", 1)[0],
)
UMIS_PERMIT_VERIFY_KEYS = env("UMIS_PERMIT_VERIFY_KEYS", "")
# Who issues the permits, as written into every payload.
UMIS_PERMIT_ISSUER = env("UMIS_PERMIT_ISSUER", "AZ-DMX")
# The public site's address printed on documents before the verifier's path (e.g.
# "https://e-migration.gov.az"); empty prints the path alone.
UMIS_PUBLIC_URL = env("UMIS_PUBLIC_URL", "")
# The verifier's online line (the permit's status now) is limited per client address.
UMIS_PERMIT_VERIFY_CHECKS_PER_ADDRESS = int(env("UMIS_PERMIT_VERIFY_CHECKS_PER_ADDRESS", "60"))
UMIS_PERMIT_VERIFY_WINDOW_SECONDS = int(env("UMIS_PERMIT_VERIFY_WINDOW_SECONDS", "900"))
# Share codes: how long a holder may make one valid for, and the limits of the public check.
UMIS_SHARE_CODE_MAX_DAYS = int(env("UMIS_SHARE_CODE_MAX_DAYS", "90"))
UMIS_SHARE_CHECKS_PER_ADDRESS = int(env("UMIS_SHARE_CHECKS_PER_ADDRESS", "20"))
UMIS_SHARE_CHECKS_PER_CODE = int(env("UMIS_SHARE_CHECKS_PER_CODE", "10"))
UMIS_SHARE_CHECK_WINDOW_SECONDS = int(env("UMIS_SHARE_CHECK_WINDOW_SECONDS", "900"))
# Public checks' records committed in groups by one writer thread per process
# (umis.core.group_commit); off, each check commits alone in its request's thread.
UMIS_GROUP_COMMIT = env_bool("UMIS_GROUP_COMMIT", default=True)
# The public "does a travel ban exist for me": requests per client address and per document.
UMIS_TRAVEL_BAN_CHECKS_PER_ADDRESS = int(env("UMIS_TRAVEL_BAN_CHECKS_PER_ADDRESS", "5"))
UMIS_TRAVEL_BAN_CHECKS_PER_DOCUMENT = int(env("UMIS_TRAVEL_BAN_CHECKS_PER_DOCUMENT", "3"))
UMIS_TRAVEL_BAN_CHECK_WINDOW_SECONDS = int(env("UMIS_TRAVEL_BAN_CHECK_WINDOW_SECONDS", "3600"))

# --- Security headers -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("UMIS_LOG_LEVEL", "WARNING")},
}
