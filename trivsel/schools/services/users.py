"""Writes on the portal's logins: invite, re-invite, change role and schools, deactivate, activate.

Each is a keyword-only function under ``transaction.atomic`` (CONVENTIONS #2). Who may do what is
asked of ``access`` (the «schools.user» row); the invariants that the table cannot express live
here: a leader only hands out the role «Medarbejder» at their own school(s), the number of schools
fits the role, nobody deactivates themselves, and the network always keeps an active coordinator.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import access, locking
from ..models import Job, Role, School, Staff, User
from ..tasks import end_user_sessions, send_invitation

# the job a new Staff record gets when the form leaves it open
DEFAULT_JOB = {
    Role.LEADER: Job.LEADER,
    Role.STAFF: Job.TEACHER,
    Role.CONSULTANT: Job.CONSULTANT,
    Role.COORDINATOR: Job.COORDINATOR,
}


# --- rules shared by forms and services ------------------------------------------------------
def assignable_roles(actor: User) -> list[str]:
    """The roles ``actor`` may give: coordinators (and IT) any, leaders only «Medarbejder»."""
    if access.can_all(actor, "edit", User):
        return list(Role.values)
    if access.can(actor, "edit", User):
        return [Role.STAFF]
    return []


def assignable_schools(actor: User):
    """The schools ``actor`` may give a login: all for coordinators, a leader's own school(s)."""
    if access.can_all(actor, "edit", User):
        return School.objects.all()
    return School.objects.filter(pk__in=access.school_ids(actor))


def validate_role_schools(role: str, schools: Iterable[School]) -> None:
    """A leader has one or more schools, a staff member exactly one, the network roles none."""
    count = len(list(schools))
    if role == Role.LEADER and count < 1:
        raise ValidationError({"schools": _("En skoleleder skal have mindst én skole.")})
    if role == Role.STAFF and count != 1:
        raise ValidationError({"schools": _("En medarbejder skal have præcis én skole.")})
    if role not in (Role.LEADER, Role.STAFF) and count:
        raise ValidationError(
            {
                "schools": _("Rollen «%(role)s» har ingen skole. Fjern markeringen af skolerne.")
                % {"role": Role(role).label}
            }
        )


def _check_may_assign(actor: User, role: str, schools: list[School]) -> None:
    if role not in assignable_roles(actor):
        raise PermissionDenied(_("Du kan ikke give rollen «%(role)s».") % {"role": role})
    allowed = set(assignable_schools(actor).values_list("pk", flat=True))
    if any(school.pk not in allowed for school in schools):
        raise PermissionDenied(_("Du kan kun give adgang til dine egne skoler."))


def _check_may_edit(actor: User, user: User) -> None:
    if not access.can(actor, "edit", user):
        raise PermissionDenied


def _active_coordinators() -> list[int]:
    qs = User.objects.filter(role=Role.COORDINATOR, is_active=True)
    if transaction.get_connection().in_atomic_block:
        # Inside a service: locking every active coordinator row serialises two coordinators
        # demoting each other at once; the second waits, re-reads and sees it would leave none.
        return [user.pk for user in locking.lock_rows(qs.only("pk"))]
    return list(qs.values_list("pk", flat=True))


def _is_last_active_coordinator(user: User) -> bool:
    if user.role != Role.COORDINATOR or not user.is_active:
        return False
    return _active_coordinators() == [user.pk]


LAST_COORDINATOR = gettext_lazy(
    "%(name)s er den eneste aktive netværkskoordinator. Giv først en anden bruger rollen "
    "«Netværkskoordinator»."
)


def deactivation_problem(*, actor: User, user: User) -> str | None:
    """Why ``actor`` cannot deactivate ``user`` (None: they can). The confirm page shows it."""
    if user.pk == actor.pk:
        return _("Du kan ikke deaktivere dig selv.")
    if not user.is_active:
        return _("%(name)s er allerede deaktiveret.") % {"name": user}
    if _is_last_active_coordinator(user):
        return LAST_COORDINATOR % {"name": user}
    return None


