"""Login: lock-out after repeated failures, idle timeout, two-factor for coordinators and
superusers (and the demo's backup codes)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice

from trivsel.security import otp

PASSWORD = "en-lang-adgangskode-42"


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def post_login(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


# --- lock-out (django-axes) ----------------------------------------------------------------------
@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_user_is_locked_out_after_repeated_failures_with_a_danish_message(client, leader_a):
    with_password(leader_a)
    for _ in range(2):
        response = post_login(client, "leder_a", "forkert")
        assert response.status_code == 200  # the form again, with its error
    response = post_login(client, "LEDER_A", "forkert")  # the case does not reset the count
    assert response.status_code == 429
    assert "For mange forkerte forsøg" in response.content.decode()

    # even the right password is refused while the lock lasts
    response = post_login(client, "leder_a")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_successful_login_resets_the_failure_count(client, leader_a):
    with_password(leader_a)
    post_login(client, "leder_a", "forkert")
    post_login(client, "leder_a", "forkert")
    assert post_login(client, "leder_a").status_code == 302
    client.post(reverse("logout"))
    post_login(client, "leder_a", "forkert")
    assert post_login(client, "leder_a").status_code == 302


# --- idle timeout ------------------------------------------------------------------------------
def test_an_idle_session_ends_after_thirty_minutes_and_an_active_one_does_not(
    client, leader_a, frozen_at
):
    with_password(leader_a)
    start = frozen_at(dt.datetime(2024, 1, 15, 9, 0))
    assert post_login(client, "leder_a").status_code == 302

    frozen_at(start + dt.timedelta(minutes=20))
    assert client.get(reverse("home")).status_code == 200
    frozen_at(start + dt.timedelta(minutes=45))  # 25 minutes after the last request
    assert client.get(reverse("home")).status_code == 200

    frozen_at(start + dt.timedelta(minutes=76))  # 31 minutes idle
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("home")).status_code == 302


# --- two-factor -----------------------------------------------------------------------------------
def test_a_coordinator_with_a_password_must_enter_a_code_before_anything_else(client, coordinator):
    with_password(coordinator)
    codes = otp.backup_codes_set(user=coordinator)
    response = post_login(client, "koordinator")
    assert response.status_code == 302
    response = client.get(reverse("schools:readlog_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:otp_verify"))

    page = client.get(response["Location"])
    assert "Totrinsbekræftelse" in page.content.decode()
    assert page.context["nav_groups"] == []  # no menu of links that lead back here
    wrong = client.post(reverse("security:otp_verify"), {"token": "00000000"})
    assert "Koden er forkert eller brugt" in wrong.content.decode()
    # django-otp throttles after a failure (1 s, doubling): a right code at once is told to wait,
    # not that it is wrong — and it stays unused
    at_once = client.post(reverse("security:otp_verify"), {"token": codes[0]})
    assert "Vent et par sekunder" in at_once.content.decode()
    StaticDevice.objects.filter(user=coordinator).update(throttling_failure_count=0)

    right = client.post(reverse("security:otp_verify"), {"token": codes[0], "next": "/laeselog/"})
    assert right.status_code == 302 and right["Location"] == "/laeselog/"
    assert client.get(reverse("schools:readlog_list")).status_code == 200

    # a backup code works once
    client.post(reverse("logout"))
    post_login(client, "koordinator")
    again = client.post(reverse("security:otp_verify"), {"token": codes[0]})
    assert "Koden er forkert eller brugt" in again.content.decode()


def test_the_session_key_changes_when_the_second_factor_is_verified(client, coordinator):
    with_password(coordinator)
    codes = otp.backup_codes_set(user=coordinator)
    post_login(client, "koordinator")
    before = client.session.session_key

    response = client.post(reverse("security:otp_verify"), {"token": codes[0]})
    assert response.status_code == 302
    after = client.session.session_key
    assert after != before
    assert not client.session.exists(before)  # the key known before the code is worthless
    # still logged in, and verified: no second code is asked for
    assert client.session["_auth_user_id"] == str(coordinator.pk)
    assert client.get(reverse("schools:readlog_list")).status_code == 200


def test_the_session_key_changes_when_an_authenticator_app_is_enrolled(client, coordinator):
    with_password(coordinator)
    post_login(client, "koordinator")
    client.get(reverse("security:otp_enrol"))
    before = client.session.session_key
    device = coordinator.totpdevice_set.get(confirmed=False)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)

    done = client.post(reverse("security:otp_enrol"), {"token": f"{totp.token():06d}"})
    assert done.status_code == 200
    assert client.session.session_key != before
    assert not client.session.exists(before)
    assert client.get(reverse("schools:readlog_list")).status_code == 200


def test_a_leader_is_not_asked_for_a_second_factor(client, leader_a):
    with_password(leader_a)
    post_login(client, "leder_a")
    assert client.get(reverse("home")).status_code == 200


def test_a_coordinator_without_a_device_enrols_an_authenticator_app_with_a_qr_code(
    client, coordinator
):
    with_password(coordinator)
    post_login(client, "koordinator")
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("security:otp_enrol"))

    page = client.get(reverse("security:otp_enrol")).content.decode()
    assert "<svg" in page and "QR-kode" in page
    assert "<script" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]

    device = coordinator.totpdevice_set.get(confirmed=False)
    bad = client.post(reverse("security:otp_enrol"), {"token": "123456"})
    assert "Koden passer ikke" in bad.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp throttles after a failure; the test does not wait

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    done = client.post(reverse("security:otp_enrol"), {"token": f"{totp.token():06d}"})
    page = done.content.decode()
    assert "backupkoder" in page.lower()
    device.refresh_from_db()
    assert device.confirmed
    assert StaticDevice.objects.get(user=coordinator).token_set.count() == 10
    assert client.get(reverse("home")).status_code == 200


def test_the_admin_needs_the_superusers_second_factor(client, superuser):
    with_password(superuser)
    otp.backup_codes_set(user=superuser, codes=["abcd1234"])
    post_login(client, "itadmin")
    assert client.get("/admin/").status_code == 302
    client.post(reverse("security:otp_verify"), {"token": "abcd1234"})
    assert client.get("/admin/").status_code == 200


def test_the_tests_login_helper_passes_two_factor(client_for, coordinator, superuser):
    assert client_for(coordinator).get(reverse("schools:readlog_list")).status_code == 200
    assert client_for(superuser).get("/admin/").status_code == 200


# --- demo codes ---------------------------------------------------------------------------------
def test_seed_demo_prints_the_same_usable_backup_codes_every_run(db, capsys):
    call_command("seed_demo")
    first = capsys.readouterr().out
    call_command("seed_demo")
    second = capsys.readouterr().out
    codes = otp.demo_backup_codes("koordinator")
    assert " ".join(codes) in first and " ".join(codes) in second
    assert " ".join(otp.demo_backup_codes("admin")) in first

    client = Client()
    post_login(client, "koordinator", "trivsel-demo")
    response = client.post(reverse("security:otp_verify"), {"token": codes[3]})
    assert response.status_code == 302
    assert client.get(reverse("schools:readlog_list")).status_code == 200


@pytest.mark.parametrize("username", ["koordinator", "admin"])
def test_demo_codes_stay_the_same_set_after_a_second_seed(db, username):
    call_command("seed_demo", "--quiet")
    call_command("seed_demo", "--quiet")
    device = StaticDevice.objects.get(user__username=username, name=otp.BACKUP_DEVICE_NAME)
    assert sorted(device.token_set.values_list("token", flat=True)) == sorted(
        otp.demo_backup_codes(username)
    )


def test_the_demo_shows_the_demo_apps_current_code_and_it_logs_in(client, coordinator, settings):
    settings.DEMO_CLOCK = True
    otp.demo_totp_set(user=coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("security:otp_verify"))
    code = page.context["demo_code"]
    assert code and len(code) == 6 and code.isdigit()
    assert code in page.content.decode()
    answer = client.post(reverse("security:otp_verify"), {"token": code})
    assert answer.status_code == 302
    assert client.get(reverse("home")).status_code == 200  # past the second-factor gate


def test_without_the_demo_clock_no_code_is_shown(client, coordinator, settings):
    settings.DEMO_CLOCK = False
    otp.demo_totp_set(user=coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("security:otp_verify"))
    assert page.context["demo_code"] is None
    assert "demoens godkendelsesapp" not in page.content.decode()


def test_a_login_with_its_own_app_never_sees_a_code_even_in_the_demo(client, coordinator, settings):
    settings.DEMO_CLOCK = True
    device = otp.totp_device_unconfirmed(user=coordinator)
    device.confirmed = True
    device.save()
    client.force_login(coordinator)
    page = client.get(reverse("security:otp_verify"))
    assert page.context["demo_code"] is None
