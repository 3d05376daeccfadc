"""Single sign-on through the municipality's identity provider (OpenID Connect).

Only existing, active portal users can log in this way: the provider's verified e-mail address is
matched (without regard to case) to exactly one active user. No user is created, no role taken
from the provider: roles and schools stay in the portal. Switched on by ``OIDC_RP_CLIENT_ID``
(see the README).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class PortalOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email or claims.get("email_verified") is False:
            return get_user_model().objects.none()
        users = get_user_model().objects.filter(email__iexact=email, is_active=True)
        return users if users.count() == 1 else get_user_model().objects.none()

    def verify_token(self, token, **kwargs):
        """The signature and nonce (the library), and the audience: a token the provider issued
        to another client is refused."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("OIDC token issued to another client")
        return payload

    def create_user(self, claims):  # pragma: no cover - OIDC_CREATE_USER is False
        return None

    def update_user(self, user, claims):
        return user  # the portal's own data wins
