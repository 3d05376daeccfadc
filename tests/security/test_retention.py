"""Deletion deadlines: one setting per kind, hooks discovered per app, history erased with the text."""

import datetime as dt

from django.core.management import call_command
from django.test import override_settings

from tests.factories import PartnerFactory
from tests.griefgroups.factories import GroupMeetingFactory
from trivsel.schools import readlog
from trivsel.schools.models import ReadLogEntry
from trivsel.security import retention, tasks


def test_every_hook_is_for_a_kind_with_a_deadline_and_the_shared_kinds_are_handled():
    from django.conf import settings

    assert set(retention.HOOKS) <= set(settings.RETENTION_DAYS)
    assert set(retention.HOOKS) == set(settings.RETENTION_DAYS)  # every kind is handled


def test_old_read_log_entries_and_history_rows_are_deleted_new_ones_kept(
    coordinator, school_a, frozen_at
):
    frozen_at(dt.datetime(2020, 1, 1, 12, 0))
    old_partner = PartnerFactory(name="Gammel")
    readlog.log_read(coordinator, school_a, "view")
    frozen_at(dt.datetime(2024, 1, 15, 12, 0))
    new_partner = PartnerFactory(name="Ny")
    readlog.log_read(coordinator, school_a, "view")

    with override_settings(RETENTION_DAYS={"read_log": 365, "change_history": 365}):
        result = retention.apply()

    assert result["read_log"] == 1 and result["change_history"] >= 1
    assert ReadLogEntry.objects.count() == 1
    assert not old_partner.history.exists()
    assert new_partner.history.exists()


def test_anonymising_grief_group_notes_erases_the_text_from_every_history_row(db, frozen_at):
    frozen_at(dt.date(2024, 1, 15))
    meeting = GroupMeetingFactory(date=dt.date(2022, 3, 1), note="Første udgave af noten")
    meeting.note = "Anden udgave af noten"
    meeting.save()
    recent = GroupMeetingFactory(date=dt.date(2024, 1, 10), note="Ny note bliver")

    with override_settings(
        RETENTION_DAYS={"grief_groups": 365, "read_log": 10000, "change_history": 10000}
    ):
        retention.apply()

    meeting.refresh_from_db()
    assert meeting.note == ""
    history_texts = list(meeting.history.values_list("note", flat=True))
    assert len(history_texts) == 2
    assert not any("udgave" in text for text in history_texts)
    recent.refresh_from_db()
    assert recent.note == "Ny note bliver"
    assert recent.history.filter(note="Ny note bliver").exists()


def test_the_command_and_the_beat_task_report_per_kind(db, capsys):
    call_command("apply_retention")
    out = capsys.readouterr().out
    assert "read_log" in out and "change_history" in out
    result = tasks.apply_retention.delay().get()
    assert set(result) >= {"read_log", "change_history"}


def test_the_nightly_job_is_scheduled():
    from django.conf import settings

    job = settings.CELERY_BEAT_SCHEDULE["apply-retention"]
    assert job["task"] == "trivsel.security.tasks.apply_retention"


ALL_LONG = {
    "read_log": 10000,
    "change_history": 10000,
    "grief_groups": 10000,
    "consultant_activities": 10000,
    "minors_registrations": 10000,
    "status_notes_archive": 10000,
}


def test_old_consultant_observations_are_anonymised_with_their_history(db, frozen_at):
    from tests.consultants.factories import ActivityFactory

    frozen_at(dt.date(2024, 1, 15))
    old = ActivityFactory(date=dt.date(2020, 3, 1), observation="Uro i klassen, elev græd")
    old.observation = "Uro i klassen, rettet"
    old.save()
    new = ActivityFactory(date=dt.date(2023, 12, 1), observation="Rolig time")

    with override_settings(RETENTION_DAYS={**ALL_LONG, "consultant_activities": 3 * 365}):
        result = retention.apply()

    assert result["consultant_activities"] >= 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.observation == "" and new.observation == "Rolig time"
    assert not old.history.filter(observation__icontains="uro").exists()


def test_a_pupils_registration_is_anonymised_after_the_event_with_its_history(class_a, frozen_at):
    from conference.models import ParticipantKind, Registration
    from tests.conference.factories import EventDayFactory

    frozen_at(dt.date(2024, 6, 1))
    day = EventDayFactory(date=dt.date(2024, 3, 4))
    pupil = Registration.objects.create(
        event=day.event,
        kind=ParticipantKind.PUPIL,
        name="Alma",
        dietary_needs="nøddeallergi",
        school=class_a.school,
        school_class=class_a,
    )
    staff = Registration.objects.create(
        event=day.event, kind=ParticipantKind.STAFF, name="Bo", email="bo@rk.dk"
    )

    with override_settings(RETENTION_DAYS={**ALL_LONG, "minors_registrations": 30}):
        assert retention.apply()["minors_registrations"] == 1
        assert retention.apply()["minors_registrations"] == 0  # once is enough

    pupil.refresh_from_db()
    staff.refresh_from_db()
    assert pupil.name == f"Anonym elev #{pupil.pk}" and pupil.dietary_needs == ""
    assert staff.name == "Bo"
    assert not pupil.history.filter(name="Alma").exists()
    assert not pupil.history.filter(dietary_needs__icontains="nødde").exists()


def test_final_status_notes_leave_the_archive_after_their_deadline_with_their_files(db, frozen_at):
    from tests.statusnote.factories import FinalNoteFactory, NoteDocumentFactory
    from trivsel.statusnote.models import StatusNote

    frozen_at(dt.datetime(2012, 6, 30, 12, 0))
    old = FinalNoteFactory()
    document = NoteDocumentFactory(note=old)
    path = document.file.path
    frozen_at(dt.datetime(2024, 1, 15, 12, 0))
    recent = FinalNoteFactory()

    with override_settings(RETENTION_DAYS={**ALL_LONG, "status_notes_archive": 10 * 365}):
        assert retention.apply()["status_notes_archive"] == 1

    assert list(StatusNote.objects.all()) == [recent]
    import os

    assert not os.path.exists(path)
