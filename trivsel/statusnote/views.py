"""Pages of the status note. Thin: access through ``trivsel.schools.access``, writes through
``services``, the note itself through ``compose``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from trivsel.schools import access, confirm
from trivsel.schools.locking import LockTimeout
from trivsel.schools.views.base import (
    AccessMixin,
    ScopedDetailView,
    ScopedListView,
    ScopedObjectMixin,
    VersionCheckMixin,
    add_service_errors,
)

from . import compose, services
from .forms import (
    ApprovalDecisionForm,
    ApprovalSendForm,
    DocumentForm,
    NoteCreateForm,
    NoteTextsForm,
)
from .models import ApprovalStatus, DocumentStatus, NoteDocument, StatusNote


def _documents(user, note):
    return access.scope(
        user, NoteDocument.objects.filter(note=note).select_related("created_by"), "read"
    ).order_by("-created_at", "-pk")


def documents_context(request, note) -> dict:
    documents = list(_documents(request.user, note))
    return {
        "note": note,
        "documents": documents,
        "polling": any(d.in_progress for d in documents),
        "can_generate": access.can(request.user, "generate", StatusNote),
    }


class NoteListView(ScopedListView):
    model = StatusNote
    template_name = "statusnote/note_list.html"
    title = gettext_lazy("Statusnotater")
    paginate_by = 30

    def base_queryset(self):
        return StatusNote.objects.select_related("period", "finalised_by").order_by(
            "-period__start", "-version"
        )

    def get_rows(self, object_list) -> list[dict]:
        return [
            {
                "url": note.get_absolute_url(),
                "period": note.period.name,
                "version": note.version,
                "status": note.status,
                "status_label": note.get_status_display(),
                "as_of": note.as_of,
                "finalised_at": note.finalised_at,
                "finalised_by": str(note.finalised_by) if note.finalised_by else "",
            }
            for note in object_list
        ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_create"] = access.can(self.request.user, "edit", StatusNote)
        return ctx


class NoteCreateView(AccessMixin, FormView):
    access_target = StatusNote
    access_action = "edit"
    form_class = NoteCreateForm
    template_name = "statusnote/note_create.html"

    def form_valid(self, form):
        note = services.note_create_draft(
            period=form.cleaned_data["period"],
            as_of=form.cleaned_data["as_of"],
            created_by=self.request.user,
        )
        messages.success(
            self.request,
            _("Udkastet til %(note)s er lavet ud fra portalens data. Læs det, og ret teksterne.")
            % {"note": note},
        )
        return HttpResponseRedirect(note.get_absolute_url())


class NoteQuerysetMixin:
    model = StatusNote

    def get_queryset(self):
        return StatusNote.objects.select_related(
            "period", "created_by", "finalised_by", "supersedes", "superseded_by"
        )


class NoteDetailView(NoteQuerysetMixin, ScopedDetailView):
    template_name = "statusnote/note_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, note = self.request.user, self.object
        ctx.update(documents_context(self.request, note))
        can_edit = note.is_draft and access.can(user, "edit", StatusNote)
        snapshot = compose.facts_of(note)
        ctx.update(
            preview=compose.compose(note, snapshot),
            can_edit=can_edit,
            can_finalise=note.is_draft
            and note.is_approved
            and access.can(user, "finalise", StatusNote),
            can_send=can_edit and note.approval_status != ApprovalStatus.SENT,
            can_decide=note.is_draft
            and note.approval_status == ApprovalStatus.SENT
            and access.can(user, "approve", note),
            send_form=ApprovalSendForm(user=user),
            decision_form=ApprovalDecisionForm(),
            changed_under_edits=compose.changed_under_edits(note, snapshot) if can_edit else [],
            can_new_version=note.is_frozen
            and access.can(user, "edit", StatusNote)
            and not hasattr(note, "superseded_by"),
            document_form=DocumentForm(),
        )
        return ctx


class NoteTextsView(NoteQuerysetMixin, ScopedObjectMixin, VersionCheckMixin, FormView):
    access_action = "edit"
    object_action = "edit"
    template_name = "statusnote/note_texts.html"
    form_class = NoteTextsForm

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_frozen:
            messages.error(request, services.FROZEN_MESSAGE)
            return HttpResponseRedirect(self.object.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_frozen:
            messages.error(request, services.FROZEN_MESSAGE)
            return HttpResponseRedirect(self.object.get_absolute_url())
        return super().post(request, *args, **kwargs)

    def parts(self):
        if hasattr(self, "_parts"):
            return self._parts
        view = compose.compose(self.object)
        self._parts = [
            (part.id, f"{chapter.heading} — {part.heading}" if part.heading else chapter.heading)
            for chapter in view.chapters
            for part in chapter.parts
        ]
        return self._parts

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["parts"] = self.parts()
        return kwargs

    def get_initial(self):
        note = self.object
        initial = {
            "as_of": note.as_of,
            "introduction": note.introduction,
            "closing": note.closing,
            "recipient": note.recipient,
            "meeting_date": note.meeting_date,
            "case_number": note.case_number,
            "sender": note.sender,
            "dated": note.dated,
        }
        drafted = None
        for part_id, _label in self.parts():
            text = (note.narratives or {}).get(part_id)
            if text is None:  # a section added since the draft was made
                drafted = drafted or compose.drafted_texts(note, compose.facts_of(note))
                text = drafted.get(part_id, "")
            initial[f"narrative_{part_id.replace('.', '__')}"] = text
        return initial

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(note=self.object, title=_("Tekster: %(note)s") % {"note": self.object})
        return ctx

    def form_valid(self, form):
        try:
            services.note_update_texts(
                note=self.object,
                introduction=form.cleaned_data["introduction"],
                narratives=form.narratives(),
                closing=form.cleaned_data["closing"],
                as_of=form.cleaned_data["as_of"],
                front_matter=form.front_matter(),
            )
        except ValidationError as error:
            add_service_errors(
                form,
                error,
                {f"narrative_{p}": n for p, n in form.part_fields.items()},
            )
            return self.form_invalid(form)
        messages.success(self.request, _("Teksterne er gemt."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class NoteActionView(NoteQuerysetMixin, ScopedObjectMixin, View):
    """A POST-only action on one note; the service refuses what the note's state forbids."""

    http_method_names = ["post"]
    success = ""
    ask = None  # (question, details, confirm label) for an action that cannot be undone

    def act(self, note):  # pragma: no cover - overridden
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        note = self.get_object()
        if self.ask is not None:
            question, details, label = self.ask
            asked = confirm.ask_first(
                request,
                question=question % {"note": note},
                details=details,
                confirm_label=label,
                back_url=note.get_absolute_url(),
            )
            if asked is not None:
                return asked
        try:
            result = self.act(note)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(note.get_absolute_url())
        except LockTimeout as error:  # another finalising of the period held the lock
            messages.error(request, str(error))
            return HttpResponseRedirect(note.get_absolute_url())
        messages.success(request, self.success % {"note": result})
        return HttpResponseRedirect(result.get_absolute_url())


