"""``python manage.py seed_demo [--scale N]``: the demo municipality of the status note.

Idempotent (twice changes nothing). The shared model is seeded first, then every app's
``demo.seed(ctx)`` in INSTALLED_APPS order — except modules that set ``SEED_LAST = True`` (the
status note, written from every other app's data), which come after all the others.
"""

import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from trivsel.schools import demo


class Command(BaseCommand):
    help = (
        "Opretter demodata (idempotent): skoler, klasser, brugere og hele statusnotatets historie."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=1, help="N× skoler og alt under dem (til benchmarks)"
        )
        parser.add_argument("--quiet", action="store_true", help="udskriv ikke logins")

    def handle(self, *args, scale: int, quiet: bool, **options):
        if scale < 1 or scale > 100:
            raise CommandError("--scale skal være mellem 1 og 100.")
        started = time.monotonic()
        ctx = demo.DemoContext(scale=scale)
        modules = [
            import_module(f"{config.name}.demo")
            for config in apps.get_app_configs()
            if config.name != "trivsel.schools" and find_spec(f"{config.name}.demo") is not None
        ]
        modules.sort(key=lambda module: getattr(module, "SEED_LAST", False))  # stable
        with transaction.atomic():
            demo.seed(ctx)
            for module in modules:
                module.seed(ctx)
        if quiet:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata klar (skala {scale}) på {time.monotonic() - started:.1f} s."
            )
        )
        self.stdout.write(f"Demo-logins — adgangskode for alle: {demo.DEMO_PASSWORD}")
        for role, username, where in ctx.logins:
            self.stdout.write(f"  {role:<34} {username:<28} {where}")
