"""The QR code of a registration (segno): it opens this registration's check-in page, which only
a logged-in conference admin can use. The code carries a URL with the registration's id, never
the private manage token."""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from .models import Registration


def checkin_url(registration: Registration) -> str:
    return settings.SITE_URL.rstrip("/") + registration.get_checkin_url()


def qr_svg(registration: Registration) -> SafeString:
    """Inline SVG for the page: no style attribute, no script (strict CSP)."""
    svg = segno.make(checkin_url(registration), error="m").svg_inline(
        scale=4, title="QR-kode til indtjekning", svgclass="conference-qr", lineclass=None
    )
    return mark_safe(svg)  # noqa: S308 - segno's own markup of a URL we built


def qr_png(registration: Registration) -> bytes:
    out = io.BytesIO()
    segno.make(checkin_url(registration), error="m").save(out, kind="png", scale=6)
    return out.getvalue()
