"""The portal's URLs plus the reference page (benchmarks only; see bench/settings.py)."""

from django.urls import path

from trivsel.urls import urlpatterns as portal_urlpatterns

from .views import ReferenceView

urlpatterns = [
    path("bench/reference/", ReferenceView.as_view(), name="bench_reference"),
    *portal_urlpatterns,
]
