"""The access table as the tests expect it: every URL of the portal, every actor, the HTTP status.

Derived from ARCHITECTURE.md's «who sees what», independently of trivsel/schools/access.py (which
is what is being tested). ``tests/test_access_matrix.py`` walks the URL resolver: a URL that is not
declared here fails the test, so a new view cannot ship without its row.

A row: the URL name, how to build its arguments for an object of school A and of school B (``args``;
None for URLs without objects), and the expected status per actor for A (and B) — eight codes in the
order of ``ACTORS``. 302 for the anonymous means «sent to the login page»; 405 a POST-only URL asked
with GET. A role that may not do a page's action on any record gets 403 before any lookup; a role
that may, asking for a record outside its reach, gets 404 (cannot even read it) or 403 (may read it,
not act on it). A new record kind only adds rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.griefgroups.matrix import grief_evaluation, grief_pk
from tests.statusnote.matrix import note_part, note_pk

ACTORS = (
    "anonymous",
    "leader_a",
    "leader_b",
    "staff_a",
    "consultant",
    "coordinator",
    "conference_admin",
    "superuser",
)


@dataclass(frozen=True)
class Row:
    expect_a: str
    expect_b: str | None = None  # for object URLs: the same actors asking for school B's object
    args: Callable | None = None  # (world, side "a"|"b") -> kwargs for reverse()
    public_redirect: bool = (
        False  # anonymous 302 is not to the login page (e.g. the login page itself)
    )

    def codes(self, side: str) -> dict[str, int]:
        text = self.expect_a if side == "a" else (self.expect_b or self.expect_a)
        codes = [int(c) for c in text.split()]
        assert len(codes) == len(ACTORS), f"{text!r} needs {len(ACTORS)} codes"
        return dict(zip(ACTORS, codes, strict=True))


def pk_of(attr: str):
    return lambda world, side: {"pk": getattr(world, f"{attr}_{side}").pk}


def school_pk(world, side):
    return {"school_pk": getattr(world, f"school_{side}").pk}


def _openschool(world):
    """Åben Skole objects for both schools, made once per world."""
    if not hasattr(world, "openschool"):
        from tests.openschool.factories import ApplicationFactory, OfferFactory, ProgrammeFactory

        programme = ProgrammeFactory(school_year=world.school_year)
        world.openschool = type("OpenSchool", (), {})()
        world.openschool.programme = programme
        world.openschool.offer = OfferFactory(programme=programme)
        for side in ("a", "b"):
            app = ApplicationFactory(programme=programme, school=getattr(world, f"school_{side}"))
            setattr(world.openschool, f"application_{side}", app)
    return world.openschool


def _application(world, side):
    return {"pk": getattr(_openschool(world), f"application_{side}").pk}


def _headspace(world):
    if not hasattr(world, "headspace"):
        from initiatives.headspace.services import feed_for
        from tests.headspace.factories import TalkFactory, TargetGradeFactory

        world.headspace = type("Headspace", (), {})()
        world.headspace.target = TargetGradeFactory(school_year=world.school_year, grade=7)
        world.headspace.feed = feed_for(school=None)
        for side in ("a", "b"):
            talk = TalkFactory(school_class=getattr(world, f"class_{side}"))
            setattr(world.headspace, f"talk_{side}", talk)
    return world.headspace


def _talk(world, side):
    return {"pk": getattr(_headspace(world), f"talk_{side}").pk}


# --- trials: objects made on first use, one per school side -------------------------------------
def _trials_obj(world, side: str, kind: str):
    from tests.trials import factories as f

    key = f"_trials_{kind}_{side}"
    if not hasattr(world, key):
        school = getattr(world, f"school_{side}")
        day = getattr(world, "_trials_day", None) or f.ThemeDayFactory()
        world._trials_day = day
        made = {
            "trialaction": lambda: f.TrialActionFactory(school=school),
            "attachment": lambda: f.AttachmentFactory(
                trial_action=_trials_obj(world, side, "trialaction")
            ),
            "rolloutplan": lambda: f.RolloutPlanFactory(theme_day=day, school=school),
            "theme": lambda: f.ThemeFactory(),
            "themeday": lambda: day,
            "programmeitem": lambda: f.ProgrammeItemFactory(theme_day=day),
        }[kind]()
        setattr(world, key, made)
    return getattr(world, key)


def trials_pk(kind: str, one_object: bool = False):
    return lambda world, side: {"pk": _trials_obj(world, "a" if one_object else side, kind).pk}


#                    anon lead_a lead_b staff_a cons coord conf super
EVERYONE = "302 200 200 200 200 200 200 200"
COORDINATOR_ONLY = "302 403 403 403 403 200 403 200"
NETWORK_READERS = "302 200 200 200 200 200 403 200"
TRIAL_EDITORS = "302 200 200 403 403 200 403 200"  # leaders (own school) and coordinators
TRIAL_EDIT_A = "302 200 403 403 403 200 403 200"  # school A's record: leader B reads, cannot edit
TRIAL_EDIT_B = "302 403 200 403 403 200 403 200"

CONSULTANT_READERS = "302 200 200 403 200 200 403 200"
CONSULTANT_ONLY = "302 403 403 403 200 403 403 200"
OWN_CONSULTANT_ONLY = "302 403 403 403 403 403 403 200"  # another consultant's record
LEARNING = "302 403 403 403 200 200 403 200"  # consultants and coordinators


def consultants_pk(kind: str):
    return lambda world, side: {"pk": world.consultants[f"{kind}_{side}"].pk}


MATRIX: dict[str, Row] = {
    # --- the portal's frame ------------------------------------------------------------------
    "home": Row(EVERYONE),
    "login": Row("200 302 302 302 302 302 302 302", public_redirect=True),
    "logout": Row("405 405 405 405 405 405 405 405"),
    "password_change": Row(EVERYONE),
    "password_change_done": Row(EVERYONE),
    "password_reset": Row("200 200 200 200 200 200 200 200"),
    "password_reset_done": Row("200 200 200 200 200 200 200 200"),
    "password_reset_confirm": Row(
        "200 200 200 200 200 200 200 200",
        args=lambda world, side: {"uidb64": "MQ", "token": "ugyldig-token"},
    ),
    "password_reset_complete": Row("200 200 200 200 200 200 200 200"),
    "set_language": Row("302 302 302 302 302 302 302 302", public_redirect=True),
    "javascript-catalog": Row("200 200 200 200 200 200 200 200"),
    "csp_report": Row("405 405 405 405 405 405 405 405"),
    # --- schools, classes, staff: leader reads own, names of others; coordinator edits -------------
    "schools:school_list": Row(NETWORK_READERS),
    "schools:school_create": Row(COORDINATOR_ONLY),
    "schools:school_detail": Row(
        "302 200 404 200 200 200 403 200", "302 404 200 404 200 200 403 200", args=pk_of("school")
    ),
    # roles that may edit no school or class at all get 403 before any lookup
    "schools:school_update": Row(COORDINATOR_ONLY, COORDINATOR_ONLY, args=pk_of("school")),
    "schools:class_create": Row(COORDINATOR_ONLY, COORDINATOR_ONLY, args=school_pk),
    "schools:class_update": Row(COORDINATOR_ONLY, COORDINATOR_ONLY, args=pk_of("class")),
    "schools:class_delete": Row(COORDINATOR_ONLY, COORDINATOR_ONLY, args=pk_of("class")),
    "schools:staff_list": Row(NETWORK_READERS),
    "schools:staff_create": Row("302 200 200 403 403 200 403 200"),
    "schools:staff_update": Row(
        "302 200 404 403 403 200 403 200", "302 404 200 403 403 200 403 200", args=pk_of("staff")
    ),
    # --- logins: coordinators manage all; a leader the staff members of own school ------------------
    "schools:user_list": Row("302 200 200 403 403 200 403 200"),
    "schools:user_invite": Row("302 200 200 403 403 200 403 200"),
    "schools:user_update": Row(
        "302 200 404 403 403 200 403 200", "302 404 200 403 403 200 403 200", args=pk_of("user")
    ),
    "schools:user_deactivate": Row(
        "302 200 404 403 403 200 403 200", "302 404 200 403 403 200 403 200", args=pk_of("user")
    ),
    # POST only: asked with GET, whoever may manage any login gets 405 before any lookup
    "schools:user_reinvite": Row("302 405 405 403 403 405 403 405", args=pk_of("user")),
    "schools:user_activate": Row("302 405 405 403 403 405 403 405", args=pk_of("user")),
    # --- reference data: coordinators manage ---------------------------------------------------
    "schools:organisation_list": Row(COORDINATOR_ONLY),
    "schools:organisation_create": Row(COORDINATOR_ONLY),
    "schools:organisation_update": Row(
        COORDINATOR_ONLY, args=lambda world, side: {"pk": world.organisation.pk}
    ),
    "schools:partner_list": Row(COORDINATOR_ONLY),
    "schools:partner_create": Row(COORDINATOR_ONLY),
    "schools:partner_update": Row(
        COORDINATOR_ONLY, args=lambda world, side: {"pk": world.partner.pk}
    ),
    "schools:schoolyear_list": Row(COORDINATOR_ONLY),
    "schools:schoolyear_create": Row(COORDINATOR_ONLY),
    "schools:schoolyear_update": Row(
        COORDINATOR_ONLY, args=lambda world, side: {"pk": world.school_year.pk}
    ),
    "schools:class_import": Row(COORDINATOR_ONLY),
    "schools:class_import_example": Row(COORDINATOR_ONLY),
    "schools:new_school_year": Row(COORDINATOR_ONLY),
    "schools:schoolyear_make_current": Row(
        "302 403 403 403 403 405 403 405", args=lambda world, side: {"pk": world.school_year.pk}
    ),
    "schools:period_list": Row(COORDINATOR_ONLY),
    "schools:period_create": Row(COORDINATOR_ONLY),
    "schools:period_update": Row(
        COORDINATOR_ONLY, args=lambda world, side: {"pk": world.period.pk}
    ),
    # --- consultants: activities (leader: own school's shared; consultant edits own) ----------
    "consultants:activity_list": Row(CONSULTANT_READERS),
    "consultants:activity_create": Row(CONSULTANT_ONLY),
    "consultants:sync": Row("405 405 405 405 405 405 405 405"),
    "consultants:activity_detail": Row(
        "302 200 404 403 200 200 403 200",
        "302 404 200 403 200 200 403 200",
        args=consultants_pk("activity"),
    ),
    "consultants:activity_update": Row(
        CONSULTANT_ONLY, OWN_CONSULTANT_ONLY, args=consultants_pk("activity")
    ),
    "consultants:activity_delete": Row(
        CONSULTANT_ONLY, OWN_CONSULTANT_ONLY, args=consultants_pk("activity")
    ),
    "consultants:followup_create": Row(
        CONSULTANT_ONLY, OWN_CONSULTANT_ONLY, args=consultants_pk("activity")
    ),
    "consultants:followup_done": Row(
        "302 403 403 403 405 403 403 405", args=consultants_pk("followup")
    ),
    "consultants:followup_overdue": Row(LEARNING),
    "consultants:week": Row(LEARNING),
    "consultants:school_kind": Row(LEARNING),
    "consultants:tag_list": Row(COORDINATOR_ONLY),
    "consultants:tag_create": Row(COORDINATOR_ONLY),
    "consultants:tag_update": Row(
        COORDINATOR_ONLY, args=lambda world, side: {"pk": world.consultants["tag"].pk}
    ),
    # wellbeing courses and PIT meetings: the school's leader reads them
    "consultants:course_list": Row(CONSULTANT_READERS),
    "consultants:course_create": Row(CONSULTANT_ONLY),
    "consultants:course_detail": Row(
        "302 200 404 403 200 200 403 200",
        "302 404 200 403 200 200 403 200",
        args=consultants_pk("course"),
    ),
    "consultants:course_update": Row(
        CONSULTANT_ONLY, OWN_CONSULTANT_ONLY, args=consultants_pk("course")
    ),
    "consultants:pit_list": Row(CONSULTANT_READERS),
    "consultants:pit_create": Row(CONSULTANT_ONLY),
    "consultants:pit_update": Row(CONSULTANT_ONLY, OWN_CONSULTANT_ONLY, args=consultants_pk("pit")),
    # example cases: consultants write their own drafts, coordinators edit and approve
    "consultants:case_list": Row(LEARNING),
    "consultants:case_create": Row(LEARNING),
    "consultants:case_detail": Row(LEARNING, LEARNING, args=consultants_pk("case")),
    "consultants:case_update": Row(
        LEARNING, "302 403 403 403 403 200 403 200", args=consultants_pk("case")
    ),
    "consultants:case_approve": Row("302 403 403 403 403 405 403 405", args=consultants_pk("case")),
    # the service worker script: public, like any static file
    "service_worker": Row("200 200 200 200 200 200 200 200"),
    # --- Åben Skole: leader edits own school's applications, staff/consultant read, coordinator
    # approves; programmes and offers are read by the schools, managed by the coordinator -----------
    "openschool:application_list": Row(NETWORK_READERS),
    "openschool:application_create": Row(
        "302 200 200 403 403 200 403 200", args=lambda world, side: _openschool(world) and {}
    ),
    "openschool:application_detail": Row(
        "302 200 404 200 200 200 403 200", "302 404 200 404 200 200 403 200", args=_application
    ),
    "openschool:application_update": Row(
        "302 200 404 403 403 200 403 200", "302 404 200 403 403 200 403 200", args=_application
    ),
    "openschool:application_decide": Row("302 403 403 403 403 405 403 405", args=_application),
    "openschool:report_create": Row(
        "302 200 404 403 403 200 403 200", "302 404 200 403 403 200 403 200", args=_application
    ),
    "openschool:overview": Row("302 403 403 403 200 200 403 200"),
    "openschool:programme_list": Row(NETWORK_READERS),
    "openschool:programme_create": Row(COORDINATOR_ONLY),
    "openschool:programme_update": Row(
        COORDINATOR_ONLY, args=lambda world, side: {"pk": _openschool(world).programme.pk}
    ),
    "openschool:offer_list": Row(NETWORK_READERS),
    "openschool:offer_create": Row(COORDINATOR_ONLY),
    "openschool:offer_update": Row(
        COORDINATOR_ONLY, args=lambda world, side: {"pk": _openschool(world).offer.pk}
    ),
    # --- Headspace: leader books own school's talks, staff give feedback, coordinator plans ---------
    "headspace:talk_list": Row(NETWORK_READERS),
    "headspace:talk_create": Row("302 200 200 403 403 200 403 200"),
    "headspace:talk_detail": Row(
        "302 200 404 200 200 200 403 200", "302 404 200 404 200 200 403 200", args=_talk
    ),
    "headspace:talk_status": Row("302 405 405 403 403 405 403 405", args=_talk),
    "headspace:talk_feedback": Row("302 403 403 405 403 403 403 405", args=_talk),
    "headspace:coverage": Row(NETWORK_READERS),
    "headspace:target_list": Row(NETWORK_READERS),
    "headspace:target_create": Row(COORDINATOR_ONLY),
    "headspace:target_update": Row(
        COORDINATOR_ONLY, args=lambda world, side: {"pk": _headspace(world).target.pk}
    ),
    "headspace:calendar": Row("302 200 200 403 403 200 403 200"),
    # public by its secret token (calendar apps cannot log in)
    "headspace:feed": Row(
        "200 200 200 200 200 200 200 200",
        args=lambda world, side: {"token": _headspace(world).feed.token},
    ),
    # --- the read log: who read which sensitive record; coordinators only ----------------------
    "schools:readlog_list": Row(COORDINATOR_ONLY),
    # --- grief groups: the course is the coordinator's; groups are their school's and leaders' --
    "griefgroups:group_list": Row("302 200 200 200 403 200 403 200"),
    "griefgroups:group_create": Row("302 200 200 403 403 403 403 200"),
    # school A's group has a co-leader from school B: leader B reads the GROUP (who leads it),
    # may not act on it, and never reads its meetings (404) or evaluations
    "griefgroups:group_detail": Row(
        "302 200 200 200 403 200 403 200",
        "302 404 200 404 403 200 403 200",
        args=grief_pk("group"),
    ),
    "griefgroups:group_update": Row(
        "302 200 403 403 403 403 403 200",
        "302 404 200 403 403 403 403 200",
        args=grief_pk("group"),
    ),
    "griefgroups:meeting_create": Row(
        "302 200 403 200 403 403 403 200",
        "302 404 200 404 403 403 403 200",
        args=grief_pk("group", "group_pk"),
    ),
    "griefgroups:meeting_update": Row(
        "302 200 404 200 403 403 403 200",
        "302 404 200 404 403 403 403 200",
        args=grief_pk("meeting"),
    ),
    "griefgroups:evaluation": Row(
        "302 200 403 403 403 403 403 200",
        "302 404 200 403 403 403 403 200",
        args=grief_evaluation,
    ),
    "griefgroups:course_list": Row("302 200 200 403 403 200 403 200"),
    "griefgroups:course_create": Row(COORDINATOR_ONLY),
    "griefgroups:course_detail": Row("302 200 200 403 403 200 403 200", args=grief_pk("course")),
    "griefgroups:course_update": Row(COORDINATOR_ONLY, args=grief_pk("course")),
    "griefgroups:session_create": Row(COORDINATOR_ONLY, args=grief_pk("course", "course_pk")),
    "griefgroups:session_update": Row(COORDINATOR_ONLY, args=grief_pk("session")),
    "griefgroups:session_attendance": Row(COORDINATOR_ONLY, args=grief_pk("session")),
    "griefgroups:nomination_create": Row(
        "302 200 200 403 403 200 403 200", args=grief_pk("course", "course_pk")
    ),
    "griefgroups:nomination_decide": Row(
        "302 403 403 403 403 405 403 405", args=grief_pk("nomination")
    ),
    "griefgroups:nomination_withdraw": Row(
        "302 405 405 403 403 405 403 405", args=grief_pk("nomination")
    ),
    "griefgroups:nomination_complete": Row(
        "302 403 403 403 403 405 403 405", args=grief_pk("nomination")
    ),
    "griefgroups:trained_leaders": Row("302 200 200 403 403 200 403 200"),
    "griefgroups:hourly_rate": Row("302 200 200 403 403 200 403 200"),
    "griefgroups:scaling": Row("302 200 200 403 403 200 403 200"),
    # --- status notes: the coordinator drafts, edits, generates, finalises; leaders (all schools)
    # and consultants read FINAL notes (side a) and their documents, never drafts (side b) ------
    "statusnote:note_list": Row("302 200 200 403 200 200 403 200"),
    "statusnote:note_create": Row(COORDINATOR_ONLY),
    "statusnote:note_detail": Row(
        "302 200 200 403 200 200 403 200", "302 404 404 403 404 200 403 200", args=note_pk("note")
    ),
    "statusnote:note_documents": Row(
        "302 200 200 403 200 200 403 200", "302 404 404 403 404 200 403 200", args=note_pk("note")
    ),
    "statusnote:document_download": Row(
        "302 200 200 403 200 200 403 200",
        "302 404 404 403 404 200 403 200",
        args=note_pk("document"),
    ),
    # a final note is not edited: the coordinator is sent back to it with a message
    "statusnote:note_texts": Row(
        "302 403 403 403 403 302 403 302", "302 403 403 403 403 200 403 200", args=note_pk("note")
    ),
    "statusnote:note_redraft": Row("302 403 403 403 403 405 403 405", args=note_pk("note")),
    "statusnote:note_finalise": Row("302 403 403 403 403 405 403 405", args=note_pk("note")),
    # a coordinator edits the parts' texts (POST only)
    "statusnote:note_take_proposal": Row("302 403 403 403 403 405 403 405", args=note_part),
    "statusnote:note_keep_text": Row("302 403 403 403 403 405 403 405", args=note_part),
    # a coordinator sends a draft to another coordinator, who approves or returns it (POST only;
    # a coordinator who is not the note's approver is refused by the access module on POST)
    "statusnote:note_send_for_approval": Row(
        "302 403 403 403 403 405 403 405", args=note_pk("note")
    ),
    "statusnote:note_approve": Row("302 403 403 403 403 405 403 405", args=note_pk("note")),
    "statusnote:note_return": Row("302 403 403 403 403 405 403 405", args=note_pk("note")),
    "statusnote:note_new_version": Row("302 403 403 403 403 405 403 405", args=note_pk("note")),
    "statusnote:document_create": Row("302 403 403 403 403 405 403 405", args=note_pk("note")),
    # --- conference: admins edit, coordinators read; the public signs up; a token is the key ----
    "conference:event_list": Row("302 403 403 403 403 200 200 200"),
    "conference:registration_list": Row(
        "302 403 403 403 403 200 200 200", args=lambda world, side: {"pk": world.event.pk}
    ),
    "conference:registration_cancel": Row(
        "302 403 403 403 403 403 405 405", args=lambda world, side: {"pk": world.registration.pk}
    ),
    "conference:checkin": Row(
        "302 403 403 403 403 403 200 200",
        args=lambda world, side: {"pk": world.event.pk, "day_pk": world.event_day.pk},
    ),
    "conference:checkin_booking": Row(
        "302 403 403 403 403 403 405 405", args=lambda world, side: {"pk": world.booking.pk}
    ),
    "conference:checkin_undo": Row(
        "302 403 403 403 403 403 405 405", args=lambda world, side: {"pk": world.booking.pk}
    ),
    # the QR code's check-in page and the group e-mail: conference admins; PDFs: readers too
    "conference:registration_checkin": Row(
        "302 403 403 403 403 403 200 200", args=lambda world, side: {"pk": world.registration.pk}
    ),
    "conference:group_message": Row(
        "302 403 403 403 403 403 200 200", args=lambda world, side: {"pk": world.event.pk}
    ),
    "conference:badges": Row(
        "302 403 403 403 403 200 200 200", args=lambda world, side: {"pk": world.event.pk}
    ),
    "conference:day_list_pdf": Row(
        "302 403 403 403 403 200 200 200",
        args=lambda world, side: {"pk": world.event.pk, "day_pk": world.event_day.pk},
    ),
    # event management: conference admins only
    "conference:event_create": Row("302 403 403 403 403 403 200 200"),
    "conference:event_update": Row(
        "302 403 403 403 403 403 200 200", args=lambda world, side: {"pk": world.event.pk}
    ),
    "conference:consent_texts": Row(
        "302 403 403 403 403 403 200 200", args=lambda world, side: {"pk": world.event.pk}
    ),
    # pupils: staff and leaders sign up their own school's pupils and record consent
    "conference:pupil_events": Row("302 200 200 200 403 403 403 200"),
    "conference:pupil_list": Row(
        "302 200 200 200 403 403 403 200", args=lambda world, side: {"pk": world.event.pk}
    ),
    "conference:pupil_consent": Row(
        "302 200 404 200 403 403 403 200",
        "302 404 200 404 403 403 403 200",
        args=pk_of("pupil"),
    ),
    # courses: a leader nominates own staff; conference admins see every school's nominees
    "conference:course_list": Row("302 200 200 403 403 403 200 200"),
    "conference:course_detail": Row(
        "302 200 200 403 403 403 200 200", args=lambda world, side: {"pk": world.course.pk}
    ),
    "conference:nomination_withdraw": Row("302 405 405 403 403 403 405 405", args=pk_of("nominee")),
    "conference:accessibility_statement": Row("200 200 200 200 200 200 200 200"),
    "conference:signup": Row(
        "200 200 200 200 200 200 200 200", args=lambda world, side: {"slug": world.event.slug}
    ),
    "conference:manage": Row(
        "200 200 200 200 200 200 200 200",
        args=lambda world, side: {"token": world.registration.token},
    ),
    "conference:manage_cancel": Row(
        "200 200 200 200 200 200 200 200",
        args=lambda world, side: {"token": world.registration.token},
    ),
    # --- trials: leaders edit own school's trial actions and READ all schools' --------------------
    "trials:trialaction_list": Row(NETWORK_READERS),
    "trials:trialaction_create": Row(TRIAL_EDITORS),
    "trials:trialaction_detail": Row(
        NETWORK_READERS, "302 200 200 404 200 200 403 200", args=trials_pk("trialaction")
    ),
    "trials:trialaction_update": Row(TRIAL_EDIT_A, TRIAL_EDIT_B, args=trials_pk("trialaction")),
    "trials:trialaction_evaluate": Row(TRIAL_EDIT_A, TRIAL_EDIT_B, args=trials_pk("trialaction")),
    "trials:attachment_upload": Row(TRIAL_EDIT_A, TRIAL_EDIT_B, args=trials_pk("trialaction")),
    "trials:attachment_download": Row(
        NETWORK_READERS, "302 200 200 404 200 200 403 200", args=trials_pk("attachment")
    ),
    "trials:attachment_delete": Row(TRIAL_EDIT_A, TRIAL_EDIT_B, args=trials_pk("attachment")),
    "trials:coverage": Row(NETWORK_READERS),
    "trials:theme_list": Row(NETWORK_READERS),
    "trials:theme_create": Row(COORDINATOR_ONLY),
    "trials:theme_update": Row(COORDINATOR_ONLY, args=trials_pk("theme", one_object=True)),
    "trials:themeday_list": Row(NETWORK_READERS),
    "trials:themeday_create": Row(COORDINATOR_ONLY),
    "trials:themeday_detail": Row(NETWORK_READERS, args=trials_pk("themeday", one_object=True)),
    "trials:themeday_update": Row(COORDINATOR_ONLY, args=trials_pk("themeday", one_object=True)),
    "trials:programmeitem_create": Row(
        COORDINATOR_ONLY, args=trials_pk("themeday", one_object=True)
    ),
    "trials:programmeitem_update": Row(
        COORDINATOR_ONLY, args=trials_pk("programmeitem", one_object=True)
    ),
    "trials:programmeitem_delete": Row(
        COORDINATOR_ONLY, args=trials_pk("programmeitem", one_object=True)
    ),
    "trials:rolloutplan_create": Row(TRIAL_EDITORS, args=trials_pk("themeday", one_object=True)),
    "trials:rolloutplan_update": Row(TRIAL_EDIT_A, TRIAL_EDIT_B, args=trials_pk("rolloutplan")),
    # --- security and privacy -------------------------------------------------------------------
    # the second factor: whoever has no device is sent on to enrolment (voluntary except for
    # coordinators and superusers, whom the tests' login marks verified)
    "security:otp_verify": Row("302 302 302 302 302 200 302 200"),
    "security:otp_enrol": Row(EVERYONE),
    # single sign-on answers 404 while it is not configured (OIDC_RP_CLIENT_ID unset)
    "security:sso_start": Row("404 404 404 404 404 404 404 404"),
    "security:sso_callback": Row("404 404 404 404 404 404 404 404"),
    "security:changelog": Row(COORDINATOR_ONLY),
    "security:subject_search": Row(COORDINATOR_ONLY),
    "security:subject_export": Row(COORDINATOR_ONLY, args=pk_of("user")),
    "security:subject_erase": Row(COORDINATOR_ONLY, args=pk_of("user")),
    # a person without a login, by ?email=: without one the coordinator gets a clear 400
    "security:subject_email_export": Row("302 403 403 403 403 400 403 400"),
    "security:subject_email_erase": Row("302 403 403 403 403 400 403 400"),
}

# URL names that are not the portal's own pages (Django admin has its own staff check; tested apart).
EXCLUDED_NAMESPACES = ("admin",)
