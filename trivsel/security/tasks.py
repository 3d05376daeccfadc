from celery import shared_task


@shared_task
def apply_retention() -> dict:
    """Nightly (Celery beat «apply-retention»): enforces settings.RETENTION_DAYS."""
    from . import retention

    return retention.apply()
