"""The half-yearly status note (statusnotat) and the documents generated from it.

A note is a draft while the coordinator works on it: its facts are collected live from the
sections (``trivsel.schools.sections``) whenever it is shown. Finalising freezes the facts into
``snapshot`` and the texts with them; a final note is never edited again, only superseded by a new
version (a copy that starts as a draft).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trivsel.schools.fields import FreeCharField, FreeTextField
from trivsel.schools.history import HistoricalRecords
from trivsel.schools.links import pk_url
from trivsel.schools.models import Period, ScopedManager
from trivsel.schools.versioning import Versioned


class NoteStatus(models.TextChoices):
    DRAFT = "draft", _("Udkast")
    FINAL = "final", _("Endelig")
    SUPERSEDED = "superseded", _("Erstattet")


class ApprovalStatus(models.TextChoices):
    NOT_SENT = "", _("Ikke sendt til godkendelse")
    SENT = "sent", _("Sendt til godkendelse")
    APPROVED = "approved", _("Godkendt")
    RETURNED = "returned", _("Sendt retur")


RECIPIENT = "Børne- og Skoleudvalget"
SENDER = "Skoleområdet, Børne- og Kulturforvaltningen"


class StatusNote(Versioned):
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="status_notes", verbose_name=_("halvår")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=NoteStatus.choices, default=NoteStatus.DRAFT
    )
    as_of = models.DateField(
        _("opgjort pr."), help_text=_("Tal til og med denne dato; det planlagte er det efter den.")
    )
    introduction = FreeTextField(_("indledning"), blank=True)
    # per part of the note (see structure.PARTS): {"trials": "…", "headspace": "…"}; every value
    # passes the CPR guard in the service that writes it
    narratives = models.JSONField(_("afsnitstekster"), default=dict, blank=True)
    closing = FreeTextField(_("afsluttende bemærkning"), blank=True)
    # what the portal proposed for each part when its text was last drafted: a text that differs
    # from it was edited by the coordinator, and a new proposal never overwrites it silently
    drafts = models.JSONField(_("foreslåede tekster"), default=dict, blank=True)
    # the sections' facts, frozen when the note is finalised (empty while a draft)
    snapshot = models.JSONField(_("data"), default=dict, blank=True)
    # front matter: to whom, for which meeting, under which case, from whom, dated
    recipient = FreeCharField(_("modtager"), max_length=200, default=RECIPIENT)
    meeting_date = models.DateField(_("mødedato"), null=True, blank=True)
    case_number = FreeCharField(_("sagsnummer"), max_length=40, blank=True)
    sender = FreeCharField(_("afsender"), max_length=200, default=SENDER)
    dated = models.DateField(
        _("dato"), null=True, blank=True, help_text=_("Tom: datoen, notatet gøres endeligt.")
    )
    # the approval before «Gør endelig»: the coordinator sends the draft to a named approver
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("godkender"),
    )
    approval_status = models.CharField(
        _("godkendelse"), max_length=10, choices=ApprovalStatus.choices, blank=True, default=""
    )
    approval_comment = FreeTextField(_("godkenderens bemærkning"), blank=True)
    sent_for_approval_at = models.DateTimeField(_("sendt til godkendelse"), null=True, blank=True)
    approval_decided_at = models.DateTimeField(_("godkendelse afgjort"), null=True, blank=True)
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
        verbose_name=_("erstatter"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    finalised_at = models.DateTimeField(_("gjort endelig"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gjort endelig af"),
    )

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statusnotat")
        verbose_name_plural = _("statusnotater")
        ordering = ["-period__start", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["period", "version"], name="statusnote_one_version"),
            models.CheckConstraint(condition=Q(version__gte=1), name="statusnote_version_positive"),
            # a note that is (or was) final carries its frozen data and who finalised it
            models.CheckConstraint(
                condition=Q(status=NoteStatus.DRAFT) | Q(finalised_at__isnull=False),
                name="statusnote_final_has_time",
            ),
            # a note sent for approval has someone to approve it
            models.CheckConstraint(
                condition=Q(approval_status="") | Q(approver__isnull=False),
                name="statusnote_approval_has_approver",
            ),
        ]

    def __str__(self) -> str:
        return _("Statusnotat %(period)s, version %(version)s") % {
            "period": self.period.name,
            "version": self.version,
        }

    def get_absolute_url(self) -> str:
        return pk_url("statusnote:note_detail", self.pk)

    @property
    def is_draft(self) -> bool:
        return self.status == NoteStatus.DRAFT

    @property
    def is_frozen(self) -> bool:
        return self.status != NoteStatus.DRAFT

    @property
    def is_approved(self) -> bool:
        return self.approval_status == ApprovalStatus.APPROVED


class Commitment(models.Model):
    """A plan a final note stated («temadag i slutningen af april», «fra næste skoleår»): what
    was promised, by when, and the record it is about (``ref``, given by the section), so the next
    note can tell what became of it."""

    note = models.ForeignKey(
        StatusNote, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("notat")
    )
    section = models.CharField(_("afsnit"), max_length=40)
    part = models.CharField(_("del af notatet"), max_length=40)
    ref = models.CharField(_("henvisning"), max_length=120)
    what = FreeCharField(_("hvad blev lovet"), max_length=300)
    due = models.DateField(_("senest"))

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tilsagn")
        verbose_name_plural = _("tilsagn")
        ordering = ["note", "due", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["note", "ref"], name="statusnote_one_commitment_per_ref"
            )
        ]

    def __str__(self) -> str:
        return f"{self.what} ({self.due:%d.%m.%Y})"


class DocumentFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", _("Word (.docx)")


class DocumentStatus(models.TextChoices):
    PENDING = "pending", _("I kø")
    RUNNING = "running", _("Genereres")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Fejlet")


def document_path(instance: NoteDocument, filename: str) -> str:
    return f"statusnotater/{instance.note.period_id}/{filename}"


class NoteDocument(models.Model):
    """One generated file of a note, kept for good: period and version through the note, who and
    when here. ``from_final`` says whether the note was final when it was generated (only those
    documents are shown to school leaders and consultants)."""

    note = models.ForeignKey(
        StatusNote, on_delete=models.PROTECT, related_name="documents", verbose_name=_("notat")
    )
    format = models.CharField(_("format"), max_length=4, choices=DocumentFormat.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    from_final = models.BooleanField(_("af endelig version"), default=False)
    file = models.FileField(_("fil"), upload_to=document_path, blank=True)
    error = models.CharField(_("fejl"), max_length=180, blank=True)
    task_id = models.CharField(_("opgave-id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("bestilt"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("bestilt af"),
    )
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("genereret dokument")
        verbose_name_plural = _("genererede dokumenter")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.DONE) | ~Q(file=""),
                name="notedocument_done_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.note} ({self.get_format_display()})"

    def get_download_url(self) -> str:
        return pk_url("statusnote:document_download", self.pk)

    @property
    def in_progress(self) -> bool:
        return self.status in (DocumentStatus.PENDING, DocumentStatus.RUNNING)

    @property
    def filename(self) -> str:
        return f"statusnotat-{self.note.period.name}-v{self.note.version}.{self.format}".replace(
            " ", "-"
        ).lower()
