"""Konsulenternes arbejde: the two wellbeing and development consultants' activities in the schools
(observation, vejledning, sparring, trivselsforløb sessions, PIT meetings), their follow-up actions,
wellbeing courses, PIT participation, and the example cases written for the status note.

Observation text is sensitive: who sees an activity is decided by ``trivsel.schools.access`` (a
leader only their own school's records marked shared), and every read of its details is logged.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trivsel.schools import access
from trivsel.schools.clock import today
from trivsel.schools.fields import FreeCharField, FreeTextField, NameField
from trivsel.schools.history import HistoricalRecords
from trivsel.schools.links import pk_url
from trivsel.schools.models import Period, Role, School, SchoolClass, ScopedManager
from trivsel.schools.versioning import Versioned

CONSULTANT_ONLY = {"role": Role.CONSULTANT}
DURATION_CONSTRAINT = "activity_duration_1_to_600"


class ChallengeTag(Versioned):
    """A challenge a consultant meets in a class (uro, koncentration, bevægelse …); coordinators
    keep the list, so the cross-school search speaks one language."""

    name = NameField(_("navn"), max_length=60, unique=True)
    is_active = models.BooleanField(_("i brug"), default=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("udfordring")
        verbose_name_plural = _("udfordringer")
        ordering = ["name"]

    def get_edit_url(self) -> str:
        return pk_url("consultants:tag_update", self.pk)

    def __str__(self) -> str:
        return self.name


class ActivityKind(models.TextChoices):
    OBSERVATION = "observation", _("Observation")
    GUIDANCE = "vejledning", _("Vejledning")
    SPARRING = "sparring", _("Sparring")
    COURSE_SESSION = "trivselsforloeb", _("Trivselsforløb-session")
    PIT_MEETING = "pit", _("PIT-møde")
    OTHER = "andet", _("Andet")


class Participant(models.TextChoices):
    CLASS_TEAM = "klasseteam", _("Klasseteam")
    LEADERSHIP = "ledelse", _("Ledelse")
    PHYSIOTHERAPIST = "skolefysioterapeut", _("Skolefysioterapeut")
    HEALTH_NURSE = "sundhedsplejerske", _("Sundhedsplejerske")
    PPR = "ppr", _("PPR")
    OTHER = "andet", _("Andet")


class ActivityStatus(models.TextChoices):
    HELD = "held", _("Afholdt")
    PLANNED = "planned", _("Planlagt")


def validate_participants(value) -> None:
    allowed = set(Participant.values)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Deltagere skal være en liste."), code="participants")
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise ValidationError(
            _("Ukendt deltager: %(names)s.") % {"names": ", ".join(unknown)}, code="participants"
        )


class ActivityQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "read"):
        return access.scope(user, self, action)

    def held(self):
        return self.filter(status=ActivityStatus.HELD)

    def planned(self):
        return self.filter(status=ActivityStatus.PLANNED)


class Activity(Versioned):
    """One piece of a consultant's work at a school, recorded on a tablet — possibly offline, so
    the browser creates ``client_uuid`` when the form opens and the server is idempotent on it."""

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="consultant_activities",
        limit_choices_to=CONSULTANT_ONLY,
        verbose_name=_("konsulent"),
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        related_name="consultant_activities",
        verbose_name=_("skole"),
    )
    school_class = models.ForeignKey(
        SchoolClass,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultant_activities",
        verbose_name=_("klasse"),
    )
    date = models.DateField(_("dato"))
    start_time = models.TimeField(_("klokken"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("varighed (minutter)"),
        default=45,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    kind = models.CharField(_("type"), max_length=20, choices=ActivityKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.HELD
    )
    participants = models.JSONField(
        _("deltagere"), default=list, blank=True, validators=[validate_participants]
    )
    observation = FreeTextField(
        _("hvad blev set"),
        blank=True,
        help_text=_("Følsomt: skriv aldrig elevers navne eller CPR-numre."),
    )
    tags = models.ManyToManyField(
        ChallengeTag, blank=True, related_name="activities", verbose_name=_("udfordringer")
    )
    shared_with_leadership = models.BooleanField(_("delt med skolens ledelse"), default=False)
    course = models.ForeignKey(
        "WellbeingCourse",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        verbose_name=_("trivselsforløb"),
    )
    client_uuid = models.UUIDField(_("registrerings-id"), unique=True, default=uuid.uuid4)
    content_hash = models.CharField(_("indholdets fingeraftryk"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["content_hash"])

    class Meta:
        verbose_name = _("konsulentaktivitet")
        verbose_name_plural = _("konsulentaktiviteter")
        ordering = ["-date", "-start_time", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=600),
                name=DURATION_CONSTRAINT,
            ),
        ]
        indexes = [
            models.Index(fields=["date", "kind"]),
            models.Index(fields=["consultant", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.school} · {self.date:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return pk_url("consultants:activity_detail", self.pk)

    def get_edit_url(self) -> str:
        return pk_url("consultants:activity_update", self.pk)

    def get_constraints(self):
        """Without the duration's check constraint: it is the database's copy of the field's
        validators, which ``clean_fields`` applies without a query and which, when they pass, it
        cannot fail — validating it in Python was one ``SELECT 1 WHERE …`` per form and save.
        The database still enforces it."""
        return [
            (model, [c for c in constraints if c.name != DURATION_CONSTRAINT])
            for model, constraints in super().get_constraints()
        ]

    @property
    def participant_labels(self) -> list[str]:
        labels = dict(Participant.choices)
        return [str(labels.get(p, p)) for p in self.participants or []]

    def clean(self) -> None:
        errors = {}
        if self.school_class_id and self.school_id:
            class_school = (
                self.school_class.school_id
                if self.school_class is not None
                else SchoolClass.objects.filter(pk=self.school_class_id)
                .values_list("school_id", flat=True)
                .first()
            )
            if class_school != self.school_id:
                errors["school_class"] = _("Klassen hører ikke til den valgte skole.")
        if self.course_id and self.school_id and self.course.school_id != self.school_id:
            errors["course"] = _("Trivselsforløbet hører ikke til den valgte skole.")
        if self.status == ActivityStatus.HELD and self.date and self.date > today():
            errors["date"] = _(
                "En afholdt aktivitet kan ikke ligge i fremtiden. Vælg «Planlagt» eller ret datoen."
            )
        # what makes it an activity: when, and what was seen or done (a plan has no content yet)
        if self.start_time is None:
            errors["start_time"] = _("Angiv klokkeslættet for aktiviteten.")
        if self.status == ActivityStatus.HELD and not (self.observation or "").strip():
            errors["observation"] = _("Skriv hvad du så eller gjorde.")
        if self.consultant_id and self.consultant.role != Role.CONSULTANT:
            errors["consultant"] = _("Aktiviteten skal høre til en konsulent.")
        if errors:
            raise ValidationError(errors)


class FollowUp(models.Model):
    """A follow-up action agreed during an activity: what, who, by when, done."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("aktivitet")
    )
    what = FreeCharField(_("hvad"), max_length=300)
    who = FreeCharField(_("hvem"), max_length=120, blank=True)
    due = models.DateField(_("senest"), null=True, blank=True)
    done = models.BooleanField(_("udført"), default=False)
    done_at = models.DateField(_("udført den"), null=True, blank=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opfølgning")
        verbose_name_plural = _("opfølgninger")
        ordering = ["done", "due", "pk"]

    def __str__(self) -> str:
        return self.what

    def get_absolute_url(self) -> str:
        return pk_url("consultants:activity_detail", self.activity_id)


class WellbeingCourse(Versioned):
    """A trivselsforløb: a course a consultant facilitates in a class over several sessions. Held
    sessions are the course's activities (kind «trivselsforløb-session») that were held."""

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="wellbeing_courses",
        limit_choices_to=CONSULTANT_ONLY,
        verbose_name=_("konsulent"),
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="wellbeing_courses", verbose_name=_("skole")
    )
    school_class = models.ForeignKey(
        SchoolClass,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="wellbeing_courses",
        verbose_name=_("klasse"),
    )
    topic = FreeCharField(_("emne"), max_length=200)
    start_date = models.DateField(_("start"))
    planned_sessions = models.PositiveSmallIntegerField(_("planlagte gange"), default=4)
    evaluation = FreeTextField(_("konsulentens evaluering"), blank=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trivselsforløb")
        verbose_name_plural = _("trivselsforløb")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_sessions__gte=0) & Q(planned_sessions__lte=100),
                name="course_planned_sessions_0_to_100",
            ),
        ]

    def __str__(self) -> str:
        where = f"{self.school_class} · " if self.school_class_id else ""
        return f"{self.topic} ({where}{self.school})"

    def get_absolute_url(self) -> str:
        return pk_url("consultants:course_detail", self.pk)

    def get_edit_url(self) -> str:
        return pk_url("consultants:course_update", self.pk)

    def clean(self) -> None:
        if (
            self.school_class_id
            and self.school_id
            and self.school_class.school_id != self.school_id
        ):
            raise ValidationError({"school_class": _("Klassen hører ikke til den valgte skole.")})


