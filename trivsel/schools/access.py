"""THE access module: the «who sees what» table of ARCHITECTURE.md as code.

Nothing else in the portal decides access. Views ask through:

* ``scope(user, queryset, action)``  — the rows ``user`` may see/edit (``Model.objects.for_user``);
* ``can(user, action, model_or_obj)`` — a yes/no for a page or an object;
* ``get_for_user(user, queryset, action, **lookup)`` — one object or 404 (not visible) / 403
  (visible, but not for this action);
* ``annotate_can(queryset, user, action)`` — a boolean per row for list pages, in the same query.

Each row of ``TABLE`` names a record kind by model label (``"app_label.modelname"``; a string, so
this module imports no feature app) or a page (``"page:..."``), the path from the model to its
``School`` (for «own school» rules), and per action the reach of each role: nothing, own school(s),
all — optionally narrowed by a named condition (``shared``, ``author`` …). Reading is implied by
editing; seeing names is implied by reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, Model, Q, QuerySet, Value, When
from django.http import Http404

from .choices import Role

LEADER, STAFF, CONSULTANT, COORDINATOR, CONF_ADMIN = (
    Role.LEADER.value,
    Role.STAFF.value,
    Role.CONSULTANT.value,
    Role.COORDINATOR.value,
    Role.CONFERENCE_ADMIN.value,
)
ALL_ROLES = (LEADER, STAFF, CONSULTANT, COORDINATOR, CONF_ADMIN)

# Actions and what they imply: who may edit may read, who may read may see names.
IMPLIED_BY = {"names": ("read", "edit"), "read": ("edit",)}


@dataclass(frozen=True)
class Reach:
    where: str  # "none" | "own" (the user's own school(s)) | "all"
    only: str = ""  # a condition of the rule that narrows it further

    def __or__(self, other):  # pragma: no cover - clarity only
        raise TypeError("combine reaches through Rule, not |")


NOTHING = Reach("none")
OWN = Reach("own")
ALL = Reach("all")


def own_if(condition: str) -> Reach:
    return Reach("own", condition)


def all_if(condition: str) -> Reach:
    return Reach("all", condition)


@dataclass(frozen=True)
class Rule:
    """One row of the table. ``school`` is the lookup path from the model to its School ("" for
    School itself, None when the record belongs to no school)."""

    school: str | None = None
    grants: dict[str, dict[str, Reach]] = field(default_factory=dict)
    conditions: dict[str, Callable] = field(default_factory=dict)

    def reaches(self, role: str, action: str) -> list[Reach]:
        actions = (action, *IMPLIED_BY.get(action, ()))
        found = [self.grants.get(a, {}).get(role, NOTHING) for a in actions]
        return [r for r in found if r.where != "none"]


def rule(
    school: str | None = None, conditions: dict | None = None, **grants: dict[str, Reach]
) -> Rule:
    return Rule(school=school, grants=grants, conditions=conditions or {})


def everyone(reach: Reach = ALL, roles=ALL_ROLES) -> dict[str, Reach]:
    return dict.fromkeys(roles, reach)


# ---------------------------------------------------------------------------------------------
# The table. Keep it in the order of ARCHITECTURE.md's «who sees what»; new record kinds add rows.
# ---------------------------------------------------------------------------------------------
_STAFF_ROLE_ONLY = {"staff_role": lambda user: Q(role=STAFF, is_superuser=False)}
_CONSULTANT_CONDITIONS = {
    "shared": lambda user: Q(shared_with_leadership=True),
    "author": lambda user: Q(consultant=user),
}
_FOLLOW_UP_CONDITIONS = {
    "shared": lambda user: Q(activity__shared_with_leadership=True),
    "author": lambda user: Q(activity__consultant=user),
}
_EXAMPLE_CASE_CONDITIONS = {"author_draft": lambda user: Q(author=user, status="draft")}


def _grief_group_conditions(prefix: str = "") -> dict[str, Callable]:
    """Conditions through a grief group's leaders (a many-to-many: a subquery of group ids, so
    rows are not repeated). ``prefix`` is the path from the model to the group."""

    def led_groups(**lookup):
        # by label: this module imports no feature app
        through = apps.get_model("griefgroups", "GriefGroup").leaders.through
        return through.objects.filter(**lookup).values("griefgroup_id")

    return {
        "leaders_school": lambda user: Q(
            **{f"{prefix}pk__in": led_groups(staff__school__in=school_ids(user))}
        ),
        "led_by_user": lambda user: Q(**{f"{prefix}pk__in": led_groups(staff__user=user)}),
    }


_GRIEF_GROUP_CONDITIONS = _grief_group_conditions()


TABLE: dict[str, Rule] = {
    # schools, classes, staff: leader reads own (edits own staff), sees other schools' names only;
    # staff read own; consultants read; coordinators edit; conference admins nothing.
    "schools.school": rule(
        school="",
        names={LEADER: ALL, STAFF: OWN, CONSULTANT: ALL, COORDINATOR: ALL},
        read={LEADER: OWN, STAFF: OWN, CONSULTANT: ALL, COORDINATOR: ALL},
        edit={COORDINATOR: ALL},
    ),
    "schools.schoolclass": rule(
        school="school",
        read={LEADER: OWN, STAFF: OWN, CONSULTANT: ALL, COORDINATOR: ALL},
        edit={COORDINATOR: ALL},
    ),
    "schools.staff": rule(
        school="school",
        read={LEADER: OWN, STAFF: OWN, CONSULTANT: ALL, COORDINATOR: ALL},
        edit={LEADER: OWN, COORDINATOR: ALL},
    ),
    # logins: coordinators manage all; a leader manages the staff members of their own school
    # EXTENSION: the table's «edit staff» read as ARCHITECTURE's role list says («manages the
    # school's staff logins»); narrowed to staff-role logins, never leaders or coordinators.
    "schools.user": rule(
        school="schools",
        conditions=_STAFF_ROLE_ONLY,
        read={LEADER: own_if("staff_role"), COORDINATOR: ALL},
        edit={LEADER: own_if("staff_role"), COORDINATOR: ALL},
    ),
    # the network's reference data: every role may read, coordinators edit.
    # EXTENSION (not in ARCHITECTURE's table): conference admins read them too — events are
    # offered to organisations and pupils come from schools; no personal data in these rows.
    "schools.organisation": rule(read=everyone(), edit={COORDINATOR: ALL}),
    "schools.partner": rule(read=everyone(), edit={COORDINATOR: ALL}),
    "schools.schoolyear": rule(read=everyone(), edit={COORDINATOR: ALL}),
    "schools.period": rule(read=everyone(), edit={COORDINATOR: ALL}),
    # consultant activities (observations are sensitive): a leader reads own school's records
    # marked shared; staff and conference admins nothing; consultants edit own, read all;
    # coordinators read all (reads logged).
    "consultants.activity": rule(
        school="school",
        conditions=_CONSULTANT_CONDITIONS,
        read={LEADER: own_if("shared"), CONSULTANT: ALL, COORDINATOR: ALL},
        edit={CONSULTANT: all_if("author")},
    ),
    "consultants.followup": rule(
        school="activity__school",
        conditions=_FOLLOW_UP_CONDITIONS,
        read={LEADER: own_if("shared"), CONSULTANT: ALL, COORDINATOR: ALL},
        edit={CONSULTANT: all_if("author")},
    ),
    # wellbeing courses and PIT meetings happen with the school: its leader reads them.
    # EXTENSION of «consultant activities: leader reads those marked shared»: a wellbeing course
    # is agreed with the school for one of its classes, and the PIT team is the school's own team
    # that the leader sits on — own school only, never another school's, never edit.
    "consultants.wellbeingcourse": rule(
        school="school",
        conditions=_CONSULTANT_CONDITIONS,
        read={LEADER: OWN, CONSULTANT: ALL, COORDINATOR: ALL},
        edit={CONSULTANT: all_if("author")},
    ),
    "consultants.pitmeeting": rule(
        school="school",
        conditions=_CONSULTANT_CONDITIONS,
        read={LEADER: OWN, CONSULTANT: ALL, COORDINATOR: ALL},
        edit={CONSULTANT: all_if("author")},
    ),
    # the challenge tags: coordinators keep the list
    "consultants.challengetag": rule(
        read={CONSULTANT: ALL, COORDINATOR: ALL}, edit={COORDINATOR: ALL}
    ),
    # example cases for the status note: consultants write (own drafts), coordinators approve.
    # EXTENSION: coordinators edit (approve) them — texts written for publication, naming no
    # pupil, staff member or school; not the activities themselves, which they only read.
    "consultants.examplecase": rule(
        conditions=_EXAMPLE_CASE_CONDITIONS,
        read={CONSULTANT: ALL, COORDINATOR: ALL},
        edit={CONSULTANT: all_if("author_draft"), COORDINATOR: ALL},
    ),
    "page:consultants_case_approve": rule(edit={COORDINATOR: ALL}),
    # the offline outbox posts here; the cross-school search and overviews
    "page:consultants_sync": rule(edit={CONSULTANT: ALL}),
    "page:consultants_learning": rule(read={CONSULTANT: ALL, COORDINATOR: ALL}),
    # Åben Skole: programmes and offers are public to the schools; applications and reports: the
    # leader edits own school's, staff and consultants read, the coordinator edits and approves
    "openschool.programme": rule(
        read=everyone(roles=(LEADER, STAFF, CONSULTANT, COORDINATOR)), edit={COORDINATOR: ALL}
    ),
    "openschool.offer": rule(
        read=everyone(roles=(LEADER, STAFF, CONSULTANT, COORDINATOR)), edit={COORDINATOR: ALL}
    ),
    "openschool.application": rule(
        school="school",
        read={LEADER: OWN, STAFF: OWN, CONSULTANT: ALL, COORDINATOR: ALL},
        edit={LEADER: OWN, COORDINATOR: ALL},
        approve={COORDINATOR: ALL},
    ),
    "openschool.report": rule(
        school="application__school",
        read={LEADER: OWN, STAFF: OWN, CONSULTANT: ALL, COORDINATOR: ALL},
        edit={LEADER: OWN, COORDINATOR: ALL},
    ),
    "page:openschool_overview": rule(read={CONSULTANT: ALL, COORDINATOR: ALL}),
    # Headspace: the target grade is the network's choice; talks like applications, and staff
    # give feedback on their own school's held talks
    "headspace.targetgrade": rule(
        read=everyone(roles=(LEADER, STAFF, CONSULTANT, COORDINATOR)), edit={COORDINATOR: ALL}
    ),
    "headspace.talk": rule(
        school="school_class__school",
        read={LEADER: OWN, STAFF: OWN, CONSULTANT: ALL, COORDINATOR: ALL},
        edit={LEADER: OWN, COORDINATOR: ALL},
        feedback={STAFF: OWN},
    ),
    "headspace.calendarfeed": rule(
        school="school", read={LEADER: OWN, COORDINATOR: ALL}, edit={COORDINATOR: ALL}
    ),
    # the page is open to every school role; its cells are scoped per school by the rows above
    "page:headspace_coverage": rule(read=everyone(roles=(LEADER, STAFF, CONSULTANT, COORDINATOR))),
    # who read which sensitive record: coordinators only (superusers pass everywhere)
    "schools.readlogentry": rule(school="school", read={COORDINATOR: ALL}),
    # grief groups: the course is the network's (coordinator manages, leaders read to nominate);
    # a group is edited by its school's leader, read by coordinators (reads logged); its leaders
    # (staff logins) record meetings.
    # EXTENSION: the leader of a school whose staff co-lead another school's group reads that
    # GROUP (name, places, who leads it: their staff's work) — but not its meetings or
    # evaluations, which stay with the group's own school (ARCHITECTURE's table says «other
    # schools: —» for grief groups).
    "griefgroups.course": rule(read={LEADER: ALL, COORDINATOR: ALL}, edit={COORDINATOR: ALL}),
    "griefgroups.coursesession": rule(
        read={LEADER: ALL, COORDINATOR: ALL}, edit={COORDINATOR: ALL}
    ),
    "griefgroups.nomination": rule(
        school="staff__school",
        read={LEADER: OWN, COORDINATOR: ALL},
        edit={LEADER: OWN, COORDINATOR: ALL},
        confirm={COORDINATOR: ALL},
    ),
    "griefgroups.attendance": rule(
        school="nomination__staff__school",
        read={LEADER: OWN, COORDINATOR: ALL},
        edit={COORDINATOR: ALL},
    ),
    "griefgroups.griefgroup": rule(
        school="school",
        conditions=_GRIEF_GROUP_CONDITIONS,
        read={
            LEADER: all_if("leaders_school"),
            STAFF: all_if("led_by_user"),
            COORDINATOR: ALL,
        },
        edit={LEADER: OWN},
        # adding meetings to the group: its school's leader and its leaders
        meetings={LEADER: OWN, STAFF: all_if("led_by_user")},
    ),
    "griefgroups.groupmeeting": rule(
        school="group__school",
        conditions=_grief_group_conditions("group__"),
        read={STAFF: all_if("led_by_user"), COORDINATOR: ALL},  # the leader: by «edit» below
        edit={LEADER: OWN, STAFF: all_if("led_by_user")},
    ),
    # EXTENSION: a group's own leaders (staff) read its evaluations — their assessment is in it
    "griefgroups.evaluation": rule(
        school="group__school",
        conditions=_grief_group_conditions("group__"),
        read={STAFF: all_if("led_by_user"), COORDINATOR: ALL},  # the leader: by «edit» below
        edit={LEADER: OWN},
    ),
    # EXTENSION: leaders read the hourly rate and the network-wide scaling estimate (aggregates
    # over all schools, no school's figures): the roll-out decision is theirs to prepare
    "griefgroups.hourlyrate": rule(read={LEADER: ALL, COORDINATOR: ALL}, edit={COORDINATOR: ALL}),
    "page:griefgroups_scaling": rule(read={LEADER: ALL, COORDINATOR: ALL}),
    # status notes: the coordinator drafts, edits, generates and finalises; school leaders and
    # consultants read notes that were finalised (final or since superseded) and their documents
    # «approve»: the named approver a coordinator sent the draft to approves or returns it
    "statusnote.statusnote": rule(
        conditions={
            "finalised": lambda user: Q(finalised_at__isnull=False),
            "approver": lambda user: Q(approver=user),
        },
        read={LEADER: all_if("finalised"), CONSULTANT: all_if("finalised"), COORDINATOR: ALL},
        edit={COORDINATOR: ALL},
        generate={COORDINATOR: ALL},
        finalise={COORDINATOR: ALL},
        approve={COORDINATOR: all_if("approver")},
    ),
    "statusnote.notedocument": rule(
        conditions={"from_final": lambda user: Q(from_final=True)},
        read={LEADER: all_if("from_final"), CONSULTANT: all_if("from_final"), COORDINATOR: ALL},
        edit={COORDINATOR: ALL},
    ),
    # conference and course registrations (ARCHITECTURE «registrations»): conference admins edit,
    # coordinators read, a leader their own school's pupils (and course nominees), staff the
    # pupils they signed up. «pupils»: sign pupils up for a conference and record consent;
    # «nominate»: a leader puts own staff on a course.
    "conference.event": rule(
        conditions={
            "conference": lambda user: Q(kind="conference"),
            "course": lambda user: Q(kind="course"),
        },
        read={COORDINATOR: ALL},
        edit={CONF_ADMIN: ALL},
        pupils={LEADER: all_if("conference"), STAFF: all_if("conference")},
        nominate={LEADER: all_if("course"), CONF_ADMIN: all_if("course")},
    ),
    # EXTENSION: a leader also reads own school's course nominees (ARCHITECTURE: the course is
    # filled by leaders nominating staff, not by a public form)
    "conference.registration": rule(
        school="school",
        conditions={
            "pupil": lambda user: Q(kind="pupil"),
            "signed_up_by_me": lambda user: Q(kind="pupil", created_by=user),
            "pupil_or_nominee": lambda user: Q(kind="pupil") | Q(event__kind="course"),
            "nominee": lambda user: Q(event__kind="course") & ~Q(kind="pupil"),
        },
        read={
            LEADER: own_if("pupil_or_nominee"),
            STAFF: own_if("signed_up_by_me"),
            COORDINATOR: ALL,
        },
        edit={CONF_ADMIN: ALL},
        pupils={LEADER: own_if("pupil"), STAFF: own_if("signed_up_by_me")},
        nominate={LEADER: own_if("nominee"), CONF_ADMIN: all_if("nominee")},
    ),
    # trial actions, theme day, roll-out plans: a leader edits own school's and READS all schools'
    # (knowledge sharing is the point); staff read own; consultants read; coordinators edit.
    "trials.trialaction": rule(
        school="school",
        read={LEADER: ALL, STAFF: OWN, CONSULTANT: ALL, COORDINATOR: ALL},
        edit={LEADER: OWN, COORDINATOR: ALL},
    ),
    "trials.attachment": rule(
        school="trial_action__school",
        read={LEADER: ALL, STAFF: OWN, CONSULTANT: ALL, COORDINATOR: ALL},
        edit={LEADER: OWN, COORDINATOR: ALL},
    ),
    "trials.rolloutplan": rule(
        school="school",
        read={LEADER: ALL, STAFF: OWN, CONSULTANT: ALL, COORDINATOR: ALL},
        edit={LEADER: OWN, COORDINATOR: ALL},
    ),
    # themes and the theme day itself belong to no school: coordinators manage, readers read
    "trials.theme": rule(
        read=everyone(roles=(LEADER, STAFF, CONSULTANT, COORDINATOR)), edit={COORDINATOR: ALL}
    ),
    "trials.themeday": rule(
        read=everyone(roles=(LEADER, STAFF, CONSULTANT, COORDINATOR)), edit={COORDINATOR: ALL}
    ),
    "trials.programmeitem": rule(
        read=everyone(roles=(LEADER, STAFF, CONSULTANT, COORDINATOR)), edit={COORDINATOR: ALL}
    ),
    # schools × themes: rows are the schools whose names the user sees, cells scoped as above
    "page:trials_coverage": rule(read=everyone(roles=(LEADER, STAFF, CONSULTANT, COORDINATOR))),
    # security and privacy: the change log and data-subject requests are the coordinators'
    "page:changelog": rule(read={COORDINATOR: ALL}),
    "page:data_subjects": rule(edit={COORDINATOR: ALL}),
    # pages that are not one model
    "page:home": rule(read=everyone()),
    "page:school_year_admin": rule(edit={COORDINATOR: ALL}),  # class import, «Nyt skoleår»
}


# ---------------------------------------------------------------------------------------------
# The machinery.
# ---------------------------------------------------------------------------------------------
SUPERUSER = "superuser"


def role_of(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return SUPERUSER
    return user.role or None


def school_ids(user) -> list[int]:
    """The user's own schools (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_access_school_ids", None)
    if cached is None:
        cached = list(user.schools.values_list("id", flat=True))
        user._access_school_ids = cached
    return cached


