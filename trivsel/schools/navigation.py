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


MENU: list[NavItem] = [
    NavItem(_("Skoler"), "schools:school_list", "schools.school"),
    NavItem(_("Medarbejdere"), "schools:staff_list", "schools.staff"),
    NavItem(_("Organisationer"), "schools:organisation_list", "schools.organisation", "edit"),
    NavItem(_("Partnere"), "schools:partner_list", "schools.partner", "edit"),
    NavItem(_("Åben Skole"), "openschool:application_list", "openschool.application"),
    NavItem(_("Headspace"), "headspace:talk_list", "headspace.talk"),
    NavItem(_("Skoleår"), "schools:schoolyear_list", "page:school_year_admin", "edit"),
    NavItem(_("Halvår"), "schools:period_list", "schools.period", "edit"),
    NavItem(_("Brugere"), "schools:user_list", "schools.user", "edit"),
    # the consultants' pages are reached from the app's own sub-menu
    NavItem(_("Konsulenter"), "consultants:activity_list", "consultants.activity"),
    NavItem(_("Læselog"), "schools:readlog_list", "schools.readlogentry"),
    NavItem(_("Ændringslog"), "security:changelog", "page:changelog"),
    NavItem(
        _("Registreredes rettigheder"), "security:subject_search", "page:data_subjects", "edit"
    ),
    NavItem(_("Sorggrupper"), "griefgroups:group_list", "griefgroups.griefgroup"),
    NavItem(_("Sorggruppekursus"), "griefgroups:course_list", "griefgroups.course"),
    NavItem(_("Konferencer"), "conference:event_list", "conference.event"),
    NavItem(_("Prøvehandlinger"), "trials:trialaction_list", "trials.trialaction"),
    NavItem(_("Dækning"), "trials:coverage", "page:trials_coverage"),
    NavItem(_("Temadage"), "trials:themeday_list", "trials.themeday"),
    NavItem(_("Temaer"), "trials:theme_list", "trials.theme", "edit"),
]


def menu_for(user) -> list[dict]:
    items = []
    for item in MENU:
        if not access.can(user, item.action, item.target):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:  # an app not yet wired
            continue
        items.append({"label": item.label, "url": url, "url_name": item.url_name})
    return items
