"""A confirm step for destructive buttons that needs no JavaScript.

The button posts to its action as before. The first POST (without ``bekraeftet``) is answered
with a page that says what will happen and carries the POST's own fields; «Ja, …» sends them
again with ``bekraeftet=1``, and only that POST acts. «Nej» goes back without a write.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRMED = "bekraeftet"


def ask_first(
    request: HttpRequest, *, question: str, details: str = "", confirm_label: str, back_url: str
) -> HttpResponse | None:
    """The confirm page for a POST not yet confirmed; None once it is (then act)."""
    if request.POST.get(CONFIRMED) == "1":
        return None
    fields = [
        (name, value)
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", CONFIRMED)
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "portal/confirm.html",
        {
            "title": question,
            "details": details,
            "confirm_label": confirm_label,
            "back_url": back_url,
            "action": request.get_full_path(),
            "fields": fields,
            "confirmed_name": CONFIRMED,
        },
    )
