"""Demo: the second factor of the demo's 2FA logins — the demo authenticator app, whose current
code the 2FA page shows while the demo clock is on, and static backup codes, the same every run,
which `seed_demo` prints beside the logins."""

from __future__ import annotations

from . import otp

TWO_FACTOR_DEMO_USERS = ("koordinator", "skolechef", "admin")


def seed(ctx) -> None:
    for username in TWO_FACTOR_DEMO_USERS:
        user = ctx.users.get(username)
        if user is None:
            continue
        otp.demo_totp_set(user=user)
        codes = otp.backup_codes_set(user=user, codes=otp.demo_backup_codes(username))
        ctx.logins = [
            (role, name, f"{where} 2FA-backupkoder: {' '.join(codes)}".strip())
            if name == username
            else (role, name, where)
            for role, name, where in ctx.logins
        ]
