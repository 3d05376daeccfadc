import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

from trivsel.schools.models import (
    Organisation,
    Partner,
    Period,
    School,
    SchoolClass,
    SchoolYear,
    Staff,
    User,
)

ROOT = Path(__file__).resolve().parents[2]


def counts():
    return [
        m.objects.count()
        for m in (SchoolYear, Period, School, SchoolClass, Organisation, Staff, Partner, User)
    ]


def test_seed_demo_twice_gives_the_same_counts(db):
    call_command("seed_demo", "--quiet")
    first = counts()
    call_command("seed_demo", "--quiet")
    assert counts() == first
    assert set(School.objects.values_list("name", flat=True)) == {
        "Valhøj Skole",
        "Nyager Skole",
        "Rødovre Skole",
        "Islev Skole",
        "Tinderhøj Skole",
        "Hendriksholm Skole",
    }
    assert SchoolYear.current().name == "2023/24"
    assert Period.objects.filter(name="Forår 2023").exists()
    assert set(SchoolClass.objects.values_list("grade", flat=True)) == set(range(10))


def test_seed_demo_scale_multiplies_schools(db):
    call_command("seed_demo", "--quiet", "--scale", "2")
    assert School.objects.count() == 12
    assert (
        SchoolClass.objects.filter(school__name="Valhøj Skole 2").count()
        == SchoolClass.objects.filter(school__name="Valhøj Skole").count()
    )


def test_seed_demo_prints_the_logins(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for username in (
        "koordinator",
        "konsulent1",
        "konsulent2",
        "konference",
        "leder.valhoj",
        "medarbejder.valhoj",
        "admin",
    ):
        assert username in out
    assert "trivsel-demo" in out


def _settings_process(env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")
    }
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='trivsel.settings'; django.setup()",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off():
    result = _settings_process({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY mangler" in result.stderr


def test_settings_start_with_a_secret_key_or_in_debug():
    assert _settings_process({"DEBUG": "false", "SECRET_KEY": "x" * 50}).returncode == 0
    assert _settings_process({"DEBUG": "true"}).returncode == 0
