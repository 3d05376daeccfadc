"""The cached trials pages (``initiatives/trials/caching.py``): what a first visit computes and a
second one reads, the data version bumped when a write commits, and entries kept apart per
reader (what access lets them see), language and database."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.trials import caching
from initiatives.trials.models import Decision, Status, TrialAction
from tests.factories import PeriodFactory, SchoolYearFactory
from tests.trials.factories import ThemeFactory, TrialActionFactory

BADGE = '<span class="badge text-bg-light border me-1">{}</span>'


def page(client, url_name, query=""):
    response = client.get(reverse(url_name) + query)
    assert response.status_code == 200
    return response.content.decode()


def queries_of(client, url_name, django_assert_num_queries, expected):
    with django_assert_num_queries(expected):
        client.get(reverse(url_name))


@pytest.mark.parametrize(
    "url_name,cold,warm",
    [
        # session, user, the user's schools; cold: the filter form's themes, half-years and
        # schools, the count, the page's rows, their themes and their classes
        ("trials:trialaction_list", 10, 3),
        # session, user, the user's schools (access); cold: school years, themes, schools,
        # counts per cell, the first actions of each cell
        ("trials:coverage", 8, 3),
    ],
)
def test_a_first_visit_computes_the_page_and_later_visits_read_it(
    client_for, leader_a, action_a, action_b, url_name, cold, warm, django_assert_num_queries
):
    client = client_for(leader_a)
    client.get(reverse("home"))  # the session's own first writes
    caching.data.forget()
    queries_of(client, url_name, django_assert_num_queries, cold)
    queries_of(client, url_name, django_assert_num_queries, warm)


def test_the_queries_of_a_first_visit_do_not_grow_with_the_data(
    client_for, coordinator, action_a, action_b, sleep, school_year
):
    from tests.trials.test_pages_and_queries import add_network

    client = client_for(coordinator)
    client.get(reverse("home"))
    counts = {}
    for size in ("small", "large"):
        if size == "large":
            add_network(8, sleep, school_year)
        for url_name in ("trials:trialaction_list", "trials:coverage"):
            caching.data.forget()
            with CaptureQueriesContext(connection) as queries:
                client.get(reverse(url_name))
            counts[(size, url_name)] = len(queries)
    for url_name in ("trials:trialaction_list", "trials:coverage"):
        assert counts[("small", url_name)] == counts[("large", url_name)], counts


# --- invalidation ---------------------------------------------------------------------------
def _new_action(f):
    TrialActionFactory(school=f["school_b"], title="Helt ny prøvehandling", themes=[f["sleep"]])


def _renamed_action(f):
    f["action_a"].title = "Omdøbt prøvehandling"
    f["action_a"].save()


def _evaluated_action(f):
    action = f["action_a"]
    action.status, action.decision, action.learned = Status.EVALUATED, Decision.CONTINUE, "Godt"
    action.effect_pupils, action.effect_class = 4, 3
    action.effect_pupils_text = action.effect_class_text = action.continuation = "Ja"
    action.save()


def _theme_added(f):
    f["action_b"].themes.add(f["movement"])


def _deleted_action(f):
    f["action_b"].delete()


def _renamed_school(f):
    f["school_a"].name = "Omdøbt Skole"
    f["school_a"].save()


def _renamed_theme(f):
    f["sleep"].name = "Søvn og skærmvaner"
    f["sleep"].save()


def _renamed_class(f):
    f["class_a"].grade, f["class_a"].letter = 8, "Z"
    f["class_a"].save()


def _new_half_year(f):
    PeriodFactory(name="Efterår 2031", start=date(2031, 7, 1), end=date(2031, 12, 31))


def _new_school_year(f):
    SchoolYearFactory(
        name="2031/32", start=date(2031, 8, 1), end=date(2032, 7, 31), is_current=False
    )


NYAGER = "Mobilfri skoledag på Nyager"
WRITES = {
    # write: (function, [(page, text it shows after the commit)], [(page, text gone after it)])
    "new trial action": (
        _new_action,
        [("list", "Helt ny prøvehandling"), ("coverage", "Helt ny prøvehandling")],
        [],
    ),
    "renamed trial action": (
        _renamed_action,
        [("list", "Omdøbt prøvehandling"), ("coverage", "Omdøbt prøvehandling")],
        [("list", "Søvnuge på Valhøj"), ("coverage", "Søvnuge på Valhøj")],
    ),
    "evaluated trial action": (
        _evaluated_action,
        [("list", "<td>Videreføres</td>"), ("coverage", "<strong>Videreføres</strong>")],
        [],
    ),
    "theme added to an action": (
        _theme_added,
        [("list", BADGE.format("Bevægelse")), ("coverage", "1 af 2 skoler har afprøvet")],
        [("coverage", "0 af 2 skoler har afprøvet")],
    ),
    "deleted trial action": (_deleted_action, [], [("list", NYAGER), ("coverage", NYAGER)]),
    "renamed school": (
        _renamed_school,
        [
            ("list", "<td>Omdøbt Skole</td>"),
            ("list", ">Omdøbt Skole</option>"),
            ("coverage", '<th scope="row">Omdøbt Skole</th>'),
        ],
        [("list", "Valhøj Skole"), ("coverage", "Valhøj Skole")],
    ),
    "renamed theme": (
        _renamed_theme,
        [
            ("list", BADGE.format("Søvn og skærmvaner")),
            ("list", ">Søvn og skærmvaner</option>"),
            ("coverage", '<th scope="col">Søvn og skærmvaner</th>'),
        ],
        [("list", "Søvn og digital adfærd"), ("coverage", "Søvn og digital adfærd")],
    ),
    "renamed class": (
        _renamed_class,
        [("list", "Udskoling (7.–9.); 8.Z")],
        [("list", "Udskoling (7.–9.); 7.A")],
    ),
    "new half-year": (_new_half_year, [("list", ">Efterår 2031</option>")], []),
    "new school year": (_new_school_year, [("coverage", ">2031/32</option>")], []),
}
PAGES = {"list": "trials:trialaction_list", "coverage": "trials:coverage"}


@pytest.mark.parametrize("write", WRITES)
def test_a_write_shows_on_the_pages_once_it_has_committed(
    write,
    client_for,
    coordinator,
    school_a,
    school_b,
    class_a,
    sleep,
    action_a,
    action_b,
    django_capture_on_commit_callbacks,
):
    change, shown, gone = WRITES[write]
    fixtures = {
        "school_a": school_a,
        "school_b": school_b,
        "class_a": class_a,
        "sleep": sleep,
        "action_a": action_a,
        "action_b": action_b,
        "movement": ThemeFactory(name="Bevægelse", grade_bands=["indskoling"]),
    }
    client = client_for(coordinator)
    for url_name in PAGES.values():
        page(client, url_name)  # computed and cached
    with django_capture_on_commit_callbacks() as on_commit:
        change(fixtures)
    # before the commit every reader gets the cached pages (nobody else could see the write yet)
    for name, text in shown:
        assert text not in page(client, PAGES[name]), (write, name, text)
    for name, text in gone:
        assert text in page(client, PAGES[name]), (write, name, text)
    assert on_commit, "the write bumps nothing when it commits"
    for callback in on_commit:  # the commit
        callback()
    for name, text in shown:
        assert text in page(client, PAGES[name]), (write, name, text)
    for name, text in gone:
        assert text not in page(client, PAGES[name]), (write, name, text)


@pytest.mark.django_db(transaction=True)
def test_the_version_changes_when_the_transaction_commits_not_before_and_not_on_rollback():
    before = caching.data.version()
    with transaction.atomic():
        ThemeFactory(name="Fællesskaber")
        assert caching.data.version() == before  # nobody else sees the theme yet
    after = caching.data.version()
    assert after != before
    with pytest.raises(RuntimeError), transaction.atomic():
        ThemeFactory(name="Bevægelse")
        raise RuntimeError
    assert caching.data.version() == after


def test_the_demo_seed_bulk_inserts_bump_the_version(db, django_capture_on_commit_callbacks):
    before = caching.data.version()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--quiet")
    assert caching.data.version() != before


# --- scoping ----------------------------------------------------------------------------------
def test_a_staff_member_never_gets_the_networks_coverage_cached_for_a_coordinator(
    client_for, coordinator, staff_a, leader_b, action_a, action_b
):
    assert "Nyager Skole" in page(client_for(coordinator), "trials:coverage")
    own = page(client_for(staff_a), "trials:coverage")
    assert "Valhøj Skole" in own and "Nyager Skole" not in own
    assert "Mobilfri skoledag på Nyager" not in own
    assert "Nyager Skole" in page(client_for(leader_b), "trials:coverage")


def test_each_leader_gets_their_own_school_first_and_edit_buttons_only_there(
    client_for, leader_a, leader_b, consultant, staff_a, action_a, action_b
):
    edit_a = reverse("trials:trialaction_update", args=[action_a.pk])
    edit_b = reverse("trials:trialaction_update", args=[action_b.pk])
    for leader, own, other, mine, theirs in (
        (leader_a, "Søvnuge på Valhøj", "Mobilfri skoledag på Nyager", edit_a, edit_b),
        (leader_b, "Mobilfri skoledag på Nyager", "Søvnuge på Valhøj", edit_b, edit_a),
    ):
        content = page(client_for(leader), "trials:trialaction_list")
        assert content.index("Egen skole") < content.index(own) < content.index(other)
        assert mine in content and theirs not in content
    network = page(client_for(consultant), "trials:trialaction_list")
    assert "Egen skole" not in network and "Redigér" not in network
    assert "Søvnuge på Valhøj" in network and "Mobilfri skoledag på Nyager" in network
    own_only = page(client_for(staff_a), "trials:trialaction_list")
    assert "Søvnuge på Valhøj" in own_only and "Mobilfri skoledag på Nyager" not in own_only
    assert ">Nyager Skole</option>" not in own_only  # the school filter: own school only


def test_a_leader_moved_to_another_school_gets_that_school_first(
    client_for, leader_a, school_b, action_a, action_b
):
    client = client_for(leader_a)
    content = page(client, "trials:trialaction_list")
    assert content.index("Søvnuge på Valhøj") < content.index("Mobilfri skoledag på Nyager")
    leader_a.schools.set([school_b])  # no data changed, the reader did
    content = page(client, "trials:trialaction_list")
    assert content.index("Mobilfri skoledag på Nyager") < content.index("Søvnuge på Valhøj")
    assert reverse("trials:trialaction_update", args=[action_b.pk]) in content
    assert reverse("trials:trialaction_update", args=[action_a.pk]) not in content


def test_danish_and_english_pages_are_cached_apart(client_for, leader_a, action_a, sleep):
    from django.conf import settings

    ThemeFactory(name="Fællesskaber", grade_bands=["mellemtrin"])
    client = client_for(leader_a)
    assert "Ikke afprøvet" in page(client, "trials:coverage")
    assert "Egen skole" in page(client, "trials:trialaction_list")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Not tried" in page(client, "trials:coverage")
    assert "Own school" in page(client, "trials:trialaction_list")


def test_filters_keep_their_choices_and_messages(client_for, staff_a, coordinator, school_b):
    from django import forms
    from django.utils.translation import gettext

    message = gettext(forms.ModelChoiceField.default_error_messages["invalid_choice"])
    content = page(client_for(staff_a), "trials:trialaction_list", f"?school={school_b.pk}")
    assert message in content  # another school's id is no choice for staff
    assert "Ingen prøvehandlinger matcher filtrene." in content
    content = page(client_for(coordinator), "trials:trialaction_list", "?period=999999")
    assert message in content


def test_a_search_and_an_odd_page_number_are_computed_not_cached(
    client_for, coordinator, action_a, action_b
):
    client = client_for(coordinator)
    for query in ("?q=nyager", "?page=01"):
        client.get(reverse("trials:trialaction_list") + query)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("trials:trialaction_list") + query)
        assert response.status_code == 200
        assert len(queries) > 3  # the count and the rows again


def test_keys_name_the_database_and_the_reader_scope(coordinator, leader_a, staff_a, monkeypatch):
    from trivsel.schools.models import School

    targets = ((School, "names"), (TrialAction, "read"))
    assert caching.reader_scope(coordinator, *targets) == caching.reader_scope(leader_a, *targets)
    assert caching.reader_scope(staff_a, *targets) != caching.reader_scope(leader_a, *targets)
    key = caching.data.key("coverage", "x")
    monkeypatch.setitem(connection.settings_dict, "NAME", "another_database")
    assert caching.data.key("coverage", "x") != key
