"""Settings for Layanan Publik.

One module, driven by the environment. With nothing set it runs for development: SQLite in
var/, Celery on an embedded filesystem broker, mail to the console, DEBUG on. Setting
DATABASE_URL, REDIS_URL, SECRET_KEY and ALLOWED_HOSTS (and DEBUG off, the default once
SECRET_KEY is set) gives production, where `manage.py check --deploy` is clean.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

# Production is whatever runs with a SECRET_KEY and without DEBUG. Development defaults never
# leak into it: without SECRET_KEY, DEBUG must be switched on explicitly or by default.
_secret = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=not _secret)
if not _secret:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG off) refuses to start without it: "
            "set SECRET_KEY, DATABASE_URL, REDIS_URL and ALLOWED_HOSTS in the environment."
        )
    _secret = "django-insecure-development-only-key-never-used-in-production"  # noqa: S105
SECRET_KEY = _secret

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

SITE_NAME = env.str("SITE_NAME", default="Layanan Publik")
PEMDA_NAME = env.str("PEMDA_NAME", default="Pemerintah Kabupaten Tanah Laut")
# The place printed above the Kepala's signature on the monthly Rekapitulasi (001:Lampiran I).
REPORT_PLACE = env.str("REPORT_PLACE", default="Pelaihari")


def _site_url() -> str:
    """The portal's public address, for absolute links in e-mail and SMS (they have no
    request to build them from). Development defaults to runserver's address (scripts/run.sh
    sets the port it serves on); production without SITE_URL uses https:// and the first of
    ALLOWED_HOSTS, and refuses to start when that is a wildcard, never a loopback address."""
    url = env.str("SITE_URL", default="")
    if not url:
        if DEBUG:
            return "http://127.0.0.1:8000"
        host = ALLOWED_HOSTS[0]
        if host.startswith(".") or "*" in host:
            raise ImproperlyConfigured(
                "SITE_URL must be set when the first of ALLOWED_HOSTS is a wildcard: "
                "e-mail links need the portal's public address."
            )
        url = f"https://{host}"
    if not url.startswith(("http://", "https://")):
        raise ImproperlyConfigured("SITE_URL must start with http:// or https://.")
    return url.rstrip("/")


SITE_URL = _site_url()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "standards",
    "accounts",
    "notices",
    "complaints",
    "reputation",
    "surveys",
    "reports",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous GETs read from the replica when there is one (config/replica.py), and are
    # answered from the shared cache, invalidated on write (config/page_cache.py).
    "config.replica.PublicReadsOnReplicaMiddleware",
    "config.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.OfficialSessionExpiryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
DATABASE_ROUTERS = ["config.replica.ReplicaRouter"]
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
]

# Database: PostgreSQL in production and tests, a SQLite file for a quick local run.
if "DATABASE_URL" in env:
    DATABASES = {"default": env.db("DATABASE_URL")}
    if not DEBUG and "postgresql" not in DATABASES["default"]["ENGINE"]:
        raise ImproperlyConfigured("Production runs on PostgreSQL: DATABASE_URL=postgres://…")
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A streaming replica of the same database takes the anonymous public reads.
    if env.str("REPLICA_DATABASE_URL", default=""):
        DATABASES["replica"] = env.db("REPLICA_DATABASE_URL")
        DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
        DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
        DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
elif DEBUG:
    # A fresh clone has no var/ yet; SQLite cannot create its file in a missing folder.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
    # SQLite builds covering indexes without their INCLUDE columns; PostgreSQL has them.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
else:
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL when DEBUG is off.")
READ_REPLICA_ALIAS = "replica" if "replica" in DATABASES else ""

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
# The officer home (/dasbor/), where officials land after login: a URL name.
DASHBOARD_URL = "complaints:inbox"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Redis (cache, broker) when REDIS_URL is set; otherwise a file cache and an embedded broker,
# both safe across the several processes `make run` starts.
REDIS_URL = env.str("REDIS_URL", default="")
if not REDIS_URL and not DEBUG:
    # The file cache and the filesystem broker serve one machine only (ARCHITECTURE.md: no
    # state in a single process or host).
    raise ImproperlyConfigured("REDIS_URL must be set when DEBUG is off.")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        }
    }

# Sessions live in the database, read through the shared cache when there is Redis: every
# web process sees the same ones, and a signed-in page costs no session query.
SESSION_ENGINE = (
    "config.sessions"  # cached_db that falls back to the database when Redis is down
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
# Whole pages for anonymous visitors, shared by every process, bumped on every write
# (config/page_cache.py); 0 switches it off. Off with DEBUG on, so development shows edits.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if DEBUG else 60)

# Internationalisation: Indonesian first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# The pemda's own zone (Tanah Laut, the default PEMDA_NAME, keeps WITA); deadlines use it.
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Makassar")
LANGUAGE_COOKIE_NAME = "bahasa"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail: the console in development; SMTP from EMAIL_URL (smtp+tls://user:pass@host:587) in
# production, or the host's own MTA when EMAIL_URL is unset (never the console: mail.E001).
# Django 6.1's MAILERS replaces the EMAIL_* settings.
# EMAIL_FILE_PATH writes each message to a file in that folder instead (for a test worker whose
# mail another process reads); it wins over EMAIL_URL.
if "EMAIL_FILE_PATH" in env:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": env.str("EMAIL_FILE_PATH")},
        }
    }
elif "EMAIL_URL" in env or not DEBUG:
    _mail = env.email_url("EMAIL_URL", default="smtp://localhost:25")
    MAILERS = {
        "default": {
            "BACKEND": _mail["EMAIL_BACKEND"],
            "OPTIONS": {
                "host": _mail.get("EMAIL_HOST", "localhost"),
                "port": _mail.get("EMAIL_PORT") or 25,
                "username": _mail.get("EMAIL_HOST_USER", ""),
                "password": _mail.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": bool(_mail.get("EMAIL_USE_TLS")),
                "use_ssl": bool(_mail.get("EMAIL_USE_SSL")),
                "timeout": 15,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="layanan@localhost")

# Failed logins (accounts/throttle.py): per account from one address, per account from any
# address, per address over all accounts.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("LOGIN_ACCOUNT_FAILURE_LIMIT", default=20)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=50)
# Two-step login is required for Admin Nasional, Admin Instansi, operators and superusers
# (accounts.services.two_step_required). Only a development run (DEBUG on, `make run`) may
# leave it optional, so that a newcomer logs in as each demo official with the password.
TWO_STEP_REQUIRED = env.bool("TWO_STEP_REQUIRED", default=not DEBUG)
if not DEBUG and not TWO_STEP_REQUIRED:
    raise ImproperlyConfigured("TWO_STEP_REQUIRED cannot be switched off when DEBUG is off.")
# An official's session ends after this long without a request (accounts.middleware).
OFFICIAL_IDLE_SECONDS = env.int("OFFICIAL_IDLE_SECONDS", default=30 * 60)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=15 * 60)
# Reverse proxies in front of the portal (client address for the throttles; 0 = REMOTE_ADDR).
LOGIN_TRUSTED_PROXIES = env.int("LOGIN_TRUSTED_PROXIES", default=0)
COMPLAINT_TRACK_FAILURE_LIMIT = env.int("COMPLAINT_TRACK_FAILURE_LIMIT", default=10)
COMPLAINT_TRACK_LOCKOUT_SECONDS = env.int("COMPLAINT_TRACK_LOCKOUT_SECONDS", default=15 * 60)
# A reporter's signed link to their item (in every mail about it, and on request when the
# secret is lost) opens it for this many days.
COMPLAINT_LINK_MAX_AGE_DAYS = env.int("COMPLAINT_LINK_MAX_AGE_DAYS", default=7)
# Requests for such a link per client address, and per tracking code, an hour.
COMPLAINT_LINK_REQUEST_LIMIT = env.int("COMPLAINT_LINK_REQUEST_LIMIT", default=5)

# Text messages (notices/sms.py): printed to the console in development; in production nothing
# is sent until a provider's backend is configured (a dotted path to a BaseSmsBackend).
SMS_BACKEND = env.str(
    "SMS_BACKEND",
    default="notices.sms.ConsoleSmsBackend" if DEBUG else "notices.sms.NullSmsBackend",
)

# "Saya juga mengalami" and following public items by e-mail: what one address may add per
# hour (visitors without an account; complaints.views.public).
COMPLAINT_METOO_IP_LIMIT = env.int("COMPLAINT_METOO_IP_LIMIT", default=30)
COMPLAINT_FOLLOW_IP_LIMIT = env.int("COMPLAINT_FOLLOW_IP_LIMIT", default=10)
# Ratings one client address may send in a clock hour (reputation.views; 000:Pasal 3c). The
# bench raises it: every request of its load generator comes from the loopback address.
RATING_IP_LIMIT_PER_HOUR = env.int("RATING_IP_LIMIT_PER_HOUR", default=30)

# Passwords keep Django's own hashers; tracking secrets (random codes the portal draws) have
# theirs, at a cost chosen for them (complaints/hashers.py).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "complaints.hashers.TrackingSecretHasher",
]
COMPLAINT_SECRET_ITERATIONS = env.int("COMPLAINT_SECRET_ITERATIONS", default=100_000)

# Maps. With no tile server configured (the default) no page draws a map or asks anything of
# another host: the location is typed or taken from the phone, and the public map is a table.
# With one, e.g. MAP_TILE_URL=https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png and its
# MAP_TILE_ATTRIBUTION, the filing form gets a map picker and /pengaduan/peta/ a map
# (vendored Leaflet), and the tile host is allowed in the CSP's img-src.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")
# Where an empty map opens: latitude, longitude, zoom (default: Pelaihari, Tanah Laut).
MAP_CENTER = env.list("MAP_CENTER", cast=float, default=[-3.80, 114.77, 11])
# Public pages round coordinates to this many decimals (3 ≈ 100 m): exact positions stay on
# the server (SPEC C3).
MAP_PUBLIC_DECIMALS = 3


def _tile_origin(url: str) -> str:
    """The CSP source of a tile URL template: scheme and host, `{s}` subdomains as `*`."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "tiles"))
    host = parts.netloc
    if "{s}" in url.split("//", 1)[-1].split("/", 1)[0]:
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


# Content Security Policy: everything is served from this origin; no CDN at run time.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if MAP_TILE_URL:
    SECURE_CSP["img-src"] = [*SECURE_CSP["img-src"], _tile_origin(MAP_TILE_URL)]

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features, by name: () switches one off; "self" allows this origin only.
PERMISSIONS_POLICY: dict[str, tuple[str, ...]] = {
    "accelerometer": (),
    "camera": (),
    "geolocation": ("self",),
    "gyroscope": (),
    "magnetometer": (),
    "microphone": (),
    "payment": (),
    "usb": (),
    "browsing-topics": (),
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Celery: Redis in production and tests; kombu's filesystem transport for `make run`.
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = None
else:
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
# Publishing to a dead broker must fail fast: the outbox keeps the work (ARCHITECTURE.md).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **globals().get("CELERY_BROKER_TRANSPORT_OPTIONS", {}),
    "max_retries": 1,
    "socket_connect_timeout": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

ADMINS = [("Operator", a) for a in env.list("ADMIN_EMAILS", default=[])]
