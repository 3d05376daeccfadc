"""The reference page the portal's pages are measured against: a plain 50-row table from one
query, in the same base template, behind the same middleware and login."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from trivsel.schools.models import SchoolClass


class ReferenceView(LoginRequiredMixin, TemplateView):
    template_name = "bench/reference.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rows"] = list(
            SchoolClass.objects.order_by("pk").values("pk", "grade", "letter", "pupil_count")[:50]
        )
        ctx["title"] = "Reference"
        return ctx
