"""The talk list's rows, written in Python (``views.talk_rows_html``), are the markup the
``format_html`` version wrote — every value escaped the same way."""

from datetime import UTC, datetime

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from initiatives.headspace.models import TalkStatus
from initiatives.headspace.views import ROW, STATUS_BADGE, talk_rows_html
from trivsel.schools.links import row_url


def rows_as_before(values) -> str:
    """The previous implementation (format_html per row), kept here as the reference."""
    detail = row_url("headspace:talk_detail")
    labels = {status: str(label) for status, label in TalkStatus.choices}
    give_feedback = _("Giv feedback")
    rows = []
    for v in values:
        url = detail(v["pk"])
        if v["feedback_score"]:
            feedback = f"{v['feedback_score']}/5"
        elif v["can_feedback"] and v["status"] == TalkStatus.HELD:
            feedback = format_html('<a href="{}">{}</a>', url, give_feedback)
        else:
            feedback = "–"
        rows.append(
            format_html(
                ROW,
                url=url,
                cls=f"{v['school_class__grade']}.{v['school_class__letter']}",
                school=v["school_class__school__name"],
                when=f"{localtime(v['starts_at']):%d.%m.%Y %H:%M}–{localtime(v['ends_at']):%H:%M}",
                counsellors=", ".join(v["counsellors"]),
                badge=STATUS_BADGE.get(v["status"], "text-bg-secondary"),
                status=labels.get(v["status"], v["status"]),
                feedback=feedback,
            )
        )
    return mark_safe("".join(rows))


def row(pk, **values):
    return {
        "pk": pk,
        "school_class__grade": 8,
        "school_class__letter": "A",
        "school_class__school__name": "Valhøj <Skole> & \"Co\" 'x'",
        "starts_at": datetime(2023, 10, 2, 8, 0, tzinfo=UTC),
        "ends_at": datetime(2023, 10, 2, 9, 30, tzinfo=UTC),
        "counsellors": ["Anna <b>", "Bo & Co"],
        "status": TalkStatus.HELD,
        "feedback_score": None,
        "can_feedback": True,
        **values,
    }


def test_the_rows_are_the_markup_format_html_wrote(db):
    values = [
        row(1),
        row(2, feedback_score=4),
        row(3, can_feedback=False),
        row(4, status=TalkStatus.BOOKED),
        row(5, status="odd<status>", counsellors=[]),
        row(6, school_class__letter="<i>"),
    ]
    assert talk_rows_html(values) == rows_as_before(values)
    assert "&lt;Skole&gt; &amp; &quot;Co&quot; &#x27;x&#x27;" in talk_rows_html(values)
