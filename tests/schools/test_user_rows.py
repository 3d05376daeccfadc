"""The user list's rows, written by the ``user_rows`` tag, are the rows its template loop wrote
(whitespace between tags aside), for every state a login can be in."""

from __future__ import annotations

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.conftest import make_actor
from trivsel.schools.models import Role, User
from trivsel.schools.user_views import _with_school_names

# the loop schools/users/user_list.html had before the tag
TEMPLATE_LOOP = (
    "{% load i18n %}"
    + """
  {% for row in object_list %}
  <tr>
    <td data-label="{% translate "Navn" %}">{{ row.get_full_name|default:row.username }}<br><span class="small text-body-secondary text-break">{{ row.email }}</span></td>
    <td data-label="{% translate "Rolle" %}">{{ row.get_role_display|default:"—" }}</td>
    <td data-label="{% translate "Skoler" %}">{% for school in row.schools.all %}{{ school.name }}{% if not forloop.last %}, {% endif %}{% empty %}—{% endfor %}</td>
    <td data-label="{% translate "Status" %}">{% if not row.is_active %}<span class="badge text-bg-secondary">{% translate "Deaktiveret" %}</span>{% elif not row.has_usable_password %}<span class="badge text-bg-warning">{% translate "Inviteret" %}</span>{% else %}<span class="badge text-bg-success">{% translate "Aktiv" %}</span>{% endif %}</td>
    <td class="d-none d-md-table-cell">{% if row.last_login %}{{ row.last_login|date:"d.m.Y H:i" }}{% else %}{% translate "Aldrig" %}{% endif %}</td>
    <td class="text-end">
      {% if row.can_edit %}
      <div class="d-flex flex-wrap justify-content-end gap-1">
        <a class="btn btn-sm btn-outline-primary" href="{% url 'schools:user_update' row.pk %}">{% translate "Redigér" %}<span class="visually-hidden"> {{ row }}</span></a>
        {% if row.is_active %}
          {% if not row.has_usable_password %}
          <form method="post" action="{% url 'schools:user_reinvite' row.pk %}">{% csrf_token %}
            <button type="submit" class="btn btn-sm btn-outline-secondary">{% translate "Send invitation igen" %}<span class="visually-hidden"> {{ row }}</span></button>
          </form>
          {% endif %}
          {% if row.pk != user.pk %}<a class="btn btn-sm btn-outline-danger" href="{% url 'schools:user_deactivate' row.pk %}">{% translate "Deaktivér" %}<span class="visually-hidden"> {{ row }}</span></a>{% endif %}
        {% else %}
          <form method="post" action="{% url 'schools:user_activate' row.pk %}">{% csrf_token %}
            <button type="submit" class="btn btn-sm btn-outline-success">{% translate "Aktivér" %}<span class="visually-hidden"> {{ row }}</span></button>
          </form>
        {% endif %}
      </div>
      {% endif %}
    </td>
  </tr>
  {% endfor %}"""  # noqa: E501
)
TAG = "{% load user_admin %}{% user_rows object_list %}"


def _same(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("csrf_token", ["abc123", "NOTPROVIDED", None])
def test_user_rows_write_what_the_template_loop_wrote(
    db, school_a, school_b, coordinator, language, csrf_token
):
    invited = make_actor("ny", role=Role.STAFF, schools=[school_a], first_name="Ny <&> Bruger")
    invited.set_unusable_password()
    invited.save()
    gone = make_actor("gammel", role=Role.LEADER, schools=[school_b, school_a], is_active=False)
    nobody = make_actor("x'y\"z", email="a&b@example.dk")
    logged_in = make_actor("logget", role=Role.CONSULTANT, first_name="Lis", last_name="Ø")
    logged_in.last_login = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    logged_in.save()
    users = list(User.objects.order_by("username").prefetch_related("schools"))
    for i, user in enumerate(users):
        user.can_edit = i % 3 != 2
    context = {"object_list": _with_school_names(users), "user": coordinator}
    if csrf_token is not None:
        context["csrf_token"] = csrf_token
    with translation.override(language):
        expected = Template(TEMPLATE_LOOP).render(Context(context))
        actual = Template(TAG).render(Context(context))
    assert _same(actual) == _same(expected)
    assert len(users) == 5 and {invited, gone, nobody, logged_in, coordinator} == set(users)


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_list_rows_from_plain_values_write_what_user_instances_wrote(
    db, school_a, school_b, coordinator, language
):
    """The user list reads plain values (``UserRow``); its rows are the rows of Users."""
    from django.db.models import Value

    from trivsel.schools.user_views import UserRow

    invited = make_actor("ny", role=Role.STAFF, schools=[school_a], first_name="Ny <&> Bruger")
    invited.set_unusable_password()
    invited.save()
    make_actor("gammel", role=Role.LEADER, schools=[school_b, school_a], is_active=False)
    make_actor("x'y\"z", email="a&b@example.dk")
    User.objects.filter(username="x'y\"z").update(role="")  # no role
    logged_in = make_actor("logget", role=Role.CONSULTANT, first_name="Lis", last_name="Ø")
    logged_in.last_login = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    logged_in.save()
    users = User.objects.annotate(can_edit=Value(True)).order_by("username")
    instances = _with_school_names(list(users))
    rows = _with_school_names([UserRow(*values) for values in users.values_list(*UserRow.FIELDS)])
    with translation.override(language):
        for context in ({"user": coordinator, "csrf_token": "abc123"}, {"user": invited}):
            expected = Template(TAG).render(Context({**context, "object_list": instances}))
            actual = Template(TAG).render(Context({**context, "object_list": rows}))
            assert actual == expected
            assert [str(row) for row in rows] == [str(user) for user in instances]
