"""What a trial action's attachment may be: PDF, images and Office documents up to 10 MB.

The extension decides the kind, and the file's first bytes must agree (content sniffing), so a
renamed executable or an HTML page with a «.pdf» name is refused. Refusals are Danish.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_SIZE = 10 * 1024 * 1024

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (doc, xls, ppt)


def _zip_has(prefix: str, mimetype: str = ""):
    """An Office Open XML / OpenDocument file: a zip with the right parts inside."""

    def check(head: bytes, file) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                names = archive.namelist()
                if mimetype:
                    return (
                        "mimetype" in names
                        and archive.read("mimetype").decode("ascii", "replace").strip() == mimetype
                    )
                return "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names)
        except (zipfile.BadZipFile, OSError, KeyError):
            return False
        finally:
            file.seek(0)

    return check


def _starts(*signatures: bytes):
    return lambda head, file: head.startswith(signatures)


def _webp(head: bytes, file) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


# extension -> how its content starts
KINDS = {
    ".pdf": _starts(b"%PDF-"),
    ".png": _starts(b"\x89PNG\r\n\x1a\n"),
    ".jpg": _starts(b"\xff\xd8\xff"),
    ".jpeg": _starts(b"\xff\xd8\xff"),
    ".gif": _starts(b"GIF87a", b"GIF89a"),
    ".webp": _webp,
    ".docx": _zip_has("word/"),
    ".xlsx": _zip_has("xl/"),
    ".pptx": _zip_has("ppt/"),
    ".doc": _starts(_OLE),
    ".xls": _starts(_OLE),
    ".ppt": _starts(_OLE),
    ".odt": _zip_has("", "application/vnd.oasis.opendocument.text"),
    ".ods": _zip_has("", "application/vnd.oasis.opendocument.spreadsheet"),
    ".odp": _zip_has("", "application/vnd.oasis.opendocument.presentation"),
}
ALLOWED_TEXT = _(
    "PDF, billeder (PNG, JPG, GIF, WebP) og Office-filer (Word, Excel, PowerPoint, OpenDocument)"
)


def validate_attachment(file) -> None:
    """Raises a Danish ValidationError unless ``file`` is an allowed kind within the size limit."""
    if file is None:
        raise ValidationError(_("Vælg en fil."), code="required")
    size = getattr(file, "size", 0) or 0
    if size > MAX_SIZE:
        raise ValidationError(
            _("Filen er for stor (%(size)s). Den må højst fylde %(max)s."),
            params={"size": filesizeformat(size), "max": filesizeformat(MAX_SIZE)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("Filen er tom."), code="empty")
    extension = PurePath(getattr(file, "name", "") or "").suffix.lower()
    check = KINDS.get(extension)
    if check is None:
        raise ValidationError(
            _("Filtypen «%(ext)s» er ikke tilladt. Tilladt er %(allowed)s."),
            params={"ext": extension or _("ingen"), "allowed": ALLOWED_TEXT},
            code="bad_type",
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if not check(head, file):
        raise ValidationError(
            _(
                "Filens indhold passer ikke til filtypen «%(ext)s». Filen er afvist — gem den "
                "igen i det rigtige format."
            ),
            params={"ext": extension},
            code="content_mismatch",
        )
