"""Data-subject requests for coordinators: find a person, export what the portal holds about them
(JSON or Excel, the export itself is read-logged), erase/anonymise with counts."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from trivsel.schools import access, readlog
from trivsel.schools.models import User
from trivsel.schools.views_base import AccessMixin

from . import subjects


class _SubjectMixin(AccessMixin):
    access_target = "page:data_subjects"
    access_action = "edit"

    def get_subject(self):
        return access.get_for_user(
            self.request.user, User.objects.all(), "read", pk=self.kwargs["pk"]
        )


class SubjectSearchView(_SubjectMixin, TemplateView):
    template_name = "security/subject_search.html"

    def get_context_data(self, **kwargs):
        q = self.request.GET.get("q", "").strip()[:100]
        users = []
        if q:
            users = list(
                access.scope(self.request.user, User.objects.all(), "read")
                .filter(
                    Q(username__icontains=q)
                    | Q(email__icontains=q)
                    | Q(first_name__icontains=q)
                    | Q(last_name__icontains=q)
                )
                .order_by("username")[:50]
            )
        return super().get_context_data(
            title=_("Registreredes rettigheder"), q=q, users=users, **kwargs
        )


class SubjectExportView(_SubjectMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        user = self.get_subject()
        fmt = request.GET.get("format", "json")
        if fmt not in ("json", "xlsx"):
            return HttpResponse(_("Ukendt format."), status=400, content_type="text/plain")
        readlog.log_read(request.user, user, "export")
        data = subjects.collect(user)
        if fmt == "xlsx":
            body = subjects.as_xlsx(data)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            body = subjects.as_json(data)
            content_type = "application/json"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="registreret-{user.pk}.{fmt}"'
        return response


class SubjectEraseView(_SubjectMixin, TemplateView):
    template_name = "security/subject_erase.html"

    def get_context_data(self, **kwargs):
        user = self.get_subject()
        return super().get_context_data(
            title=_("Slet eller anonymisér"),
            subject=user,
            allowed=subjects.can_erase(self.request.user, user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        user = self.get_subject()
        if not subjects.can_erase(request.user, user):
            messages.error(request, _("Denne bruger kan ikke slettes her."))
            return redirect("security:subject_erase", pk=user.pk)
        counts = subjects.subject_erase(actor=request.user, user=user)
        summary = ", ".join(f"{what}: {n}" for what, n in counts.items())
        messages.success(
            request, _("Personen er anonymiseret (%(summary)s).") % {"summary": summary}
        )
        return redirect("security:subject_search")
