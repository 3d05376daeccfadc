"""Hardening, proven on real responses and on the production settings path."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_gives_no_warning_with_production_settings():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "SECURE_COOKIES")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="trivsel.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        SITE_URL="https://trivsel.example.dk",
        ALLOWED_HOSTS="trivsel.example.dk",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("url_name", ["login", "password_reset"])
def test_pages_carry_an_enforcing_policy_and_the_security_headers(client, url_name):
    response = client.get(reverse(url_name))

    csp = response["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in response.headers
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_a_logged_in_page_carries_them_too(client_for, leader_a):
    response = client_for(leader_a).get(reverse("home"))
    assert response.status_code == 200
    assert "Content-Security-Policy" in response.headers
    assert "microphone=()" in response["Permissions-Policy"]


def test_the_session_and_csrf_cookies_are_http_only(client, leader_a):
    response = client.get(reverse("login"))
    csrf_cookie = response.cookies["csrftoken"]
    assert csrf_cookie["httponly"]
    leader_a.set_password("en-lang-adgangskode-42")
    leader_a.save()
    response = client.post(
        reverse("login"), {"username": "leder_a", "password": "en-lang-adgangskode-42"}
    )
    assert response.status_code == 302
    assert client.cookies["sessionid"]["httponly"]
    assert client.cookies["sessionid"]["samesite"] == "Lax"


def _settings_in_subprocess(env_extra: dict, expr: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
    env.update(DEBUG="false", SECRET_KEY="x" * 50, **env_extra)
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE']='trivsel.settings'; "
        f"django.setup(); from django.conf import settings as s; print(({expr},))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_https_production_gets_hsts_secure_cookies_and_a_redirect_by_default():
    out = _settings_in_subprocess(
        {"SITE_URL": "https://trivsel.example.dk"},
        "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT",
    )
    assert out == "(31536000, True, True, True)"


def test_hsts_redirect_proxy_header_and_report_only_come_from_the_environment():
    out = _settings_in_subprocess(
        {
            "SITE_URL": "https://trivsel.example.dk",
            "SECURE_HSTS_SECONDS": "600",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
            "CSP_REPORT_ONLY": "true",
        },
        "s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, "
        "hasattr(s, 'CONTENT_SECURITY_POLICY_REPORT_ONLY')",
    )
    assert out == "(600, False, ('HTTP_X_FORWARDED_PROTO', 'https'), True)"
