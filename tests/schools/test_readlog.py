"""The read log: who read which sensitive record when — never its text — and the coordinators'
page with filters, in a fixed number of queries."""

from datetime import UTC, date, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PartnerFactory, StaffFactory
from trivsel.schools import access, readlog
from trivsel.schools.models import ReadLogEntry, School, SchoolClass, Staff
from trivsel.schools.navigation import menu_for
from trivsel.schools.views.base import ScopedDetailView, ScopedUpdateView

SECRET = "Åge Ærø, sorggruppe, mor død i maj"

PAGE = reverse("schools:readlog_list")


@pytest.fixture
def sensitive(school_a):
    """A record whose text must never reach the log (a staff member stands in for one)."""
    return StaffFactory(name=SECRET, email="hemmelig@example.org", school=school_a)


def test_log_read_stores_who_when_what_and_no_text(sensitive, consultant, school_a, frozen_at):
    moment = frozen_at(datetime(2024, 1, 15, 9, 30, tzinfo=UTC))
    entry = readlog.log_read(consultant, sensitive, "view")
    entry.refresh_from_db()
    assert entry.user == consultant and entry.username == "konsulent"
    assert entry.at == moment
    assert entry.content_type == ContentType.objects.get_for_model(Staff)
    assert entry.object_id == sensitive.pk
    assert entry.object_label == f"Medarbejder #{sensitive.pk}"
    assert entry.purpose == "view" and entry.purpose_label == "Visning"
    assert entry.school == school_a
    stored = " ".join(str(v) for v in ReadLogEntry.objects.values().get().values())
    assert "Åge" not in stored and "sorggruppe" not in stored and "hemmelig" not in stored


def test_the_school_comes_from_the_access_table_s_school_path(
    school_a, class_a, staff_a, coordinator
):
    partner = PartnerFactory(description=SECRET)
    assert readlog.log_read(coordinator, school_a, "view").school_id == school_a.pk  # a school
    assert readlog.log_read(coordinator, class_a, "view").school_id == school_a.pk  # a FK
    assert readlog.log_read(coordinator, staff_a, "view").school_id == school_a.pk  # via m2m
    assert readlog.log_read(coordinator, partner, "view").school_id is None  # no school


def test_a_public_link_is_logged_without_a_user(sensitive, client):
    from django.contrib.auth.models import AnonymousUser

    entry = readlog.log_read(AnonymousUser(), sensitive, "view")
    assert entry.user is None and entry.username == ""


def test_the_username_stays_when_the_login_is_deleted(sensitive, consultant):
    readlog.log_read(consultant, sensitive, "view")
    consultant.delete()
    entry = ReadLogEntry.objects.get()
    assert entry.user is None and entry.username == "konsulent"


def test_log_reads_logs_a_list_in_one_insert(school_a, coordinator, django_assert_num_queries):
    people = [StaffFactory(school=school_a) for _ in range(5)]
    ContentType.objects.get_for_model(Staff)  # warm the content-type cache
    with django_assert_num_queries(1):
        entries = readlog.log_reads(coordinator, people, "export")
    assert {e.object_id for e in entries} == {p.pk for p in people}
    assert readlog.log_reads(coordinator, [], "export") == []


def _view(view_class, user, pk):
    view = view_class()
    view.request = RequestFactory().get("/")
    view.request.user = user
    view.args, view.kwargs = (), {"pk": pk}
    return view


def test_the_view_mixin_logs_in_get_object(school_a, coordinator):
    class Detail(readlog.ReadLoggedMixin, ScopedDetailView):
        model = School

    class Update(readlog.ReadLoggedMixin, ScopedUpdateView):
        model = School
        fields = ["name"]

    class Pdf(readlog.ReadLoggedMixin, ScopedDetailView):
        model = School
        read_purpose = "pdf"

    for view_class in (Detail, Update, Pdf):
        assert _view(view_class, coordinator, school_a.pk).get_object() == school_a
    assert list(ReadLogEntry.objects.order_by("pk").values_list("purpose", flat=True)) == [
        "view",
        "edit",
        "pdf",
    ]


def test_the_view_mixin_logs_nothing_when_the_record_is_out_of_scope(school_b, leader_a):
    class Detail(readlog.ReadLoggedMixin, ScopedDetailView):
        model = School

    with pytest.raises(Http404):
        _view(Detail, leader_a, school_b.pk).get_object()
    assert not ReadLogEntry.objects.exists()


