"""The home page per role: the schools the user may read with their classes and counts, and the
cards each app contributes."""

from django.utils.translation import gettext as _

from .. import access, homecards
from ..models import Role, School, SchoolClass, SchoolYear
from .base import SCHOOLS_A_PAGE, ScopedListView
from .records import school_table


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


class HomeView(ScopedListView):
    model = School
    access_target = "page:home"
    template_name = "schools/home.html"
    paginate_by = SCHOOLS_A_PAGE

    def get_queryset(self):
        self.year = SchoolYear.current()
        return school_table(self.request.user, self.year)

    def get_rows(self, object_list) -> list[dict]:
        return object_list

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        role = access.role_of(user)
        ctx["year"] = self.year
        ctx["role"] = role
        ctx["is_network_view"] = role in (Role.COORDINATOR, Role.CONSULTANT, access.SUPERUSER)
        if role in (Role.LEADER, Role.STAFF):
            classes = own_classes(user, self.year) if self.year else {}
            for school in ctx["rows"]:
                school["classes"] = classes.get(school["pk"], [])
        ctx["cards"] = homecards.cards_for(user, role)  # from each app
        ctx["title"] = _("Forside")
        return ctx
