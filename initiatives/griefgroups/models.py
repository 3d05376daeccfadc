"""Sorggrupper: the grief-group leader course (seats nominated by school leaders, confirmed by the
coordinator), and the grief groups schools start afterwards, with meetings (pupils as a count, never
names) and a half-yearly evaluation of need, benefit and running cost.

One-model rules live here as ``CheckConstraint``s and ``clean()``; rules across rows (seats, a
leader who has completed the course, present ≤ places) are enforced in ``services``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from trivsel.schools.fields import FreeCharField, FreeTextField
from trivsel.schools.history import HistoricalRecords
from trivsel.schools.links import pk_url
from trivsel.schools.models import GradeBand, Partner, Period, School, ScopedManager, Staff, User
from trivsel.schools.versioning import Versioned

NOT_NEGATIVE = _("Tallet kan ikke være negativt.")


def _count_field(verbose_name, **kwargs):
    """A count of people or things: an integer ≥ 0 with a Danish message (and a DB constraint)."""
    return models.IntegerField(
        verbose_name, validators=[MinValueValidator(0, message=NOT_NEGATIVE)], **kwargs
    )


def _not_negative(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0}), name=name, violation_error_message=NOT_NEGATIVE
    )


def _dkk_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name,
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), message=_("Beløbet kan ikke være negativt."))],
        **kwargs,
    )


# --- the course --------------------------------------------------------------------------------
class Course(Versioned):
    """The grief-group leader course (sorggruppelederuddannelsen), e.g. Kræftens Bekæmpelse
    Rødovre's autumn 2023 course, whose fee a TrygFonden grant covers."""

    title = FreeCharField(_("titel"), max_length=200)
    provider = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="griefgroup_courses",
        verbose_name=_("udbyder"),
    )
    grant_giver = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="griefgroup_course_grants",
        verbose_name=_("bevillingsgiver"),
    )
    grant_amount = _dkk_field(_("bevilling (kr.)"), null=True, blank=True)
    grant_covers = FreeCharField(
        _("bevillingen dækker"), max_length=200, blank=True, help_text=_("fx kursusafgiften")
    )
    seats = _count_field(_("pladser"))
    start_date = models.DateField(_("første kursusdag"))
    end_date = models.DateField(_("sidste kursusdag"))
    description = FreeTextField(_("beskrivelse"), blank=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sorggruppelederkursus")
        verbose_name_plural = _("sorggruppelederkurser")
        ordering = ["-start_date"]
        constraints = [
            _not_negative("seats", "griefgroups_course_seats_not_negative"),
            models.CheckConstraint(
                condition=Q(grant_amount__isnull=True) | Q(grant_amount__gte=0),
                name="griefgroups_course_grant_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(start_date__lte=F("end_date")),
                name="griefgroups_course_start_before_end",
                violation_error_message=_("Kurset kan ikke slutte før det begynder."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return pk_url("griefgroups:course_detail", self.pk)

    def get_edit_url(self) -> str:
        return pk_url("griefgroups:course_update", self.pk)

    def nominations_closed_reason(self, *, confirmed: int, today: date) -> str:
        """Why no one can be nominated any more ("" while nominations are open): the course
        has ended, or every seat is confirmed."""
        if self.end_date < today:
            return str(_("Kurset er afsluttet, så der kan ikke indstilles flere."))
        if confirmed >= self.seats:
            return str(_("Alle pladser på kurset er bekræftet, så der kan ikke indstilles flere."))
        return ""

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("Sidste kursusdag kan ikke ligge før første kursusdag.")}
            )
        if self.grant_amount is not None and not self.grant_giver_id:
            raise ValidationError(
                {"grant_giver": _("Angiv hvem der giver bevillingen, når der er et beløb.")}
            )

    def status_on(self, day: date) -> str:
        """«planned» before the first day, «running» during, «held» after the last."""
        if day < self.start_date:
            return "planned"
        if day > self.end_date:
            return "held"
        return "running"


class CourseSession(Versioned):
    """One day (kursusgang) of the course."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("kursus")
    )
    date = models.DateField(_("dato"))
    start_time = models.TimeField(_("fra"))
    end_time = models.TimeField(_("til"))
    topic = FreeCharField(_("emne"), max_length=200, blank=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kursusgang")
        verbose_name_plural = _("kursusgange")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__lt=F("end_time")),
                name="griefgroups_session_start_before_end",
                violation_error_message=_("Kursusgangen skal slutte efter den begynder."),
            ),
            models.UniqueConstraint(
                fields=["course", "date", "start_time"], name="griefgroups_unique_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.topic}".strip()

    def get_edit_url(self) -> str:
        return pk_url("griefgroups:session_update", self.pk)

    def clean(self):
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("Sluttidspunktet skal ligge efter starttidspunktet.")
        course = self.course if self.course_id else None
        if course and self.date and not (course.start_date <= self.date <= course.end_date):
            errors["date"] = _(
                "Datoen skal ligge inden for kursets periode (%(start)s–%(end)s)."
            ) % {
                "start": f"{course.start_date:%d.%m.%Y}",
                "end": f"{course.end_date:%d.%m.%Y}",
            }
        if errors:
            raise ValidationError(errors)


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Indstillet")
    CONFIRMED = "confirmed", _("Plads bekræftet")
    WAITING = "waiting", _("På venteliste")
    DECLINED = "declined", _("Afvist")


class Nomination(models.Model):
    """A school leader nominates a staff member for the course; the coordinator confirms a seat.
    Completion (the person may lead grief groups) is recorded here too."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="nominations", verbose_name=_("kursus")
    )
    staff = models.ForeignKey(
        Staff,
        on_delete=models.CASCADE,
        related_name="griefgroup_nominations",
        verbose_name=_("medarbejder"),
    )
    nominated_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("indstillet af"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.NOMINATED,
    )
    decided_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("afgjort af"),
    )
    completed = models.BooleanField(_("har gennemført kurset"), default=False)
    completed_on = models.DateField(_("gennemført dato"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indstilling")
        verbose_name_plural = _("indstillinger")
        ordering = ["staff__school__name", "staff__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "staff"],
                name="griefgroups_one_nomination_per_course",
                violation_error_message=_("Medarbejderen er allerede indstillet til kurset."),
            ),
            models.CheckConstraint(
                condition=Q(completed=False) | Q(status="confirmed"),
                name="griefgroups_completed_needs_seat",
                violation_error_message=_("Kun deltagere med en bekræftet plads kan gennemføre."),
            ),
            models.CheckConstraint(
                condition=Q(completed=False) | Q(completed_on__isnull=False),
                name="griefgroups_completed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.course}"

    def clean(self):
        if self.staff_id and self.staff.school_id is None:
            raise ValidationError(
                {"staff": _("Kun medarbejdere på en skole kan indstilles til kurset.")}
            )
        if self.completed and self.status != NominationStatus.CONFIRMED:
            raise ValidationError(_("Kun deltagere med en bekræftet plads kan gennemføre kurset."))
        if self.completed and not self.completed_on:
            raise ValidationError({"completed_on": _("Angiv hvornår kurset blev gennemført.")})
        if self.completed_on and self.course_id and self.completed_on < self.course.start_date:
            raise ValidationError(
                {"completed_on": _("Kurset kan ikke være gennemført før det begyndte.")}
            )


class Attendance(models.Model):
    """Was a participant present at a session?"""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("deltager")
    )
    session = models.ForeignKey(
        CourseSession,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("kursusgang"),
    )
    present = models.BooleanField(_("til stede"), default=False)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fremmøde")
        verbose_name_plural = _("fremmøde")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "session"], name="griefgroups_one_attendance_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination.staff} · {self.session}"


# --- the grief groups --------------------------------------------------------------------------
class GriefGroup(Versioned):
    """A grief group at a school, run by staff who have completed the course."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="grief_groups", verbose_name=_("skole")
    )
    name = FreeCharField(_("navn"), max_length=120, help_text=_("fx «Sorggruppe mellemtrin»"))
    leaders = models.ManyToManyField(
        Staff, related_name="grief_groups_led", verbose_name=_("sorggruppeledere")
    )
    start_date = models.DateField(_("startdato"))
    grade_bands = models.JSONField(_("målgruppe"), default=list, blank=True)
    places = models.IntegerField(
        _("pladser i gruppen"),
        validators=[MinValueValidator(1, message=_("En gruppe skal have mindst én plads."))],
    )
    referred_count = _count_field(_("henviste elever"), default=0)
    waiting_count = _count_field(_("elever på venteliste"), default=0)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sorggruppe")
        verbose_name_plural = _("sorggrupper")
        ordering = ["school__name", "start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(places__gte=1),
                name="griefgroups_group_places_positive",
                violation_error_message=_("En gruppe skal have mindst én plads."),
            ),
            _not_negative("referred_count", "griefgroups_group_referred_not_negative"),
            _not_negative("waiting_count", "griefgroups_group_waiting_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.school})"

    def get_absolute_url(self) -> str:
        return pk_url("griefgroups:group_detail", self.pk)

    def get_edit_url(self) -> str:
        return pk_url("griefgroups:group_update", self.pk)

    def clean(self):
        valid = set(GradeBand.values)
        if not isinstance(self.grade_bands, list) or not set(self.grade_bands) <= valid:
            raise ValidationError({"grade_bands": _("Vælg målgruppe blandt skoletrinnene.")})
        self._clean_counts()

    def _clean_counts(self):
        """The waiting list holds referred pupils who got no place: at most all the referred,
        and at least those beyond the places (9 referred to 6 places means at least 3 wait)."""
        places, referred, waiting = self.places, self.referred_count, self.waiting_count
        if places is None or referred is None or waiting is None:
            return
        if waiting > referred:
            raise ValidationError(
                {
                    "waiting_count": _(
                        "Der kan ikke stå flere på venteliste (%(waiting)s) end der er henvist "
                        "(%(referred)s)."
                    )
                    % {"waiting": waiting, "referred": referred}
                }
            )
        if referred - waiting > places:
            raise ValidationError(
                {
                    "waiting_count": _(
                        "Der er henvist %(referred)s elever til %(places)s pladser, så mindst "
                        "%(least)s må stå på venteliste (der står %(waiting)s)."
                    )
                    % {
                        "referred": referred,
                        "places": places,
                        "least": referred - places,
                        "waiting": waiting,
                    }
                }
            )

    @property
    def grade_band_labels(self) -> list[str]:
        labels = dict(GradeBand.choices)
        return [str(labels[b]) for b in GradeBand.values if b in (self.grade_bands or [])]


class GroupMeeting(Versioned):
    """A meeting of a group: the NUMBER of pupils present, never names."""

    group = models.ForeignKey(
        GriefGroup, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("gruppe")
    )
    date = models.DateField(_("dato"))
    pupils_present = _count_field(_("elever til stede (antal)"))
    leader_hours = models.DecimalField(
        _("ledertimer i alt"),
        max_digits=6,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0"), message=NOT_NEGATIVE),
            MaxValueValidator(Decimal("100"), message=_("Højst 100 ledertimer pr. møde.")),
        ],
        help_text=_("Alle lederes timer til mødet, inkl. forberedelse"),
    )
    note = FreeTextField(
        _("note"), blank=True, help_text=_("Ingen navne eller personoplysninger om elever.")
    )
    recorded_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registreret af"),
    )

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gruppemøde")
        verbose_name_plural = _("gruppemøder")
        ordering = ["-date"]
        constraints = [
            _not_negative("pupils_present", "griefgroups_meeting_present_not_negative"),
            _not_negative("leader_hours", "griefgroups_meeting_hours_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.group.name} {self.date:%d.%m.%Y}"

    def get_edit_url(self) -> str:
        return pk_url("griefgroups:meeting_update", self.pk)

    def clean(self):
        group = self.group if self.group_id else None
        errors = {}
        if group and self.pupils_present is not None and self.pupils_present > group.places:
            errors["pupils_present"] = _(
                "Der kan højst være %(places)s elever til stede — gruppen har %(places)s pladser."
            ) % {"places": group.places}
        if group and self.date and self.date < group.start_date:
            errors["date"] = _("Mødet kan ikke ligge før gruppens startdato (%(start)s).") % {
                "start": f"{group.start_date:%d.%m.%Y}"
            }
        if errors:
            raise ValidationError(errors)


class HourlyRate(models.Model):
    """The hourly rate for leader hours that the coordinator sets; the one valid on a day is the
    latest with ``valid_from`` on or before it."""

    valid_from = models.DateField(_("gælder fra"), unique=True)
    rate = _dkk_field(_("timesats (kr.)"))
    set_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("fastsat af"),
    )

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("timesats")
        verbose_name_plural = _("timesatser")
        ordering = ["-valid_from"]
        constraints = [_not_negative("rate", "griefgroups_rate_not_negative")]

    def __str__(self) -> str:
        return f"{self.rate} kr. fra {self.valid_from:%d.%m.%Y}"

    @classmethod
    def on(cls, day: date) -> HourlyRate | None:
        return cls.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


class Evaluation(Versioned):
    """A group's half-yearly evaluation: need, benefit and running cost. ``places``,
    ``referred_count`` and ``hourly_rate`` are snapshots, so an evaluation does not change when
    the group or the rate does."""

    group = models.ForeignKey(
        GriefGroup, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("gruppe")
    )
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="+", verbose_name=_("halvår")
    )
    # need
    places = _count_field(_("pladser"))
    referred_count = _count_field(_("henviste elever"))
    # benefit
    leader_assessment = models.PositiveSmallIntegerField(
        _("ledernes vurdering af udbyttet (1–5)"),
        validators=[
            MinValueValidator(1, message=_("Vurderingen skal være mellem 1 og 5.")),
            MaxValueValidator(5, message=_("Vurderingen skal være mellem 1 og 5.")),
        ],
    )
    benefit_text = FreeTextField(_("udbytte — ledernes beskrivelse"), blank=True)
    feedback_positive = _count_field(_("elevtilbagemeldinger: positive"), default=0)
    feedback_neutral = _count_field(_("elevtilbagemeldinger: neutrale"), default=0)
    feedback_negative = _count_field(_("elevtilbagemeldinger: negative"), default=0)
    # running cost
    materials_dkk = _dkk_field(_("materialer (kr.)"), default=Decimal("0"))
    hourly_rate = _dkk_field(_("timesats brugt (kr.)"), null=True, blank=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluering")
        verbose_name_plural = _("evalueringer")
        ordering = ["-period__start", "group__school__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "period"],
                name="griefgroups_one_evaluation_per_period",
                violation_error_message=_("Gruppen er allerede evalueret for dette halvår."),
            ),
            models.CheckConstraint(
                condition=Q(leader_assessment__gte=1) & Q(leader_assessment__lte=5),
                name="griefgroups_assessment_1_to_5",
            ),
            _not_negative("places", "griefgroups_eval_places_not_negative"),
            _not_negative("referred_count", "griefgroups_eval_referred_not_negative"),
            _not_negative("feedback_positive", "griefgroups_eval_pos_not_negative"),
            _not_negative("feedback_neutral", "griefgroups_eval_neu_not_negative"),
            _not_negative("feedback_negative", "griefgroups_eval_neg_not_negative"),
            _not_negative("materials_dkk", "griefgroups_eval_materials_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.group.name} · {self.period}"

    @property
    def feedback_total(self) -> int:
        return self.feedback_positive + self.feedback_neutral + self.feedback_negative
