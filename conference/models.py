"""Konference og kurser: events with days, each day with its own capacity and waiting list.

A registration is one person (staff, guest, or a pupil signed up by a teacher); a day booking is
that person's place on one day — confirmed, waiting (first come, first served by ``created``),
awaiting a guardian's consent (pupils), or cancelled. The capacity rule («never more confirmed
than the day's capacity») lives in ``conference.services``: lock, recount, write.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trivsel.schools.fields import FreeCharField, FreeTextField, NameField
from trivsel.schools.history import HistoricalRecords
from trivsel.schools.links import pk_url
from trivsel.schools.versioning import Versioned


def new_token() -> str:
    """The private manage link's secret: 32 random bytes, URL-safe (about 43 characters)."""
    return secrets.token_urlsafe(32)


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Konference")
    COURSE = "course", _("Kursus")


class Event(Versioned):
    kind = models.CharField(
        _("type"), max_length=20, choices=EventKind.choices, default=EventKind.CONFERENCE
    )
    title = FreeCharField(_("titel"), max_length=250)
    slug = models.SlugField(_("kort navn i adressen"), max_length=80, unique=True)
    description = FreeTextField(_("beskrivelse"), blank=True)
    facilitators = models.ManyToManyField(
        "schools.Partner", verbose_name=_("facilitatorer"), blank=True, related_name="+"
    )
    place = NameField(_("sted"), max_length=150, blank=True)
    capacity = models.PositiveIntegerField(
        _("samlet kapacitet"),
        null=True,
        blank=True,
        help_text=_("Højst så mange deltagere i alt; tom = kun dagenes kapacitet gælder."),
    )
    registration_opens = models.DateTimeField(_("tilmelding åbner"))
    registration_closes = models.DateTimeField(_("tilmelding lukker"))
    organisations = models.ManyToManyField(
        "schools.Organisation",
        verbose_name=_("organisationer der kan tilmelde sig"),
        blank=True,
        related_name="+",
    )
    contact_email = models.EmailField(_("kontakt-e-mail"), blank=True)
    history = HistoricalRecords(m2m_fields=[facilitators, organisations])

    class Meta:
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangementer")
        ordering = ["registration_opens", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_opens__lt=F("registration_closes")),
                name="conference_event_window_order",
                violation_error_message=_("Tilmeldingen skal åbne før den lukker."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return pk_url("conference:registration_list", self.pk)

    def get_public_url(self) -> str:
        return reverse("conference:signup", kwargs={"slug": self.slug})

    def is_open(self, at) -> bool:
        return self.registration_opens <= at < self.registration_closes

    def window_state(self, at) -> str:
        """«not_yet», «open» or «closed»: forms say so before anyone fills them in."""
        if at < self.registration_opens:
            return "not_yet"
        return "open" if at < self.registration_closes else "closed"

    def current_consent(self) -> ConsentText | None:
        return self.consent_texts.order_by("-version").first()


class ConsentText(models.Model):
    """The text a guardian consents to; a new wording is a new version, old consents keep theirs."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="consent_texts", verbose_name=_("arrangement")
    )
    version = models.PositiveIntegerField(_("version"))
    text = FreeTextField(_("samtykketekst"))
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samtykketekst")
        verbose_name_plural = _("samtykketekster")
        ordering = ["event", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "version"], name="conference_consent_one_text_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} — v{self.version}"


class EventDay(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="days", verbose_name=_("arrangement")
    )
    date = models.DateField(_("dato"))
    start = models.TimeField(_("starttid"))
    end = models.TimeField(_("sluttid"))
    capacity = models.PositiveIntegerField(_("kapacitet"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dag")
        verbose_name_plural = _("dage")
        ordering = ["event", "date"]
        constraints = [
            models.UniqueConstraint(fields=["event", "date"], name="conference_day_once_per_date"),
            models.CheckConstraint(
                condition=Q(start__lt=F("end")),
                name="conference_day_start_before_end",
                violation_error_message=_("Starttiden skal ligge før sluttiden."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=0), name="conference_day_capacity_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.start:%H:%M}–{self.end:%H:%M}"


class ParticipantKind(models.TextChoices):
    STAFF = "staff", _("Medarbejder")
    PUPIL = "pupil", _("Elev")
    GUEST = "guest", _("Facilitator/gæst")


class RegistrationStatus(models.TextChoices):
    ACTIVE = "active", _("Tilmeldt")
    CANCELLED = "cancelled", _("Afmeldt")


_NOT_CANCELLED = ~Q(status=RegistrationStatus.CANCELLED)


def registration_status_label(status: str, bookings: Iterable) -> str:
    """``Registration.status_label`` from the registration's ``status`` and its bookings (anything
    with a ``status``): the admin list reads plain values, not models."""
    if status == RegistrationStatus.CANCELLED:
        return str(RegistrationStatus.CANCELLED.label)
    active = {b.status for b in bookings if b.status != BookingStatus.CANCELLED}
    if not active or BookingStatus.CONFIRMED in active:
        return str(RegistrationStatus.ACTIVE.label)
    if BookingStatus.WAITING in active:
        return str(_("På venteliste"))
    return str(BookingStatus.AWAITING_CONSENT.label)


class Registration(Versioned):
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("arrangement")
    )
    kind = models.CharField(
        _("deltagertype"),
        max_length=10,
        choices=ParticipantKind.choices,
        default=ParticipantKind.STAFF,
    )
    name = NameField(_("navn"), max_length=150, help_text=_("Elever: kun fornavn."))
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.ForeignKey(
        "schools.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skole"),
    )
    school_class = models.ForeignKey(
        "schools.SchoolClass",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("klasse"),
    )
    job_title = NameField(_("stilling"), max_length=150, blank=True)
    dietary_needs = FreeCharField(_("kost (allergier, vegetar …)"), max_length=300, blank=True)
    accessibility_needs = FreeCharField(_("tilgængelighed"), max_length=300, blank=True)
    token = models.CharField(_("privat nøgle"), max_length=64, unique=True, default=new_token)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.ACTIVE,
    )
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        "schools.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tilmeldt af"),
    )
    # pupils: the accompanying adult and the guardian's consent (who, when, which text)
    accompanying_adult = NameField(_("ledsagende voksen"), max_length=150, blank=True)
    guardian_name = NameField(_("forælder/værge"), max_length=150, blank=True)
    consent_given_at = models.DateTimeField(_("samtykke givet"), null=True, blank=True)
    consent_text = models.ForeignKey(
        ConsentText,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("samtykketekst"),
    )
    confirmation_sent_at = models.DateTimeField(_("bekræftelse sendt"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("påmindelse sendt"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        ordering = ["event", "created", "pk"]
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(kind=ParticipantKind.PUPIL) & _NOT_CANCELLED,
                name="conference_one_signup_per_email",
                violation_error_message=_("Denne e-mail er allerede tilmeldt arrangementet."),
            ),
            models.UniqueConstraint(
                fields=["event", "school", "school_class", "name"],
                condition=Q(kind=ParticipantKind.PUPIL) & _NOT_CANCELLED,
                name="conference_pupil_once_per_class",
                violation_error_message=_("Eleven er allerede tilmeldt fra denne klasse."),
            ),
            models.CheckConstraint(
                condition=Q(kind=ParticipantKind.PUPIL, email="")
                | (~Q(kind=ParticipantKind.PUPIL) & ~Q(email="")),
                name="conference_email_for_adults_only",
                violation_error_message=_(
                    "Voksne tilmeldes med e-mail; elever tilmeldes uden e-mail."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind=ParticipantKind.PUPIL)
                | Q(school__isnull=False, school_class__isnull=False),
                name="conference_pupil_has_school_and_class",
                violation_error_message=_("En elev tilmeldes med skole og klasse."),
            ),
        ]
        indexes = [models.Index(fields=["event", "kind", "status"])]

    def __str__(self) -> str:
        return self.name

    def get_manage_url(self) -> str:
        return reverse("conference:manage", kwargs={"token": self.token})

    def get_checkin_url(self) -> str:
        return pk_url("conference:registration_checkin", self.pk)

    @property
    def is_pupil(self) -> bool:
        return self.kind == ParticipantKind.PUPIL

    @property
    def has_consent(self) -> bool:
        return bool(self.guardian_name and self.consent_given_at)

    @property
    def workplace(self) -> str:
        return str(self.organisation or self.school or "")

    def status_label(self, bookings=None) -> str:
        """The overall status the admin list shows: «Tilmeldt» only with a place on some day;
        all days on the waiting list (or awaiting consent) say so. Uses prefetched bookings, or
        ``bookings`` when the caller holds them already."""
        if bookings is None and self.status != RegistrationStatus.CANCELLED:
            bookings = self.bookings.all()
        return registration_status_label(self.status, bookings or ())


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Bekræftet")
    WAITING = "waiting", _("Venteliste")
    AWAITING_CONSENT = "awaiting_consent", _("Afventer samtykke")
    CANCELLED = "cancelled", _("Afmeldt")


class DayBooking(models.Model):
    """One registration's place on one day. The waiting list is the day's WAITING bookings in
    ``(created, pk)`` order."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="bookings"
    )
    day = models.ForeignKey(EventDay, on_delete=models.PROTECT, related_name="bookings")
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.WAITING
    )
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)
    checked_in_at = models.DateTimeField(_("tjekket ind"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dagstilmelding")
        verbose_name_plural = _("dagstilmeldinger")
        ordering = ["day", "created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"], name="conference_booking_once_per_day"
            ),
        ]
        indexes = [models.Index(fields=["day", "status", "created"])]

    def __str__(self) -> str:
        return f"{self.registration} — {self.day}"


class GroupMessage(models.Model):
    """An e-mail from a conference admin to a filtered group of registrations; sent by Celery,
    one message per recipient, the result stored here."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="messages", verbose_name=_("arrangement")
    )
    subject = NameField(_("emne"), max_length=150)
    body = FreeTextField(_("tekst"))
    filters = models.JSONField(_("filtre"), default=dict, blank=True)
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        "schools.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sendt af"),
    )
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("modtagere"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gruppe-e-mail")
        verbose_name_plural = _("gruppe-e-mails")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.subject
