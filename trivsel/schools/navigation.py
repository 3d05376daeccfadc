"""The main menu: each entry is shown to whoever ``access.can`` lets through. Apps add entries here
(URL names are strings, so this module imports no app)."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from . import access


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    target: str  # an access TABLE label
    action: str = "read"
    group: str = ""  # the drop-down it sits in; a group with one visible entry is a plain link


# Groups in menu order. Entries of a group appear in the order of MENU.
GROUPS = [
    ("trials", _("Prøvehandlinger")),
    ("consultants", _("Konsulenter")),
    ("openschool", _("Åben Skole")),
    ("griefgroups", _("Sorggrupper")),
    ("conference", _("Konference")),
    ("statusnote", _("Statusnotat")),
    ("admin", _("Administration")),
]

MENU: list[NavItem] = [
    NavItem(_("Prøvehandlinger"), "trials:trialaction_list", "trials.trialaction", group="trials"),
    NavItem(_("Dækning"), "trials:coverage", "page:trials_coverage", group="trials"),
    NavItem(_("Temadage"), "trials:themeday_list", "trials.themeday", group="trials"),
    NavItem(_("Temaer"), "trials:theme_list", "trials.theme", "edit", group="trials"),
    # the consultants' pages are reached from the app's own sub-menu
    NavItem(
        _("Konsulenter"), "consultants:activity_list", "consultants.activity", group="consultants"
    ),
    NavItem(
        _("Åben Skole"), "openschool:application_list", "openschool.application", group="openschool"
    ),
    NavItem(_("Headspace"), "headspace:talk_list", "headspace.talk", group="openschool"),
    NavItem(
        _("Sorggrupper"), "griefgroups:group_list", "griefgroups.griefgroup", group="griefgroups"
    ),
    NavItem(
        _("Sorggruppekursus"), "griefgroups:course_list", "griefgroups.course", group="griefgroups"
    ),
    NavItem(_("Konferencer"), "conference:event_list", "conference.event", group="conference"),
    # staff logins sign pupils up for a conference; leaders nominate staff for a course
    NavItem(
        _("Tilmeldinger fra skolen"),
        "conference:pupil_events",
        "conference.event",
        "pupils",
        group="conference",
    ),
    NavItem(
        _("Nominér til kurser"),
        "conference:course_list",
        "conference.event",
        "nominate",
        group="conference",
    ),
    NavItem(
        _("Statusnotater"), "statusnote:note_list", "statusnote.statusnote", group="statusnote"
    ),
    NavItem(_("Skoler"), "schools:school_list", "schools.school", group="admin"),
    NavItem(_("Medarbejdere"), "schools:staff_list", "schools.staff", group="admin"),
    NavItem(_("Brugere"), "schools:user_list", "schools.user", "edit", group="admin"),
    NavItem(
        _("Organisationer"),
        "schools:organisation_list",
        "schools.organisation",
        "edit",
        group="admin",
    ),
    NavItem(_("Partnere"), "schools:partner_list", "schools.partner", "edit", group="admin"),
    NavItem(
        _("Skoleår"), "schools:schoolyear_list", "page:school_year_admin", "edit", group="admin"
    ),
    NavItem(_("Halvår"), "schools:period_list", "schools.period", "edit", group="admin"),
    NavItem(_("Læselog"), "schools:readlog_list", "schools.readlogentry", group="admin"),
    NavItem(_("Ændringslog"), "security:changelog", "page:changelog", group="admin"),
    NavItem(
        _("Registreredes rettigheder"),
        "security:subject_search",
        "page:data_subjects",
        "edit",
        group="admin",
    ),
]


def menu_for(user) -> list[dict]:
    """The entries ``user`` may open, in menu order."""
    items = []
    for item in MENU:
        if not access.can(user, item.action, item.target):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:  # an app not yet wired
            continue
        items.append(
            {"label": item.label, "url": url, "url_name": item.url_name, "group": item.group}
        )
    return items


def menu_groups_for(user, current_view: str = "") -> list[dict]:
    """The menu as groups: ``{"key", "label", "items", "active"}``, empty groups left out."""
    items = menu_for(user)
    groups = []
    for key, label in [*GROUPS, ("", "")]:
        members = [
            dict(item, active=item["url_name"] == current_view)
            for item in items
            if item["group"] == key
        ]
        if members:
            groups.append(
                {
                    "key": key or "other",
                    "label": label,
                    "items": members,
                    "active": any(m["active"] for m in members),
                }
            )
    return groups
