"""Prøvehandlinger (trial actions) and the theme day.

A school tries something small and time-boxed under one or more of the network's themes, evaluates
it (what was learned, the effect on pupils' mental health and on class wellbeing) and decides
whether to continue. At the theme day the school leaderships present their trial actions to each
other and each records a roll-out plan for its own school.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trivsel.schools.fields import FreeCharField, FreeTextField, NameField
from trivsel.schools.history import HistoricalRecords
from trivsel.schools.links import pk_url
from trivsel.schools.models import School, SchoolClass, ScopedManager, Staff
from trivsel.schools.versioning import Versioned

from .fields import GradeBandsField, band_labels
from .uploads import validate_attachment


class Theme(Versioned):
    """A network-initiated focus area (søvn og digital adfærd, bevægelse, fællesskaber …)."""

    name = NameField(_("navn"), max_length=120, unique=True)
    description = FreeTextField(_("beskrivelse"), blank=True)
    grade_bands = GradeBandsField(_("målgruppe (klassetrin)"))
    is_active = models.BooleanField(_("aktivt tema"), default=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_edit_url(self) -> str:
        return pk_url("trials:theme_update", self.pk)

    @property
    def grade_band_labels(self) -> list[str]:
        return band_labels(self.grade_bands)

    @property
    def grade_band_text(self) -> str:
        return ", ".join(self.grade_band_labels)


class Status(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    RUNNING = "running", _("I gang")
    EVALUATED = "evaluated", _("Evalueret")


class Decision(models.TextChoices):
    CONTINUE = "continue", _("Videreføres")
    ADJUST = "adjust", _("Justeres")
    STOP = "stop", _("Stoppes")


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
SCORE_HELP = _("1 = ingen mærkbar effekt, 5 = stor positiv effekt")

# what an evaluation must contain before the action can be marked «evaluated»
EVALUATION_FIELDS = (
    "learned",
    "effect_pupils",
    "effect_pupils_text",
    "effect_class",
    "effect_class_text",
    "continuation",
    "decision",
)


def _evaluation_complete() -> Q:
    filled = Q(effect_pupils__isnull=False) & Q(effect_class__isnull=False)
    for name in ("learned", "effect_pupils_text", "effect_class_text", "continuation", "decision"):
        filled &= ~Q(**{name: ""})
    return filled


class TrialAction(Versioned):
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="trial_actions", verbose_name=_("skole")
    )
    title = FreeCharField(_("titel"), max_length=200)
    themes = models.ManyToManyField(
        Theme, related_name="trial_actions", verbose_name=_("temaer"), blank=True
    )
    grade_bands = GradeBandsField(
        _("klassetrin"), help_text=_("Hele klassetrin, og/eller vælg konkrete klasser nedenfor.")
    )
    classes = models.ManyToManyField(
        SchoolClass,
        related_name="trial_actions",
        verbose_name=_("klasser"),
        blank=True,
        help_text=_("Kun klasser på prøvehandlingens egen skole."),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("slut"))
    aim = FreeTextField(_("formål"))
    activities = FreeTextField(_("det gør vi (aktiviteter)"), blank=True)
    staff = models.ManyToManyField(
        Staff, related_name="trial_actions", verbose_name=_("medarbejdere involveret"), blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    # the evaluation
    learned = FreeTextField(_("hvad blev afprøvet, og hvad lærte vi"), blank=True)
    effect_pupils = models.PositiveSmallIntegerField(
        _("effekt på elevernes mentale sundhed"),
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
        help_text=SCORE_HELP,
    )
    effect_pupils_text = FreeTextField(
        _("effekt på elevernes mentale sundhed — uddybning"), blank=True
    )
    effect_class = models.PositiveSmallIntegerField(
        _("effekt på trivslen i klassen"),
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
        help_text=SCORE_HELP,
    )
    effect_class_text = FreeTextField(_("effekt på trivslen i klassen — uddybning"), blank=True)
    continuation = FreeTextField(_("fortsætter vi, og hvordan"), blank=True)
    decision = models.CharField(
        _("beslutning"), max_length=12, choices=Decision.choices, blank=True
    )
    evaluated_at = models.DateField(_("evalueret den"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = ScopedManager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("prøvehandling")
        verbose_name_plural = _("prøvehandlinger")
        ordering = ["school__name", "-start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lte=models.F("end")),
                name="trialaction_start_not_after_end",
                violation_error_message=_("Slutdatoen ligger før startdatoen."),
            ),
            models.CheckConstraint(
                condition=Q(effect_pupils__isnull=True) | Q(effect_pupils__range=(1, 5)),
                name="trialaction_effect_pupils_1_to_5",
                violation_error_message=_("Effekten angives på en skala fra 1 til 5."),
            ),
            models.CheckConstraint(
                condition=Q(effect_class__isnull=True) | Q(effect_class__range=(1, 5)),
                name="trialaction_effect_class_1_to_5",
                violation_error_message=_("Effekten angives på en skala fra 1 til 5."),
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.EVALUATED) | _evaluation_complete(),
                name="trialaction_evaluated_needs_evaluation",
                violation_error_message=_(
                    "En prøvehandling kan ikke markeres som evalueret uden en udfyldt evaluering."
                ),
            ),
        ]
        indexes = [models.Index(fields=["start", "end"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return pk_url("trials:trialaction_detail", self.pk)

    def get_edit_url(self) -> str:
        return pk_url("trials:trialaction_update", self.pk)

    def clean(self):
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("Slutdatoen ligger før startdatoen.")
        if self.status == Status.EVALUATED:
            missing = [name for name in EVALUATION_FIELDS if getattr(self, name) in (None, "")]
            for name in missing:
                errors[name] = _("Skal udfyldes, før prøvehandlingen kan markeres som evalueret.")
        if errors:
            raise ValidationError(errors)

    @property
    def grade_band_labels(self) -> list[str]:
        return band_labels(self.grade_bands)

    @property
    def grade_band_text(self) -> str:
        return ", ".join(self.grade_band_labels)

    @property
    def is_evaluated(self) -> bool:
        return self.status == Status.EVALUATED

    @property
    def continues(self) -> bool:
        return self.decision in (Decision.CONTINUE, Decision.ADJUST)


class Attachment(models.Model):
    trial_action = models.ForeignKey(
        TrialAction,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("prøvehandling"),
    )
    file = models.FileField(
        _("fil"), upload_to="trials/%Y/%m/", validators=[validate_attachment], max_length=255
    )
    name = FreeCharField(_("filnavn"), max_length=200)
    size = models.PositiveIntegerField(_("størrelse (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploadet af"),
    )
    uploaded_at = models.DateTimeField(_("uploadet"), auto_now_add=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.name

    def get_download_url(self) -> str:
        return pk_url("trials:attachment_download", self.pk)


class ThemeDay(Versioned):
    """A day for the school leaderships: presentations of trial actions, knowledge sharing and
    working time per leadership team that ends in each school's roll-out plan."""

    title = FreeCharField(_("titel"), max_length=200)
    date = models.DateField(_("dato"))
    place = FreeCharField(_("sted"), max_length=200, blank=True)
    audience = FreeCharField(_("målgruppe"), max_length=200, default="Skoleledelserne")
    description = FreeTextField(_("formål og indhold"), blank=True)
    themes = models.ManyToManyField(
        Theme, related_name="theme_days", verbose_name=_("temaer"), blank=True
    )

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("temadag")
        verbose_name_plural = _("temadage")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return pk_url("trials:themeday_detail", self.pk)

    def get_edit_url(self) -> str:
        return pk_url("trials:themeday_update", self.pk)


