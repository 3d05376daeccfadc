"""The QR code of a registration (segno): it opens this registration's check-in page, which only
a logged-in conference admin can use. The code carries a URL with the registration's id, never
the private manage token.

The mask pattern is fixed (``MASK``) instead of chosen per code: the standard has the encoder try
all eight and keep the one with the fewest look-alike patterns, which is most of the time a code
costs to make (about 6 of 8 ms per confirmation e-mail in the sign-up burst). Every mask
gives a valid code; ``tests/conference/test_emails_qr.py`` decodes our PNGs (short and long site
addresses, small and large ids) with a real decoder (zxing-cpp) to prove they read; the page's SVG
is drawn from the same code.
"""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from .models import Registration

MASK = 0  # see above: any of 0–7 is valid; decoding is tested


def _code(registration: Registration) -> segno.QRCode:
    return segno.make(checkin_url(registration), error="m", mask=MASK)


def checkin_url(registration: Registration) -> str:
    return settings.SITE_URL.rstrip("/") + registration.get_checkin_url()


def qr_svg(registration: Registration) -> SafeString:
    """Inline SVG for the page: no style attribute, no script (strict CSP)."""
    svg = _code(registration).svg_inline(
        scale=4, title="QR-kode til indtjekning", svgclass="conference-qr", lineclass=None
    )
    return mark_safe(svg)  # segno's own markup of a URL we built


def qr_png(registration: Registration) -> bytes:
    out = io.BytesIO()
    _code(registration).save(out, kind="png", scale=6)
    return out.getvalue()