# --- helpers -----------------------------------------------------------------------------------
def _unique_username(email: str) -> str:
    """The e-mail address (lower case) is the username; a suffix only if it is taken or long."""
    base = email.lower()[:140]
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _link_staff(user: User, schools: list[School], job: str) -> None:
    """Give the login its Staff record at the (first) school: an unlinked one with the same
    e-mail address if the school has it, otherwise a new one."""
    if not schools:
        return
    unlinked = Staff.objects.filter(school__in=schools, email__iexact=user.email, user__isnull=True)
    staff = next(iter(locking.lock_rows(unlinked)), None)
    if staff is None:
        staff = Staff(name=user.get_full_name(), email=user.email, school=schools[0])
    staff.user = user
    staff.is_active = True
    if job or staff.pk is None:
        staff.job = job or DEFAULT_JOB.get(user.role, Job.OTHER)
    staff.full_clean()
    staff.save()


def _enqueue_invitation(user: User, invited_by: User) -> None:
    transaction.on_commit(lambda: send_invitation.delay(user.pk, invited_by.pk))


# --- services ----------------------------------------------------------------------------------
@transaction.atomic
def user_invite(
    *,
    invited_by: User,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    schools: Iterable[School],
    job: str = "",
) -> User:
    """Create a login without a password and e-mail its owner a link to choose one."""
    schools = list(schools)
    _check_may_assign(invited_by, role, schools)
    validate_role_schools(role, schools)
    email = email.strip().lower()  # one spelling: it is also the username
    locking.lock("schools.user_email", email)  # two invitations at once: the second waits, sees it
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Der findes allerede en bruger med denne e-mailadresse.")}
        )

    user = User(
        username=_unique_username(email),
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    user.schools.set(schools)
    _link_staff(user, schools, job)
    _enqueue_invitation(user, invited_by)
    return user


@transaction.atomic
def user_reinvite(*, invited_by: User, user: User) -> User:
    """Send a fresh invitation to someone who has not chosen a password yet. Earlier links stop
    working: the token is bound to the (new, random) unusable password."""
    _check_may_edit(invited_by, user)
    if not user.is_active:
        raise ValidationError(
            _("%(name)s er deaktiveret. Aktivér brugeren først.") % {"name": user}
        )
    if user.has_usable_password():
        raise ValidationError(
            _(
                "%(name)s har allerede valgt en adgangskode. Har de glemt den, kan de bruge "
                "«Glemt adgangskode» på log ind-siden."
            )
            % {"name": user}
        )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    _enqueue_invitation(user, invited_by)
    return user


@transaction.atomic
def user_update(
    *,
    changed_by: User,
    user: User,
    first_name: str,
    last_name: str,
    role: str,
    schools: Iterable[School],
) -> User:
    """Change a login's name, role and schools. A staff member who moves school takes their
    Staff record along."""
    schools = list(schools)
    _check_may_edit(changed_by, user)
    _check_may_assign(changed_by, role, schools)
    validate_role_schools(role, schools)
    if role != Role.COORDINATOR and _is_last_active_coordinator(user):
        raise ValidationError({"role": LAST_COORDINATOR % {"name": user}})

    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.role = role
    user.full_clean()
    user.save(update_fields=["first_name", "last_name", "role"])
    user.schools.set(schools)

    staff = Staff.objects.filter(user=user).first()
    if staff is None:
        _link_staff(user, schools, "")
    elif schools and staff.school_id not in {s.pk for s in schools}:
        staff.school, staff.organisation = schools[0], None
        staff.full_clean()
        staff.save()
    return user


@transaction.atomic
def user_deactivate(*, deactivated_by: User, user: User) -> User:
    """Close a login: it can no longer log in, and its open sessions stop working (Django's
    ModelBackend refuses inactive users on every request)."""
    _check_may_edit(deactivated_by, user)
    problem = deactivation_problem(actor=deactivated_by, user=user)
    if problem:
        raise ValidationError(problem)
    user.is_active = False
    user.save(update_fields=["is_active"])

    user_pk = user.pk
    transaction.on_commit(lambda: end_user_sessions.delay(user_pk))
    return user


@transaction.atomic
def user_activate(*, activated_by: User, user: User) -> User:
    _check_may_edit(activated_by, user)
    if user.is_active:
        raise ValidationError(_("%(name)s er allerede aktiv.") % {"name": user})
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user
