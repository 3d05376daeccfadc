"""The iCal feed (icalendar): booked talks for the partner (all schools) or one school."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from trivsel.schools import clock

from .models import CalendarFeed, Talk, TalkStatus


def feed_talks(feed: CalendarFeed):
    qs = Talk.objects.filter(status=TalkStatus.BOOKED).select_related("school_class__school")
    if feed.school_id:
        qs = qs.filter(school_class__school_id=feed.school_id)
    return qs.order_by("starts_at")


def feed_ical(feed: CalendarFeed) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Trivselsportalen//Headspace-oplæg//DA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Headspace-oplæg: %(who)s") % {"who": feed})
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    for talk in feed_talks(feed):
        cls = talk.school_class
        event = Event()
        event.add("uid", f"headspace-talk-{talk.pk}@{host}")
        event.add("dtstamp", clock.now())
        event.add("dtstart", talk.starts_at)
        event.add("dtend", talk.ends_at)
        event.add(
            "summary",
            _("Headspace-oplæg i %(cls)s, %(school)s") % {"cls": cls.label, "school": cls.school},
        )
        if cls.school.address:
            event.add("location", cls.school.address)
        event.add("description", _("Rådgivere: %(names)s") % {"names": talk.counsellor_names})
        cal.add_component(event)
    return cal.to_ical()
