"""Åben Skole-midler: a programme per school year with its health-and-wellbeing budget, partners'
offers, schools' applications (and the coordinator's decision on them) and reports afterwards.

The invariant «approved amounts never exceed the budget» is guarded in ``services.allocation_approve``
under a lock; the model only holds one-row rules (positive amounts, dates in order).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trivsel.schools.fields import FreeCharField, FreeTextField
from trivsel.schools.history import HistoricalRecords
from trivsel.schools.links import pk_url
from trivsel.schools.models import GradeBand, Partner, School, SchoolClass, SchoolYear
from trivsel.schools.versioning import Versioned

MONEY = {"max_digits": 12, "decimal_places": 2}


class Programme(Versioned):
    school_year = models.OneToOneField(
        SchoolYear,
        on_delete=models.PROTECT,
        related_name="openschool_programme",
        verbose_name=_("skoleår"),
    )
    budget = models.DecimalField(_("budget til sundhed og trivsel (kr.)"), **MONEY)
    decided_notes = FreeTextField(_("besluttet"), blank=True)
    next_year_notes = FreeTextField(_("plan for næste skoleår"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Åben Skole-program")
        verbose_name_plural = _("Åben Skole-programmer")
        ordering = ["-school_year__start"]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="programme_budget_not_negative")
        ]

    def __str__(self) -> str:
        return _("Åben Skole %(year)s") % {"year": self.school_year.name}

    def get_absolute_url(self) -> str:
        return reverse("openschool:overview") + f"?program={self.pk}"

    def get_edit_url(self) -> str:
        return pk_url("openschool:programme_update", self.pk)


class PriceKind(models.TextChoices):
    PER_CLASS = "per_class", _("pr. klasse")
    FIXED = "fixed", _("fast pris")


class Offer(Versioned):
    """What a partner offers within a programme (e.g. Headspace: a talk in every 8th-grade class)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="offers", verbose_name=_("program")
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="openschool_offers",
        verbose_name=_("partner"),
    )
    title = FreeCharField(_("titel"), max_length=200)
    description = FreeTextField(_("beskrivelse"), blank=True)
    grade_bands = models.JSONField(_("målgruppe (trin)"), default=list, blank=True)
    price_kind = models.CharField(
        _("pristype"), max_length=12, choices=PriceKind.choices, default=PriceKind.PER_CLASS
    )
    price = models.DecimalField(_("pris (kr.)"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tilbud")
        verbose_name_plural = _("tilbud")
        ordering = ["programme", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="offer_price_not_negative"),
            models.UniqueConstraint(
                fields=["programme", "partner", "title"], name="unique_offer_per_programme"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.partner.name})"

    def get_edit_url(self) -> str:
        return pk_url("openschool:offer_update", self.pk)

    @property
    def grade_band_labels(self) -> str:
        labels = dict(GradeBand.choices)
        return ", ".join(str(labels.get(b, b)) for b in self.grade_bands)


class Status(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    SUBMITTED = "submitted", _("Indsendt")
    CHANGES = "changes", _("Ændringer ønsket")
    APPROVED = "approved", _("Godkendt")
    PARTLY = "partly", _("Delvist godkendt")
    REJECTED = "rejected", _("Afvist")


# The statuses whose approved amount counts against the budget.
ALLOCATED = (Status.APPROVED, Status.PARTLY)
EDITABLE = (Status.DRAFT, Status.CHANGES)


class Application(Versioned):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="applications", verbose_name=_("program")
    )
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        related_name="openschool_applications",
        verbose_name=_("skole"),
    )
    offer = models.ForeignKey(
        Offer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("tilbud"),
    )
    own_title = FreeCharField(
        _("egen aktivitet"),
        max_length=200,
        blank=True,
        help_text=_("Udfyldes, hvis I ikke søger til et af tilbuddene."),
    )
    amount = models.DecimalField(_("ansøgt beløb (kr.)"), **MONEY)
    purpose = FreeTextField(_("formål"))
    target_classes = models.ManyToManyField(
        SchoolClass,
        blank=True,
        related_name="openschool_applications",
        verbose_name=_("målgruppe (klasser)"),
    )
    planned_start = models.DateField(_("planlagt fra"))
    planned_end = models.DateField(_("planlagt til"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    approved_amount = models.DecimalField(_("bevilget beløb (kr.)"), null=True, blank=True, **MONEY)
    decision_reason = FreeTextField(_("koordinatorens begrundelse"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("afgjort af"),
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    notified_at = models.DateTimeField(_("skolen underrettet"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ansøgning")
        verbose_name_plural = _("ansøgninger")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="application_amount_positive"),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(approved_amount__gt=0),
                name="application_approved_amount_positive",
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(approved_amount__lte=F("amount")),
                name="application_approved_within_applied",
            ),
            models.CheckConstraint(
                condition=Q(planned_start__lte=F("planned_end")),
                name="application_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(offer__isnull=False) | ~Q(own_title=""),
                name="application_offer_or_own_title",
            ),
        ]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return f"{self.title} — {self.school.name}"

    @property
    def title(self) -> str:
        return self.own_title or (self.offer.title if self.offer_id else "")

    def get_absolute_url(self) -> str:
        return pk_url("openschool:application_detail", self.pk)

    def get_edit_url(self) -> str:
        return pk_url("openschool:application_update", self.pk)

    @property
    def is_allocated(self) -> bool:
        return self.status in ALLOCATED

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def allocated(self) -> Decimal:
        return (self.approved_amount or Decimal(0)) if self.is_allocated else Decimal(0)


class Report(models.Model):
    """The school's report after the activity. Pupils are counts, never names."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="report", verbose_name=_("ansøgning")
    )
    held_from = models.DateField(_("afholdt fra"))
    held_to = models.DateField(_("afholdt til"))
    class_count = models.PositiveSmallIntegerField(_("antal klasser"))
    pupil_count = models.PositiveIntegerField(_("antal elever"))
    spent_amount = models.DecimalField(_("forbrugt beløb (kr.)"), **MONEY)
    wellbeing_effect = FreeTextField(_("hvad gav det elevernes trivsel?"))
    staff_participation = FreeTextField(
        _("hvordan deltog personalet?"),
        help_text=_("Medejerskab og kapacitetsopbygning: hvad tager I selv videre?"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("rapporteret af"),
    )
    created_at = models.DateTimeField(_("rapporteret"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afrapportering")
        verbose_name_plural = _("afrapporteringer")
        constraints = [
            models.CheckConstraint(
                condition=Q(held_from__lte=F("held_to")), name="report_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(spent_amount__gte=0), name="report_spent_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return _("Afrapportering: %(app)s") % {"app": self.application}
