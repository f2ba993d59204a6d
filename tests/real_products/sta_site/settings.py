"""Settings as django-ogc-sensorthings' README gives them, with SQLite for the database; the
service URL and the database file come from the environment the test starts the server with."""

import os
from uuid import UUID

SECRET_KEY = "real-products-test-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = ["sensorthings.versions.v1_1", "sensorthings.versions.v1_1.backends.django"]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
ROOT_URLCONF = "sta_site.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["STA_DATABASE"]}}
USE_TZ = True

SENSORTHINGS_V1_1_SERVICE_URL = os.environ["STA_SERVICE_URL"]  # http://127.0.0.1:<port>/sta
SENSORTHINGS_V1_1_BACKEND_ADAPTER = "sensorthings.versions.v1_1.backends.django.adapter.DjangoBackendAdapter"
SENSORTHINGS_V1_1_ID_TYPE = UUID
SENSORTHINGS_V1_1_ID_DELIMITER = "'"
