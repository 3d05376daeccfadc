"""Demo: static backup codes (second factor) for the demo coordinator and IT admin, the same codes
every run; `seed_demo` prints them beside the logins."""

from __future__ import annotations

from . import otp

TWO_FACTOR_DEMO_USERS = ("koordinator", "skolechef", "admin")


def seed(ctx) -> None:
    for username in TWO_FACTOR_DEMO_USERS:
        user = ctx.users.get(username)
        if user is None:
            continue
        codes = otp.backup_codes_set(user=user, codes=otp.demo_backup_codes(username))
        ctx.logins = [
            (role, name, f"{where} 2FA-backupkoder: {' '.join(codes)}".strip())
            if name == username
            else (role, name, where)
            for role, name, where in ctx.logins
        ]
