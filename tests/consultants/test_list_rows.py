"""The rows of the consultants' lists: the cells, links and labels each row shows, every value
escaped."""

from datetime import date

from django.urls import reverse
from pytest_django.asserts import assertInHTML

from tests.consultants.factories import (
    ActivityFactory,
    ChallengeTagFactory,
    FollowUpFactory,
    PitMeetingFactory,
    WellbeingCourseFactory,
)
from tests.factories import SchoolClassFactory, SchoolFactory


def test_an_activity_row_shows_date_kind_school_class_sorted_tags_and_the_authors_edit_link(
    client_for, consultant, school_a, school_year
):
    klass = SchoolClassFactory(school=school_a, school_year=school_year, grade=5, letter="C")
    tags = [ChallengeTagFactory(name="uro"), ChallengeTagFactory(name="bevægelse")]
    mine = ActivityFactory(
        consultant=consultant,
        school=school_a,
        school_class=klass,
        kind="sparring",
        status="planned",
        date=date(2023, 3, 14),
        tags=tags,
    )
    other = ActivityFactory(school=school_a, date=date(2023, 3, 13))
    html = client_for(consultant).get(reverse("consultants:activity_list")).content.decode()
    assertInHTML(
        f"""<tr>
          <td data-label="Dato"><a href="/konsulenter/aktiviteter/{mine.pk}/">14.03.2023</a>
            <span class="badge text-bg-warning">Planlagt</span></td>
          <td data-label="Type">Sparring</td>
          <td data-label="Skole">Valhøj Skole</td>
          <td data-label="Klasse">5.C</td>
          <td data-label="Udfordringer"><span class="badge text-bg-light border me-1">bevægelse</span><span class="badge text-bg-light border me-1">uro</span></td>
          <td class="d-none d-lg-table-cell" data-label="Konsulent">{consultant}</td>
          <td class="text-end"><a class="btn btn-sm btn-outline-primary" href="/konsulenter/aktiviteter/{mine.pk}/rediger/">Redigér<span class="visually-hidden"> Sparring · Valhøj Skole · 14.03.2023</span></a></td>
        </tr>""",  # noqa: E501
        html,
    )
    assertInHTML(
        f"""<tr>
          <td data-label="Dato"><a href="/konsulenter/aktiviteter/{other.pk}/">13.03.2023</a></td>
          <td data-label="Type">Observation</td>
          <td data-label="Skole">Valhøj Skole</td>
          <td data-label="Klasse">—</td>
          <td data-label="Udfordringer"></td>
          <td class="d-none d-lg-table-cell" data-label="Konsulent">{other.consultant}</td>
          <td class="text-end"></td>
        </tr>""",
        html,
    )


def test_names_in_the_rows_and_the_filter_are_escaped(client_for, coordinator):
    school = SchoolFactory(name='Skole <b>"&')
    ActivityFactory(school=school, tags=[ChallengeTagFactory(name="<script>x</script>")])
    html = client_for(coordinator).get(reverse("consultants:activity_list")).content.decode()
    assert "<script>x" not in html and "<b>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "Skole &lt;b&gt;&quot;&amp;" in html


def test_the_search_form_keeps_the_chosen_options_selected(
    client_for, coordinator, school_a, school_b
):
    tag = ChallengeTagFactory(name="uro")
    response = client_for(coordinator).get(
        reverse("consultants:activity_list"), {"school": school_b.pk, "tag": tag.pk, "band": ""}
    )
    html = response.content.decode()
    assertInHTML(f'<option value="{school_b.pk}" selected>Nyager Skole</option>', html)
    assertInHTML(f'<option value="{school_a.pk}">Valhøj Skole</option>', html)
    assertInHTML(f'<option value="{tag.pk}" selected>uro</option>', html)
    assertInHTML('<option value="" selected>Alle trin</option>', html)


