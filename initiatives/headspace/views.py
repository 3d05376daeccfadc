"""Headspace pages. Thin: scope through ``access``, writes through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.formats import date_format
from django.utils.timezone import get_current_timezone, localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from trivsel.schools import access, clock, confirm, versioning
from trivsel.schools.choices import labels
from trivsel.schools.links import row_url
from trivsel.schools.locking import LockTimeout
from trivsel.schools.models import School, SchoolClass, SchoolYear
from trivsel.schools.views.base import (
    SCHOOLS_A_PAGE,
    AccessMixin,
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
    add_service_errors,
    page_of,
)

from . import selectors, services
from .forms import FeedbackForm, TalkBookForm, TargetGradeForm
from .ical import feed_ical
from .models import ACTIVE, CalendarFeed, Talk, TalkStatus, TargetGrade

# the service names model fields; the booking form calls them start/end
TALK_FIELD_MAP = {"ends_at": "end", "starts_at": "start"}


class TargetGradeListView(ScopedListView):
    model = TargetGrade
    create_url_name = "headspace:target_create"
    title = gettext_lazy("Klassetrin til Headspace-oplæg")
    columns = [
        ("school_year.name", gettext_lazy("Skoleår")),
        ("grade", gettext_lazy("Klassetrin")),
        ("programme", gettext_lazy("Åben Skole-program")),
        ("plan_notes", gettext_lazy("Plan")),
    ]

    def base_queryset(self):
        return TargetGrade.objects.select_related("school_year", "programme__school_year")


class TargetGradeCreateView(ScopedCreateView):
    model = TargetGrade
    form_class = TargetGradeForm
    success_url = reverse_lazy("headspace:target_list")
    success_message = gettext_lazy("Klassetrinnet er valgt: {object}.")

    def form_valid(self, form):
        form.instance.chosen_by = self.request.user
        return super().form_valid(form)


class TargetGradeUpdateView(ScopedUpdateView):
    model = TargetGrade
    form_class = TargetGradeForm
    success_url = reverse_lazy("headspace:target_list")
    success_message = gettext_lazy("Klassetrinnet er gemt: {object}.")


class TalkListView(ScopedListView):
    model = Talk
    template_name = "headspace/talk_list.html"
    create_url_name = "headspace:talk_create"
    empty_text = gettext_lazy("Der er ingen Headspace-oplæg endnu.")

    def get_queryset(self):
        self.year = SchoolYear.current()
        return selectors.talk_rows_for(self.request.user, self.year)

    def get_rows(self, object_list) -> list[dict]:
        return talk_rows(object_list)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Headspace-oplæg")
        ctx["year"] = self.year
        return ctx


STATUS_BADGE = {TalkStatus.HELD: "text-bg-success", TalkStatus.BOOKED: "text-bg-primary"}


def talk_rows(values) -> list[dict]:
    """The talk list's rows from ``selectors.talk_rows_for``: the class and its link, school,
    time in local time, counsellors, status with its badge, and the feedback score — or, for a
    held talk the reader may give feedback on, ``feedback_url``."""
    detail, statuses = row_url("headspace:talk_detail"), labels(TalkStatus.choices)
    zone = get_current_timezone()
    rows = []
    for v in values:
        url = detail(v["pk"])
        starts, ends = v["starts_at"].astimezone(zone), v["ends_at"].astimezone(zone)
        may_give = v["can_feedback"] and v["status"] == TalkStatus.HELD
        rows.append(
            {
                "url": url,
                "label": f"{v['school_class__grade']}.{v['school_class__letter']}",
                "school": v["school_class__school__name"],
                "when": f"{starts:%d.%m.%Y %H:%M}–{ends:%H:%M}",
                "counsellors": ", ".join(v["counsellors"]),
                "badge": STATUS_BADGE.get(v["status"], "text-bg-secondary"),
                "status": statuses.get(v["status"], v["status"]),
                "score": f"{v['feedback_score']}/5" if v["feedback_score"] else "",
                "feedback_url": url if may_give and not v["feedback_score"] else "",
            }
        )
    return rows


class TalkDetailView(ScopedDetailView):
    model = Talk
    template_name = "headspace/talk_detail.html"

    def get_queryset(self):
        return Talk.objects.select_related("school_class__school", "feedback_by", "booked_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, talk = self.request.user, self.object
        ctx["title"] = str(talk)
        ctx["can_edit"] = talk.status == TalkStatus.BOOKED and access.can(user, "edit", talk)
        may_feedback = access.can(user, "feedback", talk)
        ctx["can_feedback"] = talk.status == TalkStatus.HELD and may_feedback
        # say why there is no feedback form yet instead of leaving the teacher to guess
        ctx["feedback_later"] = talk.status == TalkStatus.BOOKED and may_feedback
        ctx["can_mark_held"] = ctx["can_edit"] and talk.starts_at <= clock.now()
        if ctx["can_feedback"]:
            form = kwargs.get("feedback_form")
            if form is None:
                form = FeedbackForm(
                    initial={
                        "feedback_score": talk.feedback_score,
                        "feedback_comment": talk.feedback_comment,
                    }
                )
                versioning.add_field(form, talk)
            ctx["feedback_form"] = form
        return ctx


class TalkCreateView(AccessMixin, generic.FormView):
    access_target = Talk
    access_action = "edit"
    form_class = TalkBookForm
    template_name = "headspace/talk_book.html"

    def get_form_kwargs(self):
        user = self.request.user
        year = SchoolYear.current()
        target = TargetGrade.objects.filter(school_year=year).first() if year else None
        if target is not None and target.grade is None:  # agreed, but no grade chosen yet
            target = None
        classes = SchoolClass.objects.none()
        if target is not None:
            classes = access.scope(
                user, SchoolClass.objects.filter(school_year=year, grade=target.grade), "read"
            ).select_related("school", "school_year")
            if not access.can_all(user, "edit", Talk):
                classes = classes.filter(school__in=access.school_ids(user))
            # a class with a booked or held talk cannot get another: do not offer it
            classes = classes.exclude(
                Exists(Talk.objects.filter(school_class=OuterRef("pk"), status__in=ACTIVE))
            )
        self.target = target
        self.classes = classes
        return {**super().get_form_kwargs(), "classes": classes}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Book et Headspace-oplæg")
        if self.target is None:
            ctx["nothing_to_book"] = _(
                "Koordinatoren har endnu ikke valgt, hvilket klassetrin der får oplægget i år."
            )
        elif not self.classes.exists():
            ctx["nothing_to_book"] = _("Alle klasser på %(grade)d. årgang har et oplæg.") % {
                "grade": self.target.grade
            }
        ctx["cancel_url"] = reverse("headspace:talk_list")
        return ctx

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            talk = services.talk_book(
                by=self.request.user,
                school_class=data["school_class"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                counsellors=data["counsellors"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc, TALK_FIELD_MAP)
            return self.form_invalid(form)
        except LockTimeout as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request, _("Oplægget i %(cls)s er booket.") % {"cls": talk.school_class}
        )
        return redirect(talk.get_absolute_url())


class TalkStatusView(ScopedDetailView):
    """POST: mark a booked talk held, or cancel it — after a confirm step that says which talk."""

    model = Talk
    access_action = "edit"
    object_action = "edit"
    http_method_names = ["post"]

    def get_queryset(self):
        return Talk.objects.select_related("school_class__school")

    def post(self, request, *args, **kwargs):
        talk = self.get_object()
        status = request.POST.get("status")
        what = {
            "cls": talk.school_class.label,
            "school": talk.school_class.school.name,
            "when": date_format(localtime(talk.starts_at), "j. F Y \\k\\l. H:i"),
        }
        if status == TalkStatus.CANCELLED:
            asked = confirm.ask_first(
                request,
                question=_("Aflys oplægget for %(cls)s den %(when)s?") % what,
                details=_(
                    "Oplægget på %(school)s aflyses. Klassen kan bagefter få et nyt oplæg booket."
                )
                % what,
                confirm_label=_("Ja, aflys oplægget"),
                back_url=talk.get_absolute_url(),
            )
            if asked is not None:
                return asked
        try:
            services.talk_set_status(talk=talk, by=request.user, status=status)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if status == TalkStatus.CANCELLED:
                text = _("Oplægget for %(cls)s den %(when)s er aflyst.")
            else:
                text = _("Oplægget for %(cls)s den %(when)s er markeret som afholdt.")
            messages.success(request, text % what)
        return redirect(talk.get_absolute_url())


class TalkFeedbackView(TalkDetailView):
    access_action = "feedback"
    object_action = "feedback"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = talk = self.get_object()
        if talk.status != TalkStatus.HELD:
            # the page shows no feedback form for this talk: say why on the page itself
            messages.error(request, _("Der kan kun gives feedback på et afholdt oplæg."))
            return redirect(talk.get_absolute_url())
        form = FeedbackForm(request.POST)
        versioning.add_field(form, talk)
        if form.is_valid():
            try:
                with versioning.claimed(form, talk):
                    services.talk_feedback(
                        talk=talk,
                        by=request.user,
                        score=form.cleaned_data["feedback_score"],
                        comment=form.cleaned_data["feedback_comment"],
                    )
            except versioning.EditConflict as conflict:
                conflict.show(form)
            except ValidationError as exc:
                add_service_errors(form, exc, TALK_FIELD_MAP)
            else:
                messages.success(request, _("Tak for din feedback."))
                return redirect(talk.get_absolute_url())
        return self.render_to_response(
            self.get_context_data(object=talk, feedback_form=form), status=400
        )


class CoverageView(AccessMixin, generic.TemplateView):
    access_target = "page:headspace_coverage"
    template_name = "headspace/coverage.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        year = SchoolYear.current()
        user = self.request.user

        ctx["coverage"] = selectors.coverage(user, year)
        ctx.update(page_of(ctx["coverage"].schools, self.request, SCHOOLS_A_PAGE))
        ctx["rows"] = coverage_rows(ctx["object_list"])
        ctx["year"] = year
        ctx["title"] = _("Headspace: dækning")
        return ctx


COVERAGE_BADGE = {
    "held": "text-bg-success",
    "booked": "text-bg-primary",
    "missing": "text-bg-danger",
}


def coverage_rows(schools) -> list[dict]:
    """Per school of ``selectors.coverage``: its classes as badges — «8.A: booket 12.03.» — and
    «covered/total»."""
    texts = {"held": _("afholdt"), "booked": _("booket"), "missing": _("mangler")}
    rows = []
    for school in schools:
        classes = []
        for label, state, at in school.classes:
            text = f"{label}: {texts[state]}"
            if state == "booked":
                text += f" {localtime(at):%d.%m.}" if at else " "
            classes.append({"badge": COVERAGE_BADGE[state], "text": text})
        rows.append(
            {
                "school": school.school,
                "classes": classes,
                "covered": school.covered,
                "total": school.total,
            }
        )
    return rows


class CalendarView(AccessMixin, generic.TemplateView):
    """The secret feed URLs: the partner's (coordinator) and each school's (its leader)."""

    access_target = CalendarFeed
    template_name = "headspace/calendar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        schools = access.scope(user, School.objects.all(), "read")
        if not access.can_all(user, "read", CalendarFeed):
            schools = schools.filter(pk__in=access.school_ids(user))
        # a page of schools with their feeds: two queries however many schools
        ctx.update(
            page_of(
                schools.select_related("headspace_feed").order_by("name"),
                self.request,
                SCHOOLS_A_PAGE,
            )
        )
        feeds = []
        if access.can_all(user, "edit", CalendarFeed) and ctx["page_obj"].number == 1:
            feeds.append(services.feed_for(school=None))
        for school in ctx["object_list"]:
            try:
                feeds.append(school.headspace_feed)
            except CalendarFeed.DoesNotExist:  # first visit: made once, under its lock
                feeds.append(services.feed_for(school=school))
        ctx["feeds"] = [
            {
                "pk": f.pk,
                "name": str(f),
                "url": self.request.build_absolute_uri(f.get_absolute_url()),
            }
            for f in feeds
        ]
        ctx["title"] = _("Headspace: kalender")
        return ctx


def feed(request, token: str):
    """Public by its secret token (calendar apps cannot log in)."""
    feed_ = get_object_or_404(CalendarFeed.objects.select_related("school"), token=token)
    response = HttpResponse(feed_ical(feed_), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="headspace.ics"'
    return response
