"""manage.py delete_minors_data: anonymise pupils' personal data N days after their event
(CONFERENCE_MINOR_RETENTION_DAYS), in the registrations and their change history. Also run daily
by Celery beat (conference.tasks.delete_minors_data)."""

from django.core.management.base import BaseCommand

from conference.retention import minors_anonymise


class Command(BaseCommand):
    help = "Anonymiserer elevers personoplysninger et antal dage efter arrangementet."

    def handle(self, *args, **options):
        count = minors_anonymise()
        self.stdout.write(f"{count} elevtilmeldinger anonymiseret.")