def label_of(target) -> str:
    if isinstance(target, str):
        return target
    if isinstance(target, QuerySet):
        target = target.model
    return target._meta.label_lower


def rule_for(target) -> Rule:
    label = label_of(target)
    try:
        return TABLE[label]
    except KeyError:
        raise LookupError(f"access: no row for {label!r} in trivsel.schools.access.TABLE") from None


def _q_for(rule_: Rule, reach: Reach, user) -> Q | None:
    """The filter for one reach; None means «everything»."""
    q: Q | None
    if reach.where == "all":
        q = None
    elif reach.where == "own":
        if rule_.school is None:
            raise LookupError("access: «own» reach on a record kind without a school path")
        path = f"{rule_.school}__in" if rule_.school else "pk__in"
        q = Q(**{path: school_ids(user)})
    else:  # pragma: no cover - filtered out by Rule.reaches
        return Q(pk__in=[])
    if reach.only:
        extra = rule_.conditions[reach.only](user)
        q = extra if q is None else q & extra
    return q


def filter_q(user, target, action: str = "read") -> Q | None:
    """A Q for the rows ``user`` may ``action`` (None: all rows; ``Q(pk__in=[])``: none)."""
    role = role_of(user)
    if role is None:
        return Q(pk__in=[])
    if role == SUPERUSER:
        return None
    rule_ = rule_for(target)
    qs = [_q_for(rule_, reach, user) for reach in rule_.reaches(role, action)]
    if not qs:
        return Q(pk__in=[])
    if any(q is None for q in qs):
        return None
    combined = qs[0]
    for q in qs[1:]:
        combined |= q
    return combined


