"""Writes of the trials app: typed, keyword-only, atomic, validated with ``full_clean()``.

Views call these with a form's cleaned data; the model and these functions hold the rules (classes
and staff of the action's own school only, no «evaluated» without an evaluation, attachment kinds).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from trivsel.schools import clock, uniques
from trivsel.schools.models import SchoolClass, Staff

from .models import (
    Attachment,
    ProgrammeItem,
    RolloutPlan,
    Status,
    Theme,
    ThemeDay,
    TrialAction,
)
from .uploads import validate_attachment


def _check_same_school(
    trial_action: TrialAction, classes: Iterable[SchoolClass], staff: Iterable[Staff]
) -> None:
    errors = {}
    foreign_classes = [c for c in classes if c.school_id != trial_action.school_id]
    if foreign_classes:
        errors["classes"] = _(
            "Klassen %(classes)s hører ikke til %(school)s. Vælg kun klasser på prøvehandlingens "
            "egen skole."
        ) % {
            "classes": ", ".join(str(c) for c in foreign_classes),
            "school": trial_action.school,
        }
    foreign_staff = [s for s in staff if s.school_id != trial_action.school_id]
    if foreign_staff:
        errors["staff"] = _(
            "%(staff)s arbejder ikke på %(school)s. Vælg kun medarbejdere fra skolen."
        ) % {"staff": ", ".join(str(s) for s in foreign_staff), "school": trial_action.school}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def trial_action_save(
    *,
    trial_action: TrialAction,
    themes: Iterable[Theme],
    classes: Iterable[SchoolClass],
    staff: Iterable[Staff],
    user=None,
) -> TrialAction:
    """Creates or updates a trial action with its themes, classes and staff."""
    classes, staff = list(classes), list(staff)
    if trial_action.status == Status.EVALUATED and not trial_action.pk:
        raise ValidationError(
            {"status": _("En ny prøvehandling evalueres i et særskilt trin, når den er i gang.")}
        )
    trial_action.full_clean()
    _check_same_school(trial_action, classes, staff)
    if trial_action.pk is None and user is not None and user.is_authenticated:
        trial_action.created_by = user
    trial_action.save()
    trial_action.themes.set(themes)
    trial_action.classes.set(classes)
    trial_action.staff.set(staff)
    return trial_action


def evaluation_opens(trial_action: TrialAction) -> ValidationError | None:
    """Why the action cannot be evaluated yet (it has not started), or None."""
    if trial_action.start and clock.today() < trial_action.start:
        return ValidationError(
            _("Prøvehandlingen starter først %(date)s. Den kan evalueres, når den er i gang.")
            % {"date": date_format(trial_action.start, "j. F Y")},
            code="not_started",
        )
    return None


@transaction.atomic
def trial_action_evaluate(
    *,
    trial_action: TrialAction,
    learned: str = "",
    effect_pupils: int | None = None,
    effect_pupils_text: str = "",
    effect_class: int | None = None,
    effect_class_text: str = "",
    continuation: str = "",
    decision: str = "",
    complete: bool = True,
) -> TrialAction:
    """Records the evaluation. ``complete`` marks the action «evaluated» (the model refuses it
    unless every field is filled); otherwise it is a draft and the status stays. An evaluated
    action stays evaluated, so its evaluation is always complete. Not before the start date."""
    if (not_started := evaluation_opens(trial_action)) is not None:
        raise not_started
    trial_action.learned = learned or ""
    trial_action.effect_pupils = effect_pupils
    trial_action.effect_pupils_text = effect_pupils_text or ""
    trial_action.effect_class = effect_class
    trial_action.effect_class_text = effect_class_text or ""
    trial_action.continuation = continuation or ""
    trial_action.decision = decision or ""
    if complete or trial_action.status == Status.EVALUATED:
        trial_action.status = Status.EVALUATED
        if trial_action.evaluated_at is None:
            trial_action.evaluated_at = clock.today()
    trial_action.full_clean()
    trial_action.save()
    return trial_action


@transaction.atomic
def attachment_upload(*, trial_action: TrialAction, file, user=None) -> Attachment:
    validate_attachment(file)
    attachment = Attachment(
        trial_action=trial_action,
        file=file,
        name=(getattr(file, "name", "") or "bilag")[-200:],
        size=file.size,
        uploaded_by=user if user is not None and user.is_authenticated else None,
    )
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment) -> None:
    """Deletes the row, and the file once the deletion is committed."""
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    if path:
        transaction.on_commit(lambda: storage.delete(path))


@transaction.atomic
def theme_day_save(*, theme_day: ThemeDay, themes: Iterable[Theme]) -> ThemeDay:
    theme_day.full_clean()
    theme_day.save()
    theme_day.themes.set(themes)
    return theme_day


@transaction.atomic
def programme_item_save(
    *, item: ProgrammeItem, trial_actions: Iterable[TrialAction]
) -> ProgrammeItem:
    item.full_clean()
    item.save()
    item.trial_actions.set(trial_actions)
    return item


@transaction.atomic
def rollout_plan_save(*, plan: RolloutPlan, trial_actions: Iterable[TrialAction]) -> RolloutPlan:
    """A school's roll-out plan from a theme day (one per school and day; a second, saved at the
    same moment, gets the constraint's message)."""
    plan.full_clean()
    with uniques.saving(plan):
        plan.save()
    plan.trial_actions.set(trial_actions)
    return plan
