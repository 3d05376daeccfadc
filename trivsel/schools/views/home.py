"""The home page per role: the schools the user may read with their classes and counts, and the
cards each app contributes."""

from django.utils.translation import gettext as _

from .. import access, homecards
from ..models import Role, SchoolClass
from .records import SchoolTableView


def own_classes(user, year) -> dict[int, list[dict]]:
    """The year's classes the user may read, per school: ``{"label": "8.A", "pupils": 22}`` in
    grade order."""
    classes: dict[int, list[dict]] = {}
    for school_id, grade, letter, pupils in (
        access.scope(user, SchoolClass.objects.filter(school_year=year), "read")
        .order_by("school__name", "grade", "letter")
        .values_list("school_id", "grade", "letter", "pupil_count")
    ):
        classes.setdefault(school_id, []).append({"label": f"{grade}.{letter}", "pupils": pupils})
    return classes


class HomeView(SchoolTableView):
    access_target = "page:home"
    template_name = "schools/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        role = access.role_of(user)
        ctx["role"] = role
        ctx["is_network_view"] = role in (Role.COORDINATOR, Role.CONSULTANT, access.SUPERUSER)
        if role in (Role.LEADER, Role.STAFF):
            classes = own_classes(user, self.year) if self.year else {}
            for school in ctx["rows"]:
                school["classes"] = classes.get(school["pk"], [])
        ctx["cards"] = homecards.cards_for(user, role)  # from each app
        ctx["title"] = _("Forside")
        return ctx