class ProgrammeItem(Versioned):
    theme_day = models.ForeignKey(
        ThemeDay, on_delete=models.CASCADE, related_name="programme", verbose_name=_("temadag")
    )
    starts_at = models.TimeField(_("fra kl."))
    ends_at = models.TimeField(_("til kl."), null=True, blank=True)
    title = FreeCharField(_("punkt"), max_length=200)
    presenter = FreeCharField(_("oplægsholder"), max_length=200, blank=True)
    trial_actions = models.ManyToManyField(
        TrialAction,
        related_name="presentations",
        verbose_name=_("præsenterede prøvehandlinger"),
        blank=True,
    )

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programpunkt")
        verbose_name_plural = _("programpunkter")
        ordering = ["theme_day", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__lt=models.F("ends_at")),
                name="programmeitem_starts_before_it_ends",
                violation_error_message=_("Sluttidspunktet skal ligge efter starttidspunktet."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%H.%M} {self.title}"

    def get_edit_url(self) -> str:
        return pk_url("trials:programmeitem_update", self.pk)

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("Sluttidspunktet skal ligge efter starttidspunktet.")}
            )


class FollowUp(models.TextChoices):
    NOT_STARTED = "not_started", _("Ikke påbegyndt")
    IN_PROGRESS = "in_progress", _("I gang")
    DONE = "done", _("Gennemført")
    DROPPED = "dropped", _("Opgivet")


class RolloutPlan(Versioned):
    """One school leadership's plan from a theme day: which trial actions (its own or other
    schools') it rolls out at its own school, how, who is responsible, by when — and later how far
    it has come."""

    theme_day = models.ForeignKey(
        ThemeDay, on_delete=models.CASCADE, related_name="rollout_plans", verbose_name=_("temadag")
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="rollout_plans", verbose_name=_("skole")
    )
    trial_actions = models.ManyToManyField(
        TrialAction,
        related_name="rollout_plans",
        verbose_name=_("prøvehandlinger der udrulles"),
        blank=True,
        help_text=_("Egne eller andre skolers prøvehandlinger."),
    )
    how = FreeTextField(_("sådan gør vi"))
    responsible = FreeCharField(_("ansvarlig"), max_length=200)
    deadline = models.DateField(_("senest"), null=True, blank=True)
    follow_up_status = models.CharField(
        _("opfølgning"), max_length=12, choices=FollowUp.choices, default=FollowUp.NOT_STARTED
    )
    follow_up_note = FreeTextField(_("opfølgning — bemærkning"), blank=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    objects = ScopedManager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("udrulningsplan")
        verbose_name_plural = _("udrulningsplaner")
        ordering = ["theme_day", "school__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme_day", "school"],
                name="one_rollout_plan_per_school_and_day",
                violation_error_message=_(
                    "Skolen har allerede en udrulningsplan fra denne temadag — redigér den i stedet."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} — {self.theme_day.title}"

    def get_edit_url(self) -> str:
        return pk_url("trials:rolloutplan_update", self.pk)
