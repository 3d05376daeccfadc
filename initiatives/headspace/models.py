"""Headspace talks: per school year the grade that gets the talk (paid from an Åben Skole
allocation — the one named relation to ``openschool``), a talk per class of that grade, the class
teacher's feedback, and secret calendar feeds for the partner and each school.

No double bookings: a class has at most one active talk (partial unique constraint — a class
belongs to one school year); a counsellor in two places at once is refused in
``services.talk_book`` under a lock.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from initiatives.openschool.models import Offer, Programme
from trivsel.schools.fields import FreeTextField
from trivsel.schools.history import HistoricalRecords
from trivsel.schools.links import pk_url
from trivsel.schools.models import School, SchoolClass, SchoolYear
from trivsel.schools.versioning import Versioned


class TargetGrade(Versioned):
    school_year = models.OneToOneField(
        SchoolYear,
        on_delete=models.PROTECT,
        related_name="headspace_target",
        verbose_name=_("skoleår"),
    )
    # empty while the cooperation for the year is agreed but the grade not yet chosen
    grade = models.PositiveSmallIntegerField(
        _("klassetrin"),
        null=True,
        blank=True,
        help_text=_("fx 8 for 8. klasse; tomt, indtil klassetrinnet er valgt"),
    )
    programme = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headspace_targets",
        verbose_name=_("betales af Åben Skole-program"),
    )
    offer = models.ForeignKey(
        Offer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headspace_targets",
        verbose_name=_("Åben Skole-tilbud"),
    )
    plan_notes = FreeTextField(_("plan"), blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("valgt af"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Headspace-klassetrin")
        verbose_name_plural = _("Headspace-klassetrin")
        ordering = ["-school_year__start"]
        constraints = [
            models.CheckConstraint(condition=Q(grade__lte=10), name="headspace_grade_0_to_10")
        ]

    def __str__(self) -> str:
        if self.grade is None:
            return _("klassetrin vælges senere i %(year)s") % {"year": self.school_year}
        return _("%(grade)d. klasse i %(year)s") % {"grade": self.grade, "year": self.school_year}

    def get_edit_url(self) -> str:
        return pk_url("headspace:target_update", self.pk)


class TalkStatus(models.TextChoices):
    BOOKED = "booked", _("Booket")
    HELD = "held", _("Afholdt")
    CANCELLED = "cancelled", _("Aflyst")


ACTIVE = (TalkStatus.BOOKED, TalkStatus.HELD)


class Talk(Versioned):
    school_class = models.ForeignKey(
        SchoolClass,
        on_delete=models.PROTECT,
        related_name="headspace_talks",
        verbose_name=_("klasse"),
    )
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    # Headspace's counsellors have no logins or Staff rows here: their names only.
    counsellors = models.JSONField(_("rådgivere"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=TalkStatus.choices, default=TalkStatus.BOOKED
    )
    feedback_score = models.PositiveSmallIntegerField(_("vurdering (1–5)"), null=True, blank=True)
    feedback_comment = FreeTextField(_("kommentar"), blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("feedback fra"),
    )
    feedback_at = models.DateTimeField(_("feedback givet"), null=True, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("booket af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    reminder_sent_at = models.DateTimeField(_("påmindelse sendt"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Headspace-oplæg")
        verbose_name_plural = _("Headspace-oplæg")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=F("ends_at")), name="talk_starts_before_it_ends"
            ),
            models.UniqueConstraint(
                fields=["school_class"],
                condition=~Q(status="cancelled"),
                name="one_active_talk_per_class",
            ),
            models.CheckConstraint(
                condition=Q(feedback_score__isnull=True)
                | Q(feedback_score__gte=1, feedback_score__lte=5),
                name="talk_feedback_score_1_to_5",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return _("Headspace-oplæg i %(cls)s") % {"cls": self.school_class.label}

    def get_absolute_url(self) -> str:
        return pk_url("headspace:talk_detail", self.pk)

    @property
    def counsellor_names(self) -> str:
        return ", ".join(self.counsellors)


def outside_school_year(school_class: SchoolClass, day: date) -> str | None:
    """Why a talk for ``school_class`` cannot be on ``day`` (outside the class's school year)."""
    year = school_class.school_year
    if year.start <= day <= year.end:
        return None
    return gettext(
        "%(cls)s hører til skoleåret %(year)s (%(start)s–%(end)s). Vælg en dato i det skoleår."
    ) % {
        "cls": school_class.label,
        "year": year.name,
        "start": date_format(year.start, "j. F Y"),
        "end": date_format(year.end, "j. F Y"),
    }


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A secret calendar URL: per school, or (school empty) the partner's feed of all talks
    (one of each: ``services.feed_for`` creates them under a lock)."""

    school = models.OneToOneField(
        School,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="headspace_feed",
        verbose_name=_("skole"),
    )
    token = models.CharField(_("nøgle"), max_length=64, unique=True, default=new_token)

    class Meta:
        verbose_name = _("kalender-feed")
        verbose_name_plural = _("kalender-feeds")

    def __str__(self) -> str:
        return str(self.school or _("Headspace (alle skoler)"))

    def get_absolute_url(self) -> str:
        return reverse("headspace:feed", args=[self.token])