def scope(user, queryset: QuerySet, action: str = "read") -> QuerySet:
    q = filter_q(user, queryset.model, action)
    if q is None:
        return queryset
    filtered = queryset.filter(q)
    # paths through many-to-many relations can repeat rows
    return filtered.distinct() if _through_many(queryset.model) else filtered


def _through_many(model) -> bool:
    rule_ = TABLE.get(model._meta.label_lower)
    if not rule_ or not rule_.school:
        return False
    field_ = model._meta.get_field(rule_.school.split("__")[0])
    return field_.many_to_many or field_.one_to_many


def can(user, action: str, target) -> bool:
    """May ``user`` do ``action`` on this object, or on any record of this kind/page?"""
    role = role_of(user)
    if role is None:
        return False
    if role == SUPERUSER:
        return True
    if isinstance(target, Model):
        if target.pk is None:
            return bool(rule_for(target).reaches(role, action))
        return scope(user, type(target)._default_manager.filter(pk=target.pk), action).exists()
    return bool(rule_for(target).reaches(role, action))


def can_all(user, action: str, target) -> bool:
    """Does ``user`` reach every record of this kind for ``action`` (no school or condition)?"""
    role = role_of(user)
    if role == SUPERUSER:
        return True
    if role is None:
        return False
    return any(r.where == "all" and not r.only for r in rule_for(target).reaches(role, action))


