"""Settings for the portal, driven by environment variables.

Without any variable set, the portal runs on its embedded default: SQLite under
`var/`, Wagtail's database search backend, and a secret key kept in `var/`.
`DJANGO_ENV=production` demands a real SECRET_KEY and ALLOWED_HOSTS and turns on
every protection `manage.py check --deploy` looks for.
"""

import base64
import secrets
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF

from django.core.exceptions import ImproperlyConfigured
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

DJANGO_ENV = env_str("DJANGO_ENV", "embedded")
if DJANGO_ENV not in {"embedded", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'embedded' or 'production', not {DJANGO_ENV!r}")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DEBUG", False)


def _embedded_secret_key():
    """One key per checkout, kept on disk so sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production.")
    SECRET_KEY = _embedded_secret_key()

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail-modeltranslation patches Wagtail's models and overrides `migrate`
    # and `makemigrations`, so it has to come before the apps it translates.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    # Its `migrate` is replaced by portal's (portal/management/commands/migrate.py).
    "modeltranslation",
    "foundation",
    "portal",
    "guidance",
    "courses",
    "search",
    "alerts",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Sends the search page's search while the middleware below runs.
    "search.middleware.SendSearchEarly",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above sessions, CSRF and authentication: a stored page costs none of them.
    "foundation.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.errors.RefuseUnreadableInput",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# A form post larger than this, or with more fields, gets a 413 or 400 page before a view
# reads it (portal/errors.py; files are streamed to disk, not counted). A page edited in six
# languages posts a few thousand fields; an address with over 200 parameters gets a 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
    {
        # The search results (search/jinja2/): see portal/jinja_environment.py.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "portal.jinja_environment.environment",
            "extensions": ["jinja2.ext.i18n"],
        },
    },
]

# Database: DATABASE_URL (PostgreSQL in production and tests), else SQLite under var/.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    # Connections are kept for CONN_MAX_AGE seconds and checked before reuse, so a
    # PostgreSQL restart costs one failed check, not an error page per worker.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # No JIT compiling: it pays off on long analytical queries, not on a page's few
        # milliseconds. Where the planner overestimates (tables without statistics yet,
        # after a load or in a new database; the library listing's three many-to-many
        # joins), PostgreSQL compiled such a query for 0.3 s to run it in 1 ms.
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
else:
    if PRODUCTION:
        raise ImproperlyConfigured("DATABASE_URL must be set when DJANGO_ENV=production.")
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Search: the portal's own index in Elasticsearch or OpenSearch when ELASTICSEARCH_URL is
# given (search/elastic.py; every node of a cluster, comma-separated); the database
# otherwise, and while the engine is unreachable. Readers' searches wait at most
# ELASTICSEARCH_TIMEOUT seconds, index creation and rebuilds ELASTICSEARCH_ADMIN_TIMEOUT.
# ELASTICSEARCH_REPLICAS unset: one replica once the cluster has a second node.
# Wagtail's own backend (admin search) always uses the database.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "portal_")
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", 3)
ELASTICSEARCH_ADMIN_TIMEOUT = env_int("ELASTICSEARCH_ADMIN_TIMEOUT", 60)
ELASTICSEARCH_REPLICAS = env_int("ELASTICSEARCH_REPLICAS", None)
# search/admin_index.py: Wagtail's database backend, with publishing that does not slow
# down as the site grows.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_index"}}

# Shared cache, sessions and the task queue ---------------------------------------------
# With REDIS_URL, every process shares one cache (rate limits, counters, cached pages),
# and tasks (search updates, PDFs, emails, periodic clean-ups) go to Redis for
# `celery -A portal worker` (portal/celery.py). Without it, each process keeps its own
# memory and tasks run at once in the process that asks for them, so `make run` stays
# one command.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's own RedisCache: get/set/add/incr with expiry is all the portal asks.
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", ""),
            # A cache that does not answer within a second is treated as down, not waited on.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions are read from the cache and written through to the database: a Redis restart
# signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def _broker_url(redis_url):
    """The broker on the cache's Redis, in database 1: clearing the cache keeps the queue."""
    base, _, database = redis_url.rpartition("/")
    return f"{base}/1" if database.isdigit() else f"{redis_url.rstrip('/')}/1"


CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or (_broker_url(REDIS_URL) if REDIS_URL else "")
# No broker: each task runs in the process that queues it (the embedded default).
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Deployments (or test runs) sharing one Redis keep apart by queue name.
CELERY_TASK_DEFAULT_QUEUE = env_str("TASK_QUEUE", "portal")
CELERY_TASK_IGNORE_RESULT = True  # tasks leave their results in the database, not Redis
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies is run again: tasks are idempotent
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # one slow PDF does not hold back queued emails
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that does not answer costs a publish about a second, not a hang: the update
# stays queued in the database for the worker's next look.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
# Longer than the longest task, so an unacknowledged task is not handed out twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = "UTC"
# How often the worker looks for search updates queued while Elasticsearch was down.
SEARCH_DRAIN_SECONDS = env_int("SEARCH_DRAIN_SECONDS", 5)
# Searches (the search log) are kept this many days, then deleted by the worker.
SEARCH_LOG_RETENTION_DAYS = env_int("SEARCH_LOG_RETENTION_DAYS", 180)
# How often view counts kept in the cache are written to the database.
PAGE_VIEWS_FLUSH_SECONDS = env_int("PAGE_VIEWS_FLUSH_SECONDS", 300)
CELERY_BEAT_SCHEDULE = {
    "send-queued-search-updates": {
        "task": "search.tasks.send_queued_search_updates",
        "schedule": SEARCH_DRAIN_SECONDS,
    },
    "delete-old-searches": {"task": "search.tasks.delete_old_searches", "schedule": 3600},
    "remind-expiring-certificates": {
        "task": "portal.tasks.run_command",
        "schedule": 24 * 3600,
        "args": ("remind_expiring_certificates",),
    },
    "flush-page-views": {
        "task": "portal.tasks.run_command",
        "schedule": PAGE_VIEWS_FLUSH_SECONDS,
        "args": ("flush_page_views",),
    },
    # Topic alerts (alerts/): daily digests each morning, weekly ones on Mondays.
    "send-daily-topic-digests": {
        "task": "portal.tasks.run_command",
        "schedule": crontab(hour=6, minute=0),
        "args": ("send_topic_digests", "--frequency", "daily"),
    },
    "send-weekly-topic-digests": {
        "task": "portal.tasks.run_command",
        "schedule": crontab(hour=6, minute=0, day_of_week="monday"),
        "args": ("send_topic_digests", "--frequency", "weekly"),
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Page cache (foundation/page_cache.py): whole pages for readers who are not signed in, kept
# until content is published; and page views counted in the cache (foundation/page_views.py),
# written to the database in batches by `manage.py flush_page_views`.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = env_str("PAGE_CACHE_ALIAS", "default")  # a key of CACHES
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 600)  # seconds the server keeps a page
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 120)  # seconds browsers and CDNs may
# Besides pages, sites, page view restrictions and snippets: what public pages also show
# (a collection's view restriction decides which documents search results list).
PAGE_CACHE_CONTENT_MODELS = [
    "wagtaildocs.Document",
    "wagtailimages.Image",
    "wagtailcore.CollectionViewRestriction",
]
PAGE_VIEWS_CACHE_ALIAS = env_str("PAGE_VIEWS_CACHE_ALIAS", PAGE_CACHE_ALIAS)
PAGE_VIEWS_FLUSH_INTERVAL = env_int("PAGE_VIEWS_FLUSH_INTERVAL", 60)  # local-memory cache only
# Optional: a CDN or reverse proxy in front, told to drop a page when it is published
# (wagtail.contrib.frontend_cache): PURGE requests to FRONTEND_CACHE_URL (Varnish, nginx),
# or Cloudflare's API with CLOUDFLARE_BEARER_TOKEN and CLOUDFLARE_ZONE_ID.
FRONTEND_CACHE_URL = env_str("FRONTEND_CACHE_URL")
CLOUDFLARE_BEARER_TOKEN = env_str("CLOUDFLARE_BEARER_TOKEN")
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_URL,
    }