class NoteFinaliseView(NoteActionView):
    access_action = object_action = "finalise"
    success = gettext_lazy(
        "%(note)s er nu endeligt: tal og tekster er låst. Generér PDF'en til udsendelse."
    )
    ask = (
        gettext_lazy("Gør %(note)s endeligt?"),
        gettext_lazy("Når notatet er endeligt, kan tal og tekster ikke ændres."),
        gettext_lazy("Ja, gør endelig"),
    )

    def act(self, note):
        return services.note_finalise(note=note, user=self.request.user)


class NoteNewVersionView(NoteActionView):
    access_action = object_action = "edit"
    success = gettext_lazy("%(note)s er oprettet som udkast med teksterne fra den forrige.")

    def act(self, note):
        return services.note_new_version(note=note, created_by=self.request.user)


class NoteRedraftView(NoteActionView):
    access_action = object_action = "edit"
    success = gettext_lazy(
        "Afsnitsteksterne i %(note)s er foreslået på ny ud fra dagens tal. Tekster, du har "
        "rettet, er bevaret; ændrede tal under dem er vist på siden."
    )

    def act(self, note):
        return services.note_redraft(note=note)


class PartActionView(NoteActionView):
    """Take the new proposal for one edited part, or keep the edited text."""

    access_action = object_action = "edit"

    def act(self, note):
        return self.service(note=note, part=self.kwargs["part"])


class NoteTakeProposalView(PartActionView):
    success = gettext_lazy("Afsnittet i %(note)s er erstattet af det nye forslag.")
    service = staticmethod(services.note_take_proposal)


class NoteKeepTextView(PartActionView):
    success = gettext_lazy("Din tekst i %(note)s er bevaret.")
    service = staticmethod(services.note_keep_text)


class NoteSendForApprovalView(NoteActionView):
    access_action = object_action = "edit"
    success = gettext_lazy("%(note)s er sendt til godkendelse.")

    def act(self, note):
        form = ApprovalSendForm(self.request.POST, user=self.request.user)
        if not form.is_valid():
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        return services.note_send_for_approval(
            note=note, approver=form.cleaned_data["approver"], user=self.request.user
        )


class NoteApproveView(NoteActionView):
    access_action = object_action = "approve"
    success = gettext_lazy("%(note)s er godkendt. Koordinatoren kan nu gøre det endeligt.")

    def act(self, note):
        form = ApprovalDecisionForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        return services.note_approve(
            note=note, user=self.request.user, comment=form.cleaned_data["comment"]
        )


class NoteReturnView(NoteActionView):
    access_action = object_action = "approve"
    success = gettext_lazy("%(note)s er sendt retur til koordinatoren med din bemærkning.")

    def act(self, note):
        form = ApprovalDecisionForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        return services.note_return(
            note=note, user=self.request.user, comment=form.cleaned_data["comment"]
        )


class DocumentCreateView(NoteQuerysetMixin, ScopedObjectMixin, View):
    """«Generér PDF» / «Generér Word»: orders the document; the page polls its status."""

    http_method_names = ["post"]
    access_action = object_action = "generate"

    def post(self, request, *args, **kwargs):
        note = self.get_object()
        form = DocumentForm(request.POST)
        if form.is_valid():
            services.document_request(
                note=note, fmt=form.cleaned_data["format"], created_by=request.user
            )
            if not request.htmx:
                messages.success(
                    request, _("Dokumentet genereres. Siden viser det, når det er klar.")
                )
        else:
            messages.error(request, _("Vælg PDF eller Word."))
        if request.htmx:
            return render(request, "statusnote/_documents.html", documents_context(request, note))
        return HttpResponseRedirect(note.get_absolute_url() + "#dokumenter")


class DocumentsFragmentView(NoteQuerysetMixin, ScopedDetailView):
    """The documents of a note as a fragment; polled every second while one is being made."""

    template_name = "statusnote/_documents.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(documents_context(self.request, self.object))
        return ctx


class DocumentDownloadView(ScopedDetailView):
    model = NoteDocument

    def get_queryset(self):
        return NoteDocument.objects.select_related("note__period")

    def get(self, request, *args, **kwargs):
        document = self.get_object()
        if document.status != DocumentStatus.DONE or not document.file:
            raise Http404
        return FileResponse(
            document.file.open("rb"), as_attachment=True, filename=document.filename
        )
