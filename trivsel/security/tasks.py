from celery import shared_task

from . import retention


@shared_task
def apply_retention() -> dict:
    """Nightly (Celery beat «apply-retention»): enforces settings.RETENTION_DAYS."""
    return retention.apply()
