"""THE shared model: school years, half-years, schools, classes, staff, organisations, partners and
the portal's users. Every app depends on this module; it depends on no app.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trivsel.schools.history import HistoricalRecords

from . import access
from .choices import Role, choice_label
from .fields import FreeCharField, FreeTextField, NameField
from .links import pk_url
from .versioning import Versioned


class ScopedQuerySet(models.QuerySet):
    """``Model.objects.for_user(user)``: the rows the user may see, decided by ``access``."""

    def for_user(self, user, action: str = "read"):
        return access.scope(user, self, action)


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


class PortalUserManager(UserManager.from_queryset(ScopedQuerySet)):
    pass


class User(Versioned, AbstractUser):
    """A login. ``role`` decides what the user does; ``schools`` says where (leaders may have
    several schools, staff members one)."""

    # Django's own name fields with the CPR guard: it reaches every form that edits them (the
    # admin's too); the same names and lengths as AbstractUser's
    first_name = NameField(_("first name"), max_length=150, blank=True)
    last_name = NameField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, blank=True)
    schools = models.ManyToManyField(
        "School", verbose_name=_("skoler"), blank=True, related_name="users"
    )

    objects = PortalUserManager()
    # who changed roles and schools; never the password hash
    history = HistoricalRecords(excluded_fields=["password"])

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_role_display(self) -> str:
        # Django's own, faster: the page header shows it on every page (see choices.py)
        return choice_label(self, "role")


class SchoolYear(Versioned):
    name = NameField(_("navn"), max_length=20, unique=True, help_text=_("fx 2023/24"))
    start = models.DateField(_("start"))
    end = models.DateField(_("slut"))
    is_current = models.BooleanField(_("aktuelt skoleår"), default=False)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skoleår")
        verbose_name_plural = _("skoleår")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")), name="schoolyear_start_before_end"
            ),
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_schoolyear"
            ),
        ]

    def get_edit_url(self) -> str:
        return pk_url("schools:schoolyear_update", self.pk)

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> SchoolYear | None:
        return cls.objects.filter(is_current=True).first()


class Period(Versioned):
    """A half-year that a status note covers, e.g. «Forår 2023»."""

    name = NameField(_("navn"), max_length=40, unique=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("slut"))

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("halvår")
        verbose_name_plural = _("halvår")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")), name="period_start_before_end"
            ),
        ]

    def get_edit_url(self) -> str:
        return pk_url("schools:period_update", self.pk)

    def __str__(self) -> str:
        return self.name


class School(Versioned):
    name = NameField(_("navn"), max_length=120, unique=True)
    address = FreeCharField(_("adresse"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skole")
        verbose_name_plural = _("skoler")
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return pk_url("schools:school_detail", self.pk)

    def get_edit_url(self) -> str:
        return pk_url("schools:school_update", self.pk)

    def __str__(self) -> str:
        return self.name


class GradeBand(models.TextChoices):
    INDSKOLING = "indskoling", _("Indskoling (0.–3.)")
    MELLEMTRIN = "mellemtrin", _("Mellemtrin (4.–6.)")
    UDSKOLING = "udskoling", _("Udskoling (7.–9.)")


def grade_band(grade: int) -> str:
    if grade <= 3:
        return GradeBand.INDSKOLING
    if grade <= 6:
        return GradeBand.MELLEMTRIN
    return GradeBand.UDSKOLING


GRADES_IN_BAND = {
    GradeBand.INDSKOLING: range(0, 4),
    GradeBand.MELLEMTRIN: range(4, 7),
    GradeBand.UDSKOLING: range(7, 11),
}


class SchoolClass(Versioned):
    """A class in one school year. Pupils are a count, never names."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="classes", verbose_name=_("skole")
    )
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="classes", verbose_name=_("skoleår")
    )
    grade = models.PositiveSmallIntegerField(_("klassetrin"), help_text=_("0 = børnehaveklasse"))
    letter = NameField(_("spor"), max_length=3, help_text=_("fx A"))
    pupil_count = models.IntegerField(_("antal elever"), default=0)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("klasse")
        verbose_name_plural = _("klasser")
        ordering = ["school__name", "grade", "letter"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year", "grade", "letter"], name="unique_class_per_year"
            ),
            models.CheckConstraint(
                condition=Q(pupil_count__gte=0), name="class_pupil_count_not_negative"
            ),
            models.CheckConstraint(condition=Q(grade__lte=10), name="class_grade_0_to_10"),
        ]
        indexes = [
            models.Index(fields=["school_year", "grade"]),
            # the school tables' class and pupil counts per school (views.school_table): an
            # index-only scan per school instead of reading the class rows
            models.Index(
                fields=["school", "school_year", "pupil_count"], name="class_pupils_per_school_year"
            ),
        ]

    def get_edit_url(self) -> str:
        return pk_url("schools:class_update", self.pk)

    def __str__(self) -> str:
        return f"{self.grade}.{self.letter}"

    @property
    def label(self) -> str:
        return f"{self.grade}.{self.letter}"

    @property
    def band(self) -> str:
        return grade_band(self.grade)