def test_a_course_row_links_the_course_and_counts_held_sessions(client_for, coordinator, school_a):
    course = WellbeingCourseFactory(school=school_a, topic="Fællesskab & ro", planned_sessions=4)
    ActivityFactory(school=school_a, course=course, kind="trivselsforloeb")
    html = client_for(coordinator).get(reverse("consultants:course_list")).content.decode()
    assertInHTML(
        f"""<tr><td><a href="/konsulenter/trivselsforloeb/{course.pk}/">Fællesskab &amp; ro</a></td>
        <td>Valhøj Skole</td><td>—</td><td>{course.start_date:%d.%m.%Y}</td>
        <td class="text-end">1 / 4</td><td>{course.consultant}</td></tr>""",
        html,
    )


def test_a_pit_row_shows_the_localised_date_and_only_the_author_may_edit(
    client_for, consultant, school_a
):
    mine = PitMeetingFactory(
        consultant=consultant, school=school_a, date=date(2023, 2, 14), themes="Fravær"
    )
    other = PitMeetingFactory(school=school_a, date=date(2023, 2, 13))
    html = client_for(consultant).get(reverse("consultants:pit_list")).content.decode()
    assertInHTML(
        f"""<tr>
          <td data-label="Dato">14. februar 2023</td>
          <td data-label="Skole">Valhøj Skole</td>
          <td data-label="Konsulent">{consultant}</td>
          <td data-label="Drøftede sager">{mine.cases_discussed}</td>
          <td data-label="Temaer">Fravær</td>
          <td class="text-end"><a class="btn btn-sm btn-outline-primary" href="/konsulenter/pit/{mine.pk}/rediger/">Redigér<span class="visually-hidden"> PIT · Valhøj Skole · 14.02.2023</span></a></td>
        </tr>""",  # noqa: E501
        html,
    )
    assert f"/konsulenter/pit/{other.pk}/rediger/" not in html


def test_an_overdue_follow_up_row_links_its_activity_and_its_author_may_mark_it_done(
    client_for, consultant, school_a, pinned
):
    mine = FollowUpFactory(
        activity=ActivityFactory(consultant=consultant, school=school_a),
        what="Plan <b>",
        who="",
        due=date(2023, 5, 1),
    )
    html = client_for(consultant).get(reverse("consultants:followup_overdue")).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert html.count(f'name="csrfmiddlewaretoken" value="{token}"') >= 2  # one token a page
    assertInHTML(
        f"""<tr>
          <td class="text-danger fw-semibold">01.05.2023</td>
          <td><a href="/konsulenter/aktiviteter/{mine.activity_id}/">Plan &lt;b&gt;</a></td><td>—</td>
          <td>Valhøj Skole</td>
          <td>{consultant}</td>
          <td class="text-end"><form method="post" action="/konsulenter/opfoelgning/{mine.pk}/udfoert/"><input type="hidden" name="csrfmiddlewaretoken" value="{token}"><input type="hidden" name="done" value="1"><input type="hidden" name="next" value="/konsulenter/opfoelgning/"><button class="btn btn-sm btn-success" type="submit">Udført<span class="visually-hidden"> Plan &lt;b&gt;</span></button></form></td>
        </tr>""",  # noqa: E501
        html,
    )


def test_the_sub_menu_is_drawn_per_role_page_and_language(client_for, consultant, coordinator):
    """It is kept per process once drawn: a consultant's menu never reaches a coordinator."""
    url = reverse("consultants:activity_list")
    new = '<a class="nav-link" href="/konsulenter/ny/">Ny registrering</a>'
    active = '<a class="nav-link active" aria-current="page" href="/konsulenter/">Aktiviteter</a>'
    for _ in range(2):
        mine = client_for(consultant).get(url).content.decode()
        assertInHTML(new, mine)
        assertInHTML(active, mine)
        theirs = client_for(coordinator).get(url).content.decode()
        assertInHTML(active, theirs)
        assert "/konsulenter/ny/" not in theirs.split('aria-label="Konsulenternes sider"')[1]
    pit = client_for(coordinator).get(reverse("consultants:pit_list")).content.decode()
    assertInHTML('<a class="nav-link" href="/konsulenter/">Aktiviteter</a>', pit)
    english = client_for(coordinator)
    english.cookies["django_language"] = "en"
    assert 'aria-label="Consultants\' pages"' in english.get(url).content.decode()
