"""Unique constraints people can race into: two leaders nominating the same person, two admins
creating the same school. A form's or service's «already exists» check runs before the insert, so
the second of two simultaneous writers passes it and meets the unique index instead. ``saving``
turns that into the same Danish ``ValidationError`` the check would have given — the other
writer's row is committed by then, so the model's own unique checks now find it.

Services that can lock first (``locking``) do; ``saving`` is for the insert or update itself, and
``ScopedFormMixin`` (``views.base``) applies the same rule to every generic form view.
``tests/schools/test_uniques.py`` walks every unique constraint and names how each is handled.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE

SAVED_MEANWHILE = _(
    "Det samme blev gemt af en anden lige nu. Se listen igen — det findes allerede."
)


def is_unique_violation(error: BaseException) -> bool:
    return (
        isinstance(error, IntegrityError)
        and getattr(error.__cause__, "sqlstate", None) == UNIQUE_VIOLATION
    )


def violation_as_validation_error(
    instance: models.Model | None, exclude: set[str] | None = None
) -> ValidationError:
    """The Danish error for a unique violation of ``instance``: its model's own unique checks,
    asked again now that the other row is committed; a plain «saved meanwhile» otherwise."""
    if instance is not None:
        try:
            instance.validate_unique(exclude=exclude)
            instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            return error
    return ValidationError(SAVED_MEANWHILE, code="unique")


@contextmanager
def saving(instance: models.Model | None = None, *, message=None):
    """Runs the block in a savepoint; a unique violation in it becomes a ``ValidationError``
    (``message`` if given, else what ``instance``'s unique checks say). Other database errors
    pass through unchanged."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        if message is not None:
            raise ValidationError(message, code="unique") from error
        raise violation_as_validation_error(instance) from error


def add_to_form(form, error: ValidationError) -> None:
    """Puts the error on the form: on its fields where the form has them, else on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
