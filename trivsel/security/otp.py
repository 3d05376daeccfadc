"""Two-factor devices: a TOTP authenticator app and ten static backup codes per user."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import lru_cache

import segno
from django.conf import settings
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODES = 10
BACKUP_DEVICE_NAME = "backup"
# Demo logins get backup codes derived from this constant, so `seed_demo` prints the same codes
# every run. Never used outside the demo.
DEMO_CODE_SEED = b"trivselsportalen-demo-2fa"


# The demo's authenticator app: one known key, whose current code the 2FA page shows while the
# demo clock is on, so a demo login never runs out of codes.
DEMO_TOTP_KEY = hmac.new(DEMO_CODE_SEED, b"totp", hashlib.sha256).hexdigest()[:40]
DEMO_TOTP_NAME = "demo"


def demo_backup_codes(username: str) -> list[str]:
    return [
        hmac.new(DEMO_CODE_SEED, f"{username}:{i}".encode(), hashlib.sha256).hexdigest()[:8]
        for i in range(BACKUP_CODES)
    ]


@transaction.atomic
def backup_codes_set(*, user, codes: list[str] | None = None) -> list[str]:
    """Replaces the user's static backup codes (new random ones unless ``codes`` is given)."""
    codes = codes or [secrets.token_hex(4) for _ in range(BACKUP_CODES)]
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    existing = set(device.token_set.values_list("token", flat=True))
    if existing != set(codes):
        device.token_set.all().delete()
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def demo_totp_set(*, user) -> TOTPDevice:
    """Gives a demo login the demo authenticator app (idempotent)."""
    device, _ = TOTPDevice.objects.update_or_create(
        user=user, name=DEMO_TOTP_NAME, defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
    )
    return device


def demo_totp_code(user) -> str | None:
    """The demo app's current code for ``user``, only in the demo (demo clock on) and only for a
    login whose app is the demo's; None for everyone else."""
    if not settings.DEMO_CLOCK:
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True, key=DEMO_TOTP_KEY).first()
    if device is None:
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def totp_device_unconfirmed(*, user) -> TOTPDevice:
    """The authenticator device being enrolled (one per user until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirms the device if ``token`` is right; returns fresh backup codes (shown once)."""
    if not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()  # one app at a time
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return backup_codes_set(user=device.user)


@lru_cache(maxsize=64)
def qr_svg(config_url: str, title: str) -> str:
    """The enrolment QR code as inline SVG. Encoding it (choosing among eight masks) cost more
    than the rest of the page, and the page is shown again on every reload and wrong code; the
    same URL always gives the same picture, so each process keeps the last few (in memory only,
    like the device being enrolled)."""
    return segno.make(config_url, error="m").svg_inline(scale=4, title=title)
