"""The enrolment QR code is drawn once per device and process, and is segno's own drawing."""

import segno

from trivsel.security import otp

URL = "otpauth://totp/Trivselsportalen:karen?secret=JBSWY3DPEHPK3PXP&issuer=Trivselsportalen"


def test_the_qr_code_is_segnos_drawing_of_the_device_url():
    expected = segno.make(URL, error="m").svg_inline(scale=4, title="QR-kode")
    assert otp.qr_svg(URL, "QR-kode") == expected


def test_a_reload_does_not_draw_it_again():
    otp.qr_svg.cache_clear()
    first = otp.qr_svg(URL, "QR-kode")
    assert otp.qr_svg(URL, "QR-kode") is first
    assert otp.qr_svg.cache_info().hits == 1
    assert otp.qr_svg(URL.replace("JBSW", "KBSW"), "QR-kode") != first  # another device