def get_for_user(user, queryset, action: str = "read", **lookup):
    """The object, or 404 when the user may not even see it, or 403 when they may see it but not
    ``action`` it. ``queryset`` carries the ``select_related`` its caller needs."""
    if isinstance(queryset, type) and issubclass(queryset, Model):
        queryset = queryset._default_manager.all()
    read_action = "names" if action == "names" else "read"
    try:
        obj = scope(user, queryset, read_action).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None
    except (ValueError, TypeError):
        raise Http404 from None
    if (
        action not in ("read", "names")
        and not scope(user, queryset.model._default_manager.filter(pk=obj.pk), action).exists()
    ):
        raise PermissionDenied
    return obj


def annotate_can(
    queryset: QuerySet, user, action: str = "edit", name: str | None = None
) -> QuerySet:
    """Adds a boolean ``can_<action>`` per row, computed in the same query."""
    name = name or f"can_{action}"
    q = filter_q(user, queryset.model, action)
    if q is None:
        return queryset.annotate(**{name: Value(True, output_field=BooleanField())})
    if q == Q(pk__in=[]):
        return queryset.annotate(**{name: Value(False, output_field=BooleanField())})
    return queryset.annotate(
        **{name: Case(When(q, then=Value(True)), default=Value(False), output_field=BooleanField())}
    )


def require(user, action: str, target) -> None:
    """Raise 403 unless ``can``; anonymous users are sent to the login page by the view mixin."""
    if not can(user, action, target):
        raise PermissionDenied