class PitMeeting(Versioned):
    """A meeting of a school's pedagogical intervention team with a consultant taking part. Cases
    are a count — never pupils' names."""

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="pit_meetings",
        limit_choices_to=CONSULTANT_ONLY,
        verbose_name=_("konsulent"),
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="pit_meetings", verbose_name=_("skole")
    )
    date = models.DateField(_("dato"))
    cases_discussed = models.PositiveSmallIntegerField(_("antal drøftede sager"), default=0)
    themes = FreeCharField(_("temaer"), max_length=300, blank=True)
    contribution = FreeTextField(_("konsulentens bidrag"), blank=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("PIT-møde")
        verbose_name_plural = _("PIT-møder")
        ordering = ["-date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cases_discussed__gte=0), name="pit_cases_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"PIT · {self.school} · {self.date:%d.%m.%Y}"

    def get_edit_url(self) -> str:
        return pk_url("consultants:pit_update", self.pk)

    def clean(self) -> None:
        if self.date and self.date > today() and self.cases_discussed:
            raise ValidationError(
                {"cases_discussed": _("Et møde i fremtiden kan ikke have drøftede sager endnu.")}
            )


class ExampleCaseStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    APPROVED = "approved", _("Godkendt")


class ExampleCase(Versioned):
    """A short text written for publication in the status note — never the raw observation. It
    names no pupil, no staff member and no school («på en skole»); a coordinator approves it."""

    title = FreeCharField(_("overskrift"), max_length=200)
    text = FreeTextField(
        _("tekst"),
        help_text=_("Skriv «på en skole» — nævn hverken elever, medarbejdere eller skolen."),
    )
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="example_cases", verbose_name=_("halvår")
    )
    tags = models.ManyToManyField(
        ChallengeTag, blank=True, related_name="example_cases", verbose_name=_("udfordringer")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="example_cases",
        verbose_name=_("skrevet af"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ExampleCaseStatus.choices,
        default=ExampleCaseStatus.DRAFT,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("godkendt af"),
    )
    approved_at = models.DateTimeField(_("godkendt"), null=True, blank=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eksempel")
        verbose_name_plural = _("eksempler")
        ordering = ["-period__start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_by__isnull=False),
                name="examplecase_approved_has_approver",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return pk_url("consultants:case_detail", self.pk)

    def get_edit_url(self) -> str:
        return pk_url("consultants:case_update", self.pk)

    @property
    def is_approved(self) -> bool:
        return self.status == ExampleCaseStatus.APPROVED
