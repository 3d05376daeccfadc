"""Where uploaded and generated files are kept: under MEDIA_ROOT, with no URL of their own.

Every stored file is served by its model's download view (``get_download_url()``), which asks the
access module first; nothing mounts MEDIA_ROOT on the web, in any mode. So a file's storage URL
would lead nowhere, and asking for it is a mistake that should show at once rather than as a
dead (or, with a mount, an open) link.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage


class PrivateFileStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError(
            f"{name}: a stored file has no public URL; link to its model's download view "
            "(get_download_url), which checks access"
        )