if CLOUDFLARE_BEARER_TOKEN:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": CLOUDFLARE_BEARER_TOKEN,
        "ZONEID": env_str("CLOUDFLARE_ZONE_ID"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

# Languages: the six interface languages, with language-prefixed URLs.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("zh-hans", _("Chinese (simplified)")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Editors write English first; a field left empty in another language falls back.
MODELTRANSLATION_ENABLE_FALLBACKS = True
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = True


def _field_in_language(verbose_name, code):
    """A translated field's label in the admin: "Title (Arabic)" in the editor's own
    language, rather than modeltranslation's "Title [ar]"."""
    language = get_language_info(code.replace("_", "-"))["name_translated"]
    return f"{capfirst(verbose_name)} ({language})"


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _field_in_language

# Static files and uploads.
STATIC_URL = "/static/"
# Only production collects static files; elsewhere WhiteNoise reads the app folders.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static"))) if PRODUCTION else None
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
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
# Outside production, serve straight from the app folders: no collectstatic step.
WHITENOISE_USE_FINDERS = not PRODUCTION

# Wagtail.
WAGTAIL_SITE_NAME = "Protection & Training Portal"
# Links in notification emails (review workflow) point here; on the embedded default,
# at the port `make run` serves (PORT).
WAGTAILADMIN_BASE_URL = env_str(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}"
)
WAGTAIL_I18N_ENABLED = False  # translation lives in fields (modeltranslation), not page copies
# Uploads (portal/documents.py). Documents are served only by Wagtail's view, which checks
# the privacy of their collection, and always as downloads. Only these types may be
# uploaded: nothing a browser would run (HTML, SVG, XML, JavaScript).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "rtf",
    "txt",
    "csv",
    "xls",
    "xlsx",
    "ods",
    "ppt",
    "pptx",
    "odp",
    "epub",
]
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]  # no SVG
MEGABYTE = 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 20) * MEGABYTE
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * MEGABYTE
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [(code, name) for code, name in LANGUAGES]

# Security: on by default in production; check --deploy finds nothing to say.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views allow their own same-origin frame
# The CSRF token reaches the admin's scripts in the page (Wagtail's config), never the cookie.
CSRF_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp) on every page but the admin's: scripts, styles and
# everything else only from the portal itself, no inline script or style; frames only
# for the video players a lesson embeds. Wagtail's admin relies on inline scripts, so it
# is left out; documents keep their own stricter policy (portal/documents.py).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# No page needs the reader's camera, microphone, location, sensors or payment.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}

# Readers sign in on the learners' page in their language (courses/urls.py).
LOGIN_URL = "courses:login"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# Limits on sign-in, registration, password reset and codes (foundation/throttles.py) count in
# the default cache. Behind a proxy: the request header (META key) with the client address.
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY") or None

# Certificates (courses/certificates.py): who issues them, under which mark, and who signs
# them. Values from the environment are printed as they are; the defaults are translated.
# The embedded default has an invented signatory for the demo; in production a
# certificate carries a signature only when both values are set.
CERTIFICATE_ORGANISATION = env_str("CERTIFICATE_ORGANISATION") or _(
    "Migrant Protection and Assistance Division"
)
# An SVG template, drawn inline on the certificate: the site's logo, else a plain mark.
CERTIFICATE_LOGO_TEMPLATE = env_str("CERTIFICATE_LOGO_TEMPLATE", "portal/_logo.svg")
CERTIFICATE_SIGNATORY_NAME = env_str("CERTIFICATE_SIGNATORY_NAME") or (
    "" if PRODUCTION else "Dr Leila Mansour"
)
CERTIFICATE_SIGNATORY_ROLE = env_str("CERTIFICATE_SIGNATORY_ROLE") or (
    "" if PRODUCTION else _("Head of Capacity Building")
)


# Certificates are also issued as signed Open Badges credentials (courses/credentials.py):
# an Ed25519 private key, PEM or the 32 raw bytes in base64. Required in production for
# the credential files and their check; the embedded default keeps one under var/.
def _embedded_credential_key():
    path = VAR_DIR / "credential_signing_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(base64.b64encode(secrets.token_bytes(32)).decode())
        path.chmod(0o600)
    return path.read_text().strip()


CREDENTIAL_SIGNING_KEY = env_str("CREDENTIAL_SIGNING_KEY") or (
    None if PRODUCTION else _embedded_credential_key()
)
# Learners are reminded this many days before their certificate expires.
CERTIFICATE_REMINDER_DAYS = env_int("CERTIFICATE_REMINDER_DAYS", 30)

# The privacy notice the registration page links to, found by page type and field values
# (never by slug). Without such a live page the page states what is kept, without a link.
PRIVACY_NOTICE_PAGE = ("portal.InformationPage", {"kind": "privacy"})

# With a task queue, messages are handed to the worker, which sends them through
# EMAIL_BACKEND and retries while the mail server does not answer (portal/mail.py).
TASK_EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_BACKEND = TASK_EMAIL_BACKEND if CELERY_TASK_ALWAYS_EAGER else "portal.mail.QueuedEmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "portal@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
