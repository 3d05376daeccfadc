"""Data-subject requests for coordinators: find a person — a login, or someone without a login by
e-mail (a conference registrant) — export what the portal holds about them (JSON or Excel, the
export itself is read-logged), erase/anonymise after a confirmation that says what goes and what
stays, with counts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from trivsel.schools import access, readlog
from trivsel.schools.locking import LockTimeout
from trivsel.schools.models import User
from trivsel.schools.views.base import AccessMixin

from . import subjects


class BadRequest(Exception):
    pass


def _clean_email(value: str) -> str:
    value = (value or "").strip().lower()[:254]
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value


class _SubjectMixin(AccessMixin):
    access_target = "page:data_subjects"
    access_action = "edit"

    def get_person(self) -> subjects.Person:
        if "pk" in self.kwargs:
            user = access.get_for_user(
                self.request.user, User.objects.all(), "read", pk=self.kwargs["pk"]
            )
            return subjects.Person(user=user)
        email = _clean_email(self.request.POST.get("email") or self.request.GET.get("email"))
        if not email:
            raise BadRequest
        return subjects.Person(email=email)

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except BadRequest:
            return HttpResponse(
                _("Angiv en gyldig e-mailadresse."), status=400, content_type="text/plain"
            )

    def erase_url(self, person) -> str:
        if person.user is not None:
            return reverse("security:subject_erase", args=[person.user.pk])
        return reverse("security:subject_email_erase") + "?" + urlencode({"email": person.email})


class SubjectSearchView(_SubjectMixin, TemplateView):
    template_name = "security/subject_search.html"

    def get_context_data(self, **kwargs):
        q = self.request.GET.get("q", "").strip()[:100]
        users = []
        email = _clean_email(q) if "@" in q else ""
        if q:
            users = list(
                access.scope(self.request.user, User.objects.all(), "read")
                .filter(
                    Q(username__icontains=q)
                    | Q(email__icontains=q)
                    | Q(staff_profile__email__icontains=q)
                    | Q(first_name__icontains=q)
                    | Q(last_name__icontains=q)
                )
                .distinct()
                .order_by("username")[:50]
            )
        return super().get_context_data(
            title=_("Registreredes rettigheder"),
            q=q,
            users=users,
            email=email,
            email_query=urlencode({"email": email}) if email else "",
            **kwargs,
        )


class SubjectExportView(_SubjectMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        person = self.get_person()
        fmt = request.GET.get("format", "json")
        if fmt not in ("json", "xlsx"):
            return HttpResponse(_("Ukendt format."), status=400, content_type="text/plain")
        if person.user is not None:
            readlog.log_read(request.user, person.user, "export")
        data = subjects.collect(person, actor=request.user)
        if fmt == "xlsx":
            body = subjects.as_xlsx(data)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            body = subjects.as_json(data)
            content_type = "application/json"
        name = f"registreret-{person.user.pk}" if person.user is not None else "registreret"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response


class SubjectEraseView(_SubjectMixin, TemplateView):
    template_name = "security/subject_erase.html"

    def get_context_data(self, **kwargs):
        person = self.get_person()
        return super().get_context_data(
            title=_("Slet eller anonymisér"),
            person=person,
            plan=subjects.plan(person),
            allowed=subjects.can_erase(self.request.user, person),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        person = self.get_person()
        if not subjects.can_erase(request.user, person):
            messages.error(request, _("Denne bruger kan ikke slettes her."))
            return redirect(self.erase_url(person))
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Bekræft sletningen ved at sætte flueben."))
            return redirect(self.erase_url(person))
        try:
            counts = subjects.subject_erase(actor=request.user, person=person)
        except LockTimeout as error:  # a registration of theirs is being changed right now
            messages.error(request, str(error))
            return redirect(self.erase_url(person))
        summary = ", ".join(f"{what}: {n}" for what, n in counts.items())
        messages.success(
            request, _("Personen er anonymiseret (%(summary)s).") % {"summary": summary}
        )
        return redirect("security:subject_search")
