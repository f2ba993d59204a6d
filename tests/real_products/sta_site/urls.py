"""The service mounted at /sta/ (the README mounts it at /sensorthings/; the operator chooses),
so that its root is /sta/v1.1/, where the scene-twin-feed profile reads a twin's feed."""

from django.urls import include, path

urlpatterns = [path("sta/", include("sensorthings.versions.v1_1.urls"))]
