"""``POST konsulenter/sync/``: where the browser's offline outbox delivers entries, one by one.

The answers are made for an outbox that deletes an entry only on an acknowledgement carrying its
UUID: 201 created / 200 duplicate or updated ``{"uuid", "status", "version"}``; 409 the UUID is
known with other content, or an update (an entry with ``version``) was edited from an older
version than the server's — with the server's ``version``;
400 invalid (Danish messages per field); 401 JSON when the session has expired — never a redirect
to the login page, which a naive outbox would take for success; 403 for a user who may not record.
CSRF as for any POST: the token in the ``X-CSRFToken`` header.
"""

from __future__ import annotations

import json
import uuid

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trivsel.schools import access

from . import services
from .forms import ActivityForm, FollowUpForm

MAX_BODY = 64 * 1024
MAX_FOLLOW_UPS = 10


def _error(status: int, code: str, message: str, entry_uuid=None, **extra) -> JsonResponse:
    body = {"uuid": str(entry_uuid) if entry_uuid else None, "status": code, "message": message}
    body.update(extra)
    return JsonResponse(body, status=status)


def _form_data(payload: dict) -> dict:
    """JSON -> the form's data (None -> empty; the form parses and validates the rest)."""
    data = {}
    for key, value in payload.items():
        if key in ("uuid", "follow_ups"):
            continue
        data[key] = "" if value is None else value
    data["client_uuid"] = payload.get("uuid") or ""
    for many in ("participants", "tags"):
        value = payload.get(many) or []
        data[many] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return data


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
    if len(request.body) > MAX_BODY:
        return _error(400, "invalid", _("Registreringen er for stor."))
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _error(400, "invalid", _("Registreringen kunne ikke læses (ugyldig JSON)."))
    if not isinstance(payload, dict):
        return _error(400, "invalid", _("Registreringen kunne ikke læses (ugyldig JSON)."))
    try:
        entry_uuid = uuid.UUID(str(payload.get("uuid", "")))
    except ValueError:
        return _error(400, "invalid", _("Registreringen mangler et gyldigt id."))
    # an update of a synced activity carries the version it was edited from
    version = payload.pop("version", None)
    if version is not None and (type(version) is not int or version < 1):
        message = _("Versionen skal være et helt tal.")
        return _error(400, "invalid", message, entry_uuid, errors={"version": [message]})

    form = ActivityForm(data=_form_data(payload))
    form.instance.consultant = request.user
    raw_follow_ups = payload.get("follow_ups") or []
    if not isinstance(raw_follow_ups, list) or len(raw_follow_ups) > MAX_FOLLOW_UPS:
        return _error(400, "invalid", _("Opfølgningerne kunne ikke læses."), entry_uuid)
    follow_up_forms = [
        FollowUpForm(data=item if isinstance(item, dict) else {}) for item in raw_follow_ups
    ]
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
            _("Registreringen blev afvist. Ret fejlene og send den igen."),
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
            version=version,
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