class OrganisationKind(models.TextChoices):
    UNIT = "unit", _("Enhed/institution")
    UNION = "union", _("Faglig organisation")
    DEPARTMENT = "department", _("Forvaltning/afdeling")
    OTHER = "other", _("Andet")


class Organisation(Versioned):
    """Units, unions and departments that are not schools (Dagtilbud, BUPL, Skiftesporet …)."""

    name = NameField(_("navn"), max_length=150, unique=True)
    kind = models.CharField(
        _("type"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.UNIT
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("hører under"),
    )

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def get_edit_url(self) -> str:
        return pk_url("schools:organisation_update", self.pk)

    def __str__(self) -> str:
        return self.name


class Job(models.TextChoices):
    LEADER = "leader", _("Leder")
    TEACHER = "teacher", _("Lærer")
    PEDAGOGUE = "pedagogue", _("Pædagog")
    PHYSIOTHERAPIST = "physiotherapist", _("Skolefysioterapeut")
    HEALTH_NURSE = "health_nurse", _("Sundhedsplejerske")
    CONSULTANT = "consultant", _("Konsulent")
    COORDINATOR = "coordinator", _("Koordinator")
    OTHER = "other", _("Andet")


class Staff(Versioned):
    """A person who works at a school or in an organisation; may have a login."""

    name = NameField(_("navn"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    job = models.CharField(_("stilling"), max_length=20, choices=Job.choices, default=Job.TEACHER)
    school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="staff",
        verbose_name=_("skole"),
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="staff",
        verbose_name=_("organisation"),
    )
    user = models.OneToOneField(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_profile",
        verbose_name=_("login"),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medarbejder")
        verbose_name_plural = _("medarbejdere")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(school__isnull=False) & Q(organisation__isnull=False)),
                name="staff_school_or_organisation",
            ),
        ]
        # the school tables' active staff per school (views.school_table): an index-only
        # count per school instead of a scan of every staff row per school
        indexes = [
            models.Index(
                fields=["school"], condition=Q(is_active=True), name="active_staff_per_school"
            )
        ]

    def get_edit_url(self) -> str:
        return pk_url("schools:staff_update", self.pk)

    def __str__(self) -> str:
        return self.name

    @property
    def workplace(self):
        return self.school or self.organisation


class PartnerKind(models.TextChoices):
    COUNSELLING = "counselling", _("Rådgivning")
    ASSOCIATION = "association", _("Forening")
    FOUNDATION = "foundation", _("Fond")
    EDUCATION = "education", _("Uddannelse/institut")
    RESEARCH = "research", _("Forskning/universitet")
    OTHER = "other", _("Andet")


class Partner(Versioned):
    """An outside actor: Headspace Rødovre, Kræftens Bekæmpelse, TrygFonden, Bloom Institute, MIT …"""

    name = NameField(_("navn"), max_length=150, unique=True)
    kind = models.CharField(
        _("type"), max_length=20, choices=PartnerKind.choices, default=PartnerKind.OTHER
    )
    description = FreeTextField(_("beskrivelse"), blank=True)
    website = models.URLField(_("hjemmeside"), blank=True)
    contact_email = models.EmailField(_("kontakt-e-mail"), blank=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samarbejdspartner")
        verbose_name_plural = _("samarbejdspartnere")
        ordering = ["name"]

    def get_edit_url(self) -> str:
        return pk_url("schools:partner_update", self.pk)

    def __str__(self) -> str:
        return self.name


# --- the read log (trivsel.schools.readlog) -------------------------------------------------------
class ReadPurpose(models.TextChoices):
    """Usual purposes of a read; apps may log another short string (shown as it is)."""

    VIEW = "view", _("Visning")
    EDIT = "edit", _("Redigering")
    EXPORT = "export", _("Eksport")
    PDF = "pdf", _("Udskrift/PDF")


class ReadLogEntry(models.Model):
    """Who read which sensitive record, when, and why. Never the record's text: only its kind,
    id and a label like «Aktivitet #12». Written by ``readlog.log_read``; coordinators read it."""

    user = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("bruger"),
    )
    username = models.CharField(_("brugernavn"), max_length=150, blank=True)
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("type"),
    )
    object_id = models.PositiveBigIntegerField(_("id"))
    object_label = models.CharField(_("post"), max_length=120)
    purpose = models.CharField(_("formål"), max_length=40)
    school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("skole"),
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("læsning")
        verbose_name_plural = _("læselog")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.username or '—'} · {self.object_label} · {self.at:%d-%m-%Y %H:%M}"

    @property
    def purpose_label(self) -> str:
        try:
            return ReadPurpose(self.purpose).label
        except ValueError:
            return self.purpose
