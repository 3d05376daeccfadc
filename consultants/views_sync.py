"""``POST konsulenter/sync/``: where the browser's offline outbox delivers entries, one by one.

The answers are made for an outbox that deletes an entry only on an acknowledgement carrying its
UUID: 201 created / 200 duplicate or updated ``{"uuid", "status", "version"}``; 409 the UUID is
known with other content, or an update (an entry with ``version``) was edited from an older
version than the server's — with the server's ``version``; 400 invalid (Danish messages per field: the entry is checked against one declared schema,
``schemas.ActivityEntry``, then by the form); 413 too large; 401 JSON when the session has
expired — never a redirect to the login page, which a naive outbox would take for success; 403 for
a user who may not record. CSRF as for any POST: the token in the ``X-CSRFToken`` header.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trivsel.schools import access, jsonbody

from . import services
from .forms import ActivityForm, FollowUpForm
from .schemas import ActivityEntry

MAX_BODY = 64 * 1024


def _error(status: int, code: str, message: str, entry_uuid=None, **extra) -> JsonResponse:
    body = {"uuid": str(entry_uuid) if entry_uuid else None, "status": code, "message": message}
    body.update(extra)
    return JsonResponse(body, status=status)


def _naming_fields(form, errors: dict[str, list[str]]) -> str:
    """«Klokken: Angiv …; Hvad blev set: Skriv …» — what the outbox shows beside the entry."""
    parts = []
    for name, messages in errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else name
        parts.append(f"{label}: {' '.join(messages)}")
    return "; ".join(parts)


def _errors(form) -> dict[str, list[str]]:
    return {
        field: [str(e["message"]) for e in errors]
        for field, errors in form.errors.get_json_data().items()
    }


@require_POST
def sync(request):
    if not request.user.is_authenticated:
        return _error(
            401,
            "login",
            _("Du er ikke logget ind længere. Log ind igen — registreringerne venter på enheden."),
        )
    if not access.can(request.user, "edit", "page:consultants_sync"):
        return _error(403, "forbidden", _("Kun konsulenter kan registrere aktiviteter."))
    try:
        entry = jsonbody.parse(request, ActivityEntry, max_bytes=MAX_BODY)
    except jsonbody.JsonBodyError as error:
        if "uuid" in error.errors:
            error.message = _("Registreringen mangler et gyldigt id.")
        return error.response(uuid=None)
    entry_uuid = entry.uuid

    form = ActivityForm(data=entry.form_data())
    form.instance.consultant = request.user
    follow_up_forms = [FollowUpForm(data=item.model_dump()) for item in entry.follow_ups]
    valid = form.is_valid()
    invalid_follow_ups = [f for f in follow_up_forms if not f.is_valid()]  # validates them all
    if not valid or invalid_follow_ups:
        errors = _errors(form)
        for i, f in enumerate(follow_up_forms):
            for field, messages in _errors(f).items():
                errors[f"follow_ups.{i}.{field}"] = messages
        return _error(
            400,
            "invalid",
            _("Registreringen blev afvist. Ret fejlene og send den igen: %(fields)s")
            % {"fields": _naming_fields(form, errors)},
            entry_uuid,
            errors=errors,
        )
    try:
        result = services.activity_record(
            consultant=request.user,
            client_uuid=entry_uuid,
            fields=form.model_fields(),
            tags=form.cleaned_data["tags"],
            follow_ups=[f.cleaned_data for f in follow_up_forms] + form.follow_ups(),
            version=entry.version,
        )
    except services.SyncConflict as conflict:
        return _error(409, "conflict", conflict.message, entry_uuid, version=conflict.version)
    except ValidationError as error:
        return _error(
            400,
            "invalid",
            _("Registreringen blev afvist."),
            entry_uuid,
            errors={"__all__": error.messages},
        )
    status = "created" if result.created else "updated" if result.updated else "duplicate"
    return JsonResponse(
        {
            "uuid": str(entry_uuid),
            "status": status,
            "id": result.activity.pk,
            "url": result.activity.get_absolute_url(),
            "version": result.activity.lock_version,
        },
        status=201 if result.created else 200,
    )
