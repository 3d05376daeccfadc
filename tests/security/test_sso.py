"""Single sign-on against a small OpenID Connect provider run by the test itself on 127.0.0.1
(token, userinfo and JWKS endpoints; an RSA key made for the test). No network."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import override_settings
from django.urls import reverse

from trivsel.security.login import SSO_SESSION_KEY

CLIENT_ID = "trivselsportalen"
KID = "test-key-1"


class StubProvider:
    """What the identity provider knows: the e-mail it vouches for, and the nonce of each code."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, str] = {}  # code -> nonce
        self.email = ""
        self.audience = CLIENT_ID
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, data):
                body = json.dumps(data).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path.startswith("/jwks"):
                    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(provider.key.public_key()))
                    self._json({"keys": [{**jwk, "kid": KID, "alg": "RS256", "use": "sig"}]})
                elif self.path.startswith("/userinfo"):
                    self._json({"sub": "abc", "email": provider.email, "email_verified": True})
                else:
                    self.send_error(404)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = parse_qs(self.rfile.read(length).decode())
                nonce = provider.codes.pop(form["code"][0])
                now = int(time.time())
                id_token = jwt.encode(
                    {
                        "iss": provider.url,
                        "aud": provider.audience,
                        "sub": "abc",
                        "email": provider.email,
                        "nonce": nonce,
                        "iat": now,
                        "exp": now + 300,
                    },
                    provider.key,
                    algorithm="RS256",
                    headers={"kid": KID},
                )
                self._json({"id_token": id_token, "access_token": "at", "token_type": "Bearer"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def settings(self):
        return {
            "SSO_ENABLED": True,
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": "hemmelig",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_CREATE_USER": False,
            "OIDC_TIMEOUT": 5,
            "LOGIN_REDIRECT_URL_FAILURE": "/konto/login/?sso=fejl",
            "AUTHENTICATION_BACKENDS": [
                "trivsel.security.backends.LockoutBackend",
                "trivsel.schools.backends.CaseInsensitiveModelBackend",
                "trivsel.security.oidc.PortalOIDCBackend",
            ],
        }


@pytest.fixture
def provider():
    stub = StubProvider()
    stub.thread.start()
    with override_settings(**stub.settings()):
        yield stub
    stub.server.shutdown()
    stub.server.server_close()


def sso_login(client, provider, email):
    """The browser's round trip: the portal sends it to the provider, which sends it back with a
    code (the provider remembers the nonce for that code)."""
    provider.email = email
    start = client.get(reverse("security:sso_start"))
    assert start.status_code == 302
    query = parse_qs(urlparse(start["Location"]).query)
    assert start["Location"].startswith(provider.url + "/authorize")
    assert query["client_id"] == [CLIENT_ID]
    provider.codes["kode-1"] = query["nonce"][0]
    return client.get(
        reverse("security:sso_callback"), {"code": "kode-1", "state": query["state"][0]}
    )


def test_sso_is_off_without_configuration(client):
    assert client.get(reverse("security:sso_start")).status_code == 404
    assert "kommunens login" not in client.get(reverse("login")).content.decode()


def test_the_login_page_offers_sso_when_configured(client, provider):
    assert "Log ind med kommunens login" in client.get(reverse("login")).content.decode()


def test_a_user_is_matched_by_email_and_a_coordinator_is_not_asked_for_a_code(
    client, provider, coordinator
):
    coordinator.email = "Karen.Koordinator@Kommune.dk"
    coordinator.save()
    response = sso_login(client, provider, "karen.koordinator@kommune.dk")

    assert response.status_code == 302
    assert not response["Location"].startswith("/konto/login/")
    assert int(client.session["_auth_user_id"]) == coordinator.pk
    assert client.session[SSO_SESSION_KEY] is True
    # strong already: no two-factor page
    assert client.get(reverse("schools:readlog_list")).status_code == 200


def test_an_unknown_or_inactive_email_is_refused_and_no_user_is_created(
    client, provider, leader_a, django_user_model
):
    users = django_user_model.objects.count()
    response = sso_login(client, provider, "ukendt@kommune.dk")
    assert response["Location"] == "/konto/login/?sso=fejl"
    assert "_auth_user_id" not in client.session

    leader_a.email = "lea@kommune.dk"
    leader_a.is_active = False
    leader_a.save()
    response = sso_login(client, provider, "lea@kommune.dk")
    assert response["Location"] == "/konto/login/?sso=fejl"
    assert django_user_model.objects.count() == users


def test_a_token_issued_to_another_client_is_refused(client, provider, leader_a):
    leader_a.email = "lea@kommune.dk"
    leader_a.save()
    provider.audience = "en-anden-app"
    response = sso_login(client, provider, "lea@kommune.dk")
    assert "_auth_user_id" not in client.session
    assert response.status_code in (302, 400)
