from django.core.management.base import BaseCommand

from trivsel.security import retention


class Command(BaseCommand):
    help = "Håndhæver slettefristerne (settings.RETENTION_DAYS) nu — det gør Celery beat hver nat."

    def handle(self, *args, **options):
        for kind, count in retention.apply().items():
            text = "ingen app håndterer denne type" if count is None else f"{count} poster"
            self.stdout.write(f"{kind:<24} {text}")