def test_the_decorator_logs_what_a_selector_returns(class_a, class_b, leader_a):
    @readlog.read_logged("pdf")
    def get_class(user, pk):
        return access.get_for_user(user, SchoolClass, pk=pk)

    assert get_class(leader_a, class_a.pk) == class_a
    with pytest.raises(Http404):
        get_class(leader_a, class_b.pk)
    entry = ReadLogEntry.objects.get()
    assert (entry.object_id, entry.purpose, entry.username) == (class_a.pk, "pdf", "leder_a")


# --- the coordinators' page ---------------------------------------------------------------------
@pytest.fixture
def log(actors, class_a, class_b, school_a, school_b):
    """Reads by two users on two days, of classes and staff at both schools."""

    def at(entry, day):
        ReadLogEntry.objects.filter(pk=entry.pk).update(
            at=datetime.combine(day, datetime.min.time(), tzinfo=UTC).replace(hour=12)
        )

    at(readlog.log_read(actors["consultant"], class_a, "view"), date(2024, 1, 10))
    at(readlog.log_read(actors["consultant"], class_b, "view"), date(2024, 1, 20))
    at(
        readlog.log_read(actors["leader_a"], actors["staff_a"].staff_profile, "edit"),
        date(2024, 1, 20),
    )
    return actors


def rows(response):
    return {(e["user"], e["object_label"]) for e in response.context["rows"]}


def test_the_coordinator_sees_the_whole_log(log, client_for, class_a):
    response = client_for(log["coordinator"]).get(PAGE)
    assert response.status_code == 200
    assert len(rows(response)) == 3
    html = response.content.decode()
    assert f"Klasse #{class_a.pk}" in html and "Visning" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (lambda w: {"user": w["leader_a"].pk}, {"leder_a"}),
        (lambda w: {"content_type": ContentType.objects.get_for_model(Staff).pk}, {"leder_a"}),
        (lambda w: {"school": w["class_b"].school_id}, {"konsulent"}),
        (lambda w: {"start": "2024-01-15"}, {"konsulent", "leder_a"}),
        (lambda w: {"end": "2024-01-15"}, {"konsulent"}),
        (lambda w: {"start": "2024-01-21"}, set()),
    ],
)
def test_the_page_filters(log, client_for, class_b, query, expected):
    world = {**log, "class_b": class_b}
    response = client_for(log["coordinator"]).get(PAGE, query(world))
    assert {username for username, _ in rows(response)} == expected


def test_the_date_filters_count_together(log, client_for):
    response = client_for(log["coordinator"]).get(
        PAGE, {"start": "2024-01-15", "end": "2024-01-20", "user": log["consultant"].pk}
    )
    assert len(rows(response)) == 1


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("anonymous", 302),
        ("leader_a", 403),
        ("leader_b", 403),
        ("staff_a", 403),
        ("consultant", 403),
        ("conference_admin", 403),
        ("coordinator", 200),
        ("superuser", 200),
    ],
)
def test_only_coordinators_and_the_superuser_see_the_log(log, client_for, actor, status):
    assert client_for(log[actor]).get(PAGE).status_code == status


def test_the_menu_shows_the_log_to_coordinators_only(actors):
    def urls(user):
        return {item["url_name"] for item in menu_for(user)}

    assert "schools:readlog_list" in urls(actors["coordinator"])
    assert "schools:readlog_list" not in urls(actors["consultant"])
    assert "schools:readlog_list" not in urls(actors["leader_a"])


def _count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    return len(queries)


def test_the_page_runs_the_same_queries_for_1_and_30_entries(
    coordinator, class_a, client_for, django_assert_num_queries
):
    client = client_for(coordinator)
    readlog.log_read(coordinator, class_a, "view")
    client.get(PAGE)  # warm the content-type cache
    one = _count_queries(client)
    for _ in range(29):
        readlog.log_read(coordinator, class_a, "view")
    # session, user, count, the page of entries (with kind and school), and the three filter
    # lists (users, kinds in the log, schools)
    with django_assert_num_queries(7):
        response = client.get(PAGE)
    assert len(response.context["object_list"]) == 30
    assert one == 7
