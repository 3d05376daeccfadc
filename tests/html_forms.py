"""What a browser would send for a page's form: the tests fill in forms as people do, from the
page itself (lxml, which python-docx brings along), so a field the page does not carry is not
sent either."""

from __future__ import annotations

from urllib.parse import urlsplit

import lxml.html


def post_forms(response) -> list:
    page = lxml.html.fromstring(response.content.decode())
    return [form for form in page.forms if (form.method or "").lower() == "post"]


def form_data(response, *, action: str | None = None) -> dict[str, list[str]]:
    """The values of the page's own POST form (no ``action``, or the page's URL; or the form
    that posts to ``action``), as the test client's ``post`` takes them."""
    here = urlsplit(response.wsgi_request.get_full_path()).path
    wanted = {action} if action else {"", here}
    for form in post_forms(response):
        if urlsplit(form.get("action") or "").path in wanted:
            data: dict[str, list[str]] = {}
            for name, value in form.form_values():
                if name != "csrfmiddlewaretoken":
                    data.setdefault(name, []).append(value)
            return data
    raise AssertionError(f"no POST form for {sorted(wanted)} on {here}")
