"""One settings module for every environment, read from the environment (12-factor).

With nothing set, the portal runs on embedded defaults: a SQLite file under ``data/``, Celery tasks run
eagerly in-process, mail printed to the console, DEBUG on. ``DATABASE_URL`` and ``REDIS_URL`` switch to
PostgreSQL and Redis; ``DJANGO_ENV=production`` turns on every deployment safeguard and must pass
``manage.py check --deploy`` with no warnings (docs/adr/0001, docs/adr/0002).
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(environ.Env().str("PORTAL_DATA_DIR", default=str(BASE_DIR / "data")))

env = environ.Env()
# A local .env file is read if present (never committed); real environments set variables directly.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "test", "production"}:
    raise environ.ImproperlyConfigured(
        f"DJANGO_ENV must be development, test or production, not {DJANGO_ENV!r}"
    )
PRODUCTION = DJANGO_ENV == "production"

# --- Core -------------------------------------------------------------------------------------------
if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")  # no default: production refuses to start without one
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
else:
    SECRET_KEY = env.str(
        "SECRET_KEY", default="dev-only-insecure-key-never-used-in-production-0123456789abcdef"
    )
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

DEBUG = env.bool("DEBUG", default=DJANGO_ENV == "development")
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
    "rest_framework",
    "oauth2_provider",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "django_htmx",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # The portal's own apps; their order is also the order seed_demo loads their data in.
    "portal",
    "accounts",
    "procedures",
    "dossiers",
    "satisfaction",
]

MIDDLEWARE = [
    "portal.middleware.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.VietnameseFirstLocaleMiddleware",
    "portal.api.middleware.ApiLanguageMiddleware",
    "portal.api.middleware.ApiQueryGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "portal.context_processors.portal",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------------------
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a task writes; a busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"].pop("CONN_MAX_AGE")
    DATABASES["default"]["CONN_MAX_AGE"] = 0
USING_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="portal"),
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Identity ---------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every attempt while an identifier or address is locked out (django-axes).
    "axes.backends.AxesStandaloneBackend",
    # Sign-in with ID number, tax code, email, phone or username (accounts/backends.py).
    "accounts.backends.IdentifierBackend",
    # OpenID Connect (VNeID or another national provider) when configured (accounts/identity/).
    "accounts.identity.contrib.oidc.backend.OIDCBackend",
    "guardian.backends.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "home"
ANONYMOUS_USER_NAME = None  # django-guardian: no anonymous user row

# --- Accounts: one-time codes, lockout, second factor, identity providers (accounts/) -----------------
# One-time codes (registration, password reset): lifetime, wrong attempts allowed, sends per hour.
ACCOUNTS_OTP_TTL_MINUTES = env.int("ACCOUNTS_OTP_TTL_MINUTES", default=10)
ACCOUNTS_OTP_MAX_ATTEMPTS = env.int("ACCOUNTS_OTP_MAX_ATTEMPTS", default=5)
ACCOUNTS_OTP_MAX_SENDS_PER_HOUR = env.int("ACCOUNTS_OTP_MAX_SENDS_PER_HOUR", default=5)
# One-time codes by SMS go through the notification outbox's SMS adapter (NOTIFICATION_CHANNELS).
# Version of the personal-data terms a user consents to at registration (Decree 13/2023).
ACCOUNTS_CONSENT_VERSION = env.str("ACCOUNTS_CONSENT_VERSION", default="2026-01")
# The level a receiving officer records after checking the original citizen ID card (CCCD, with its
# photo and chip) against the person at the counter (accounts/services/counter.py).
ACCOUNTS_COUNTER_ASSURANCE_LEVEL = env.str("ACCOUNTS_COUNTER_ASSURANCE_LEVEL", default="level2")
# Identity providers offered on the sign-in page (accounts/identity/registry.py).
ACCOUNTS_IDENTITY_PROVIDERS = env.list("ACCOUNTS_IDENTITY_PROVIDERS", default=["local"])
# Sign-in throttling and lockout for everyone (django-axes): 5 failures per account (or unknown
# identifier) or per address, then locked for 15 minutes. Attempts are kept in the database (rolled back with each
# test), keyed on the account an identifier names, so switching ID number / email / phone gains nothing.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
# By account and by address: an address spraying many accounts is stopped too. A success resets the
# counts of both, so an office behind one NAT address is not locked out by one person's typos.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "identifier"
AXES_USERNAME_CALLABLE = "accounts.backends.axes_username"
AXES_LOCKOUT_CALLABLE = "accounts.views.auth.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=1 if PRODUCTION else 0) or None
# The admin site asks system admins for their second factor too. Off in the test suite only, where
# other apps' tests use Django's admin_client (tests/accounts/test_admin_otp.py turns it on).
ACCOUNTS_ADMIN_REQUIRES_OTP = env.bool("ACCOUNTS_ADMIN_REQUIRES_OTP", default=DJANGO_ENV != "test")
# TOTP second factor for staff (django-otp): issuer shown in authenticator apps.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Cổng Dịch vụ công")
# OpenID Connect client (mozilla-django-oidc) for a national identity provider such as VNeID.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default="")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid profile email phone")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
OIDC_STORE_ID_TOKEN = False
OIDC_CREATE_USER = True
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-callback"
LOGIN_REDIRECT_URL_FAILURE = "/tai-khoan/dang-nhap/?loi=oidc"
# Claim names of the provider mapped onto the account, and its assurance values onto ours.
ACCOUNTS_OIDC_PROVIDER_NAME = env.str("ACCOUNTS_OIDC_PROVIDER_NAME", default="VNeID")
ACCOUNTS_OIDC_CLAIMS = {
    "id_number": env.str("OIDC_CLAIM_ID_NUMBER", default="citizen_id"),
    "full_name": env.str("OIDC_CLAIM_FULL_NAME", default="name"),
    "date_of_birth": env.str("OIDC_CLAIM_BIRTHDATE", default="birthdate"),
    "email": env.str("OIDC_CLAIM_EMAIL", default="email"),
    "phone": env.str("OIDC_CLAIM_PHONE", default="phone_number"),
    "assurance": env.str("OIDC_CLAIM_ASSURANCE", default="acr"),
}
ACCOUNTS_OIDC_ASSURANCE_MAP = env.dict(
    "OIDC_ASSURANCE_MAP",
    default={"level1": "level1", "level2": "level2", "1": "level1", "2": "level2"},
)

# --- Language and time ------------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Files ------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Outside production WhiteNoise serves straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
# Uploaded documents are private: stored outside any served folder and only ever streamed by views
# that check the viewer's right to the dossier. There is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(DATA_DIR / "private")))
MEDIA_URL = "/private-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Mail -------------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Cổng Dịch vụ công <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery (portal/celery.py reads every CELERY_* name) ----------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None  # results are never read: the database is the source of truth
# Eager (in-process) without a broker, and in the test suite, whose worker tests switch it off.
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL or DJANGO_ENV == "test"
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # every task is idempotent: redelivery after a crash is safe
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Redis redelivers an unacknowledged task after this many seconds; every retry countdown stays below it.
CELERY_BROKER_VISIBILITY_TIMEOUT = env.int("CELERY_BROKER_VISIBILITY_TIMEOUT", default=3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = "default"
# Named queues: every queue listed here must have a consumer (`make worker` consumes them all).
CELERY_QUEUE_NAMES = ["default", "notifications", "deadlines", "reports", "webhooks"]
CELERY_TASK_QUEUES = [Queue(name, routing_key=name) for name in CELERY_QUEUE_NAMES]
CELERY_TASK_ROUTES = {
    "portal.tasks.*": {"queue": "default"},
    "portal.notifications.*": {"queue": "notifications"},
    # Partners' slow or broken endpoints must never delay citizens' notifications.
    "portal.integrations.*": {"queue": "webhooks"},
    "dossiers.tasks.*": {"queue": "deadlines"},
    "satisfaction.tasks.*": {"queue": "reports"},
}
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {
        "task": "portal.tasks.heartbeat",
        "schedule": crontab(minute="*"),
        "kwargs": {"source": "beat"},
        "options": {"expires": 55},
    },
}

# --- REST framework and the API (portal/api/, docs/adr/0008) ---------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # The bearer scheme first: an anonymous caller gets 401 with WWW-Authenticate: Bearer.
        "portal.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly",
        "portal.api.permissions.TokenHasRequiredScopes",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": ["portal.api.throttles.ClientRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "portal.api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "portal.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests per minute, per client: an OAuth2 application (partners, citizens' apps), else a signed-in
# account, else an IP address. The suite raises them so tests sharing 127.0.0.1 are never throttled.
_TEST_RATE = 100_000
API_THROTTLE_RATES = {
    "anon": env.int("API_RATE_ANON", default=_TEST_RATE if DJANGO_ENV == "test" else 60),
    "user": env.int("API_RATE_USER", default=_TEST_RATE if DJANGO_ENV == "test" else 240),
    "client": env.int("API_RATE_CLIENT", default=_TEST_RATE if DJANGO_ENV == "test" else 600),
}
# OAuth2 (django-oauth-toolkit): client credentials for partner systems, authorisation code with PKCE
# for citizens' apps. Scopes are what a token may do; agencies and roles still limit whom it may do it to.
OAUTH2_PROVIDER = {
    "SCOPES": {
        "catalogue:read": _("Đọc danh mục thủ tục hành chính"),
        "status:read": _("Đọc trạng thái hồ sơ của cơ quan được giao"),
        "status:write": _("Cập nhật trạng thái hồ sơ của cơ quan được giao"),
        "dossiers:own": _("Nộp và theo dõi hồ sơ của chính mình"),
    },
    "DEFAULT_SCOPES": ["catalogue:read"],
    "SCOPES_BACKEND_CLASS": "portal.api.scopes.ApplicationScopes",
    "ACCESS_TOKEN_EXPIRE_SECONDS": env.int("OAUTH2_ACCESS_TOKEN_SECONDS", default=3600),
    "REFRESH_TOKEN_EXPIRE_SECONDS": 30 * 24 * 3600,
    "ROTATE_REFRESH_TOKEN": True,
    "PKCE_REQUIRED": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"] if PRODUCTION else ["https", "http"],
    # OAuth 2.0 Security BCP (RFC 9700): no implicit or password grant, S256 PKCE only, tokens only in
    # the Authorization header, tokens stored as checksums, refresh-token replay revokes the family.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": not DEBUG,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "REFRESH_TOKEN_GRACE_PERIOD_SECONDS": 0,
}
# Named explicitly so migrations that point at the application (portal.PartnerClient) resolve it.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
SPECTACULAR_SETTINGS = {
    "TITLE": "Cổng Dịch vụ công — API v1",
    "DESCRIPTION": (
        "API của Cổng Dịch vụ công: danh mục thủ tục (công khai), hồ sơ của công dân, hàng đợi và "
        "thao tác của cán bộ, trạng thái hồ sơ cho hệ thống đối tác (mã trạng thái quốc gia 1-10). "
        "Lỗi trả về cùng một dạng JSON (`code`, `message`, `fields`); ngôn ngữ của thông báo chọn "
        "bằng `?lang=vi|en` hoặc tiêu đề Accept-Language, mặc định tiếng Việt."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {},
    "SORT_OPERATION_PARAMETERS": True,
}
# Webhooks to partner systems (portal/integrations/webhooks.py).
WEBHOOK_CONNECT_TIMEOUT = env.float("WEBHOOK_CONNECT_TIMEOUT", default=3.0)
WEBHOOK_READ_TIMEOUT = env.float("WEBHOOK_READ_TIMEOUT", default=10.0)
WEBHOOK_FIRST_BACKOFF = env.int("WEBHOOK_FIRST_BACKOFF", default=10)
WEBHOOK_MAX_BACKOFF = env.int("WEBHOOK_MAX_BACKOFF", default=1800)
# A partner down for less than this catches up by itself; after it, deliveries are given up (the feed
# still has every event, and a replay resends from any point).
WEBHOOK_GIVE_UP_AFTER = env.int("WEBHOOK_GIVE_UP_AFTER", default=3 * 24 * 3600)
# Production sends only to https:// URLs.
WEBHOOK_REQUIRE_HTTPS = env.bool("WEBHOOK_REQUIRE_HTTPS", default=PRODUCTION)
# Webhooks never go to loopback, private or link-local addresses (SSRF; portal/integrations/
# destinations.py) unless this is true: only development and test, whose receivers run on 127.0.0.1.
WEBHOOK_ALLOW_PRIVATE_NETWORKS = env.bool(
    "WEBHOOK_ALLOW_PRIVATE_NETWORKS", default=DJANGO_ENV in ("development", "test")
)
# Private networks allowed all the same (CIDR list), e.g. a partner on the government's data network.
WEBHOOK_ALLOWED_NETWORKS = env.list("WEBHOOK_ALLOWED_NETWORKS", default=[])
CELERY_BEAT_SCHEDULE["integrations-sweep"] = {
    "task": "portal.integrations.sweep",
    "schedule": crontab(minute="*"),
    "options": {"expires": 55},
}
# The committed OpenAPI document; tests fail when the generated one differs (`make schema` rewrites it).
API_SCHEMA_FILE = BASE_DIR / "docs" / "api" / "openapi.yaml"

# --- Security headers -------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
CSRF_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'nonce'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Behind the province's reverse proxy, which terminates TLS and sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

# --- Logging ----------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "celery": {"level": "INFO"},
        "weasyprint.progress": {"level": "WARNING"},  # one INFO line per rendering step
    },
}

# --- The portal's own settings ----------------------------------------------------------------------
PORTAL_NAME = env.str("PORTAL_NAME", default="Cổng Dịch vụ công")
PORTAL_AUTHORITY = env.str("PORTAL_AUTHORITY", default="Ủy ban nhân dân tỉnh")
PORTAL_HOTLINE = env.str("PORTAL_HOTLINE", default="1900 0000")
PORTAL_CONTACT_EMAIL = env.str("PORTAL_CONTACT_EMAIL", default="hotro@dichvucong.example.vn")
# Server-Timing header with the time spent in Django (the benchmark harness turns it on).
SERVER_TIMING_HEADER = env.bool("SERVER_TIMING_HEADER", default=False)
# Development-only accounts are created by seed_demo outside production only.
DEMO_DATA_ALLOWED = not PRODUCTION
# Catalogue search results, counts and filter choices kept in the cache under the catalogue's version
# (procedures/cache.py): every catalogue write changes the version; this bounds writes made outside the
# ORM. 0 turns the cache off (tests; the benchmark's "cache off" variant).
CATALOGUE_CACHE_SECONDS = env.int("CATALOGUE_CACHE_SECONDS", default=300)

# --- Working-day calendars and deadlines (portal/calendars, docs/adr/0005) ---------------------------
# Years covered by each calendar's precomputed index of working days.
CALENDAR_INDEX_YEARS = (
    env.int("CALENDAR_INDEX_FIRST_YEAR", default=2000),
    env.int("CALENDAR_INDEX_LAST_YEAR", default=2060),
)
# Working-hour limits run from the moment of receipt; True makes the afternoon cut-off apply to them too.
DEADLINE_CUTOFF_APPLIES_TO_HOURS = env.bool("DEADLINE_CUTOFF_APPLIES_TO_HOURS", default=False)
# "Due soon": this many working hours or fewer left (default one working day).
DEADLINE_DUE_SOON_WORKING_HOURS = env.int("DEADLINE_DUE_SOON_WORKING_HOURS", default=8)
# Steps of the internal process: "due soon" at this many working hours left, and at most half the
# step's budget (a 2-hour step is not due soon the moment it is handed over).
DEADLINE_STEP_DUE_SOON_WORKING_HOURS = env.float("DEADLINE_STEP_DUE_SOON_WORKING_HOURS", default=4)
# Decree 45/2020: online dossiers get an answer (receive / supplement / refuse) within 8 working hours.
ONLINE_ANSWER_WORKING_HOURS = env.int("ONLINE_ANSWER_WORKING_HOURS", default=8)

# --- Dossiers: processing (owner: processing) --------------------------------------------------------
# Dossier code (mã hồ sơ): agency code, receipt date yymmdd, daily sequence; e.g. 000.00.12.H26-250615-0001
# (DOMAIN.md §4, verify against the national format). Fields: agency_code, date, seq.
DOSSIER_CODE_FORMAT = env.str(
    "DOSSIER_CODE_FORMAT", default="{agency_code}-{date:%y%m%d}-{seq:04d}"
)
# Staff queue tab counts are kept this many seconds per officer (0: count on every page).
DOSSIER_QUEUE_COUNTS_CACHE_SECONDS = env.int("DOSSIER_QUEUE_COUNTS_CACHE_SECONDS", default=15)
# Largest signed result file accepted (MB).
DOSSIER_RESULT_MAX_MB = env.int("DOSSIER_RESULT_MAX_MB", default=20)
# Archival period of a dossier after it closed (years): while it runs, or while the dossier is open, a
# deletion request keeps the applicant's name, ID number and date of birth (dossiers/privacy.py). The
# statutory periods depend on the procedure (archival rules of the Ministry of Home Affairs; verify).
DOSSIER_RETENTION_YEARS = env.int("DOSSIER_RETENTION_YEARS", default=10)
# What other apps add to a person's data rights (accounts/services/privacy.py).
ACCOUNTS_RETENTION_CHECKS = ["dossiers.privacy.retention_reasons"]
ACCOUNTS_PERSONAL_DATA_EXPORTERS = ["dossiers.privacy.export"]

# --- Statutory documents (dossiers/documents) --------------------------------------------------------
# A serif with full Vietnamese coverage from Debian packages (fonts-noto-core, fonts-dejavu-core), found
# by name through fontconfig, never downloaded. Decree 30/2020 names Times New Roman; where the package
# fonts-liberation2 is installed, '"Liberation Serif", "Noto Serif", serif' is its metric twin.
# The place name of the date line ("Huế, ngày ... tháng ... năm ...") when an agency does not give its own.
DOCUMENTS_PLACE = env.str("DOCUMENTS_PLACE", default="")
DOCUMENTS_FONT_FAMILY = env.str(
    "DOCUMENTS_FONT_FAMILY", default='"Noto Serif", "DejaVu Serif", serif'
)

# --- Notification outbox (portal/notifications, docs/adr/0007) ---------------------------------------
SMS_ADAPTERS = {
    "http": "portal.notifications.channels.sms.HttpGatewaySmsAdapter",
    "console": "portal.notifications.channels.sms.ConsoleSmsAdapter",
    "fake": "portal.notifications.channels.sms.FakeSmsAdapter",
}
NOTIFICATION_CHANNELS = {
    "email": "portal.notifications.channels.email.EmailAdapter",
    "sms": SMS_ADAPTERS[
        env.str("SMS_ADAPTER", default="fake" if DJANGO_ENV == "test" else "console")
    ],
    "in_app": "portal.notifications.channels.in_app.InAppAdapter",
}
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_TOKEN = env.str("SMS_GATEWAY_TOKEN", default="")
SMS_BRANDNAME = env.str("SMS_BRANDNAME", default="DICHVUCONG")
SMS_GATEWAY_TIMEOUT = env.int("SMS_GATEWAY_TIMEOUT", default=10)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
NOTIFICATION_BATCH_SIZE = env.int("NOTIFICATION_BATCH_SIZE", default=100)
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=8)
# Backoff: base × 2^(attempt-1), capped, and always below the broker's visibility timeout.
NOTIFICATION_RETRY_BASE_DELAY = env.int("NOTIFICATION_RETRY_BASE_DELAY", default=30)
NOTIFICATION_RETRY_MAX_DELAY = env.int("NOTIFICATION_RETRY_MAX_DELAY", default=1800)
# The sweeper re-queues pending rows this long past due (their message was lost) and rows stuck in
# "sending" this long (their worker died); the latter must exceed every adapter's timeout.
NOTIFICATION_SWEEP_GRACE_SECONDS = env.int("NOTIFICATION_SWEEP_GRACE_SECONDS", default=120)
NOTIFICATION_STUCK_AFTER_SECONDS = env.int("NOTIFICATION_STUCK_AFTER_SECONDS", default=600)
NOTIFICATION_SWEEP_LIMIT = env.int("NOTIFICATION_SWEEP_LIMIT", default=5000)
# Dotted path of a function turning an attachment reference (e.g. an issued document's id) into
# (file name, bytes, content type) for email; "" attaches only {"name", "path"} files.
NOTIFICATION_ATTACHMENT_RESOLVER = env.str("NOTIFICATION_ATTACHMENT_RESOLVER", default="")
# Test-only fake SMS provider: a shared JSON-lines file (workers in other processes) and a delay.
NOTIFICATION_FAKE_PROVIDER_LOG = env.str("NOTIFICATION_FAKE_PROVIDER_LOG", default="")
NOTIFICATION_FAKE_PROVIDER_DELAY = env.float("NOTIFICATION_FAKE_PROVIDER_DELAY", default=0)
CELERY_BEAT_SCHEDULE["notifications-sweep"] = {
    "task": "portal.notifications.sweep",
    "schedule": crontab(minute="*"),
    "options": {"expires": 55},
}
TEMPLATES[0]["OPTIONS"]["context_processors"].append("portal.notifications.context_processors.bell")

# --- Deadline scan (portal/deadlines, docs/adr/0009) ---------------------------------------------------
DEADLINE_SCAN_BATCH = env.int("DEADLINE_SCAN_BATCH", default=1000)
CELERY_TASK_ROUTES["portal.deadlines.*"] = {"queue": "deadlines"}
CELERY_BEAT_SCHEDULE["deadline-scan"] = {
    "task": "portal.deadlines.scan",
    "schedule": crontab(minute="*/5"),
    "options": {"expires": 290},
}

# --- Satisfaction, complaints and statistics (satisfaction app) -------------------------------------
# Working days to answer a complaint or suggestion (phản ánh, kiến nghị). Decree 20/2008 gives 10
# working days for handling feedback on administrative regulations (cần xác minh for this portal's use).
COMPLAINT_ANSWER_WORKING_DAYS = env.int("COMPLAINT_ANSWER_WORKING_DAYS", default=10)
# Returned dossiers older than this many days get no survey invitation from the sweeper.
SURVEY_INVITATION_LOOKBACK_DAYS = env.int("SURVEY_INVITATION_LOOKBACK_DAYS", default=14)
# Payment providers that are not online (a receipt at the counter): excluded from "paid online".
OFFLINE_PAYMENT_PROVIDERS = env.list("OFFLINE_PAYMENT_PROVIDERS", default=["", "counter", "cash"])
# Statistics and the service index: rebuild the fact tables; invite applicants of returned dossiers.
CELERY_BEAT_SCHEDULE["satisfaction-refresh-facts"] = {
    "task": "satisfaction.tasks.refresh_facts",
    "schedule": crontab(minute="*/30"),
    "options": {"expires": 25 * 60},
}
CELERY_BEAT_SCHEDULE["satisfaction-send-invitations"] = {
    "task": "satisfaction.tasks.send_survey_invitations",
    "schedule": crontab(minute="*/10"),
    "options": {"expires": 9 * 60},
}
CELERY_BEAT_SCHEDULE["deadline-daily-digest"] = {
    "task": "portal.deadlines.daily_digest",
    "schedule": crontab(hour=7, minute=0),
    "options": {"expires": 3600},
}


# --- Citizen dossiers: submission, attachments, payments (dossiers/) ---------------------------------
DOSSIER_MAX_FILES_PER_COMPONENT = env.int("DOSSIER_MAX_FILES_PER_COMPONENT", default=5)
# Public lookup (tra cứu): attempts per client address and per dossier code in a 15-minute window.
DOSSIER_LOOKUP_RATE = env.int("DOSSIER_LOOKUP_RATE", default=10)
DOSSIER_LOOKUP_RATE_PER_CODE = env.int("DOSSIER_LOOKUP_RATE_PER_CODE", default=5)
# Payment providers behind one interface (dossiers/payments/registry.py). The sandbox gateway stands
# in for a bank outside production; a real gateway (VNPay) is configured from the environment.
PAYMENT_PROVIDERS = {}
if env.bool("PAYMENT_SANDBOX_ENABLED", default=not PRODUCTION):
    PAYMENT_PROVIDERS["sandbox"] = {
        "class": "dossiers.payments.contrib.sandbox.SandboxProvider",
        "secret": env.str("PAYMENT_SANDBOX_SECRET", default=""),
    }
if env.str("VNPAY_TMN_CODE", default=""):
    PAYMENT_PROVIDERS["vnpay"] = {
        "class": "dossiers.payments.contrib.vnpay.VNPayProvider",
        "tmn_code": env.str("VNPAY_TMN_CODE"),
        "hash_secret": env.str("VNPAY_HASH_SECRET"),
        "pay_url": env.str(
            "VNPAY_PAY_URL", default="https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
        ),
        "api_url": env.str(
            "VNPAY_API_URL",
            default="https://sandbox.vnpayment.vn/merchant_webapi/api/transaction",
        ),
    }
PAYMENT_DEFAULT_PROVIDER = env.str(
    "PAYMENT_DEFAULT_PROVIDER", default=next(iter(PAYMENT_PROVIDERS), "sandbox")
)
# A payment attempt expires after this many minutes; reconciliation then asks the gateway.
PAYMENT_ATTEMPT_MINUTES = env.int("PAYMENT_ATTEMPT_MINUTES", default=15)
CELERY_IMPORTS = ["dossiers.payments.tasks"]
CELERY_TASK_ROUTES["dossiers.payments.*"] = {"queue": "default"}
CELERY_BEAT_SCHEDULE["reconcile-payments"] = {
    "task": "dossiers.payments.tasks.reconcile_payments",
    "schedule": crontab(minute="*/10"),
    "options": {"expires": 540},
}
