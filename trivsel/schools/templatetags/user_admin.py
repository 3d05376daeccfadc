"""The rows of the user list (``schools/users/user_list.html``), written in Python.

As a template loop each row was some 40 template nodes (four cells with data-labels, a status
badge, and up to three buttons, two of them small POST forms) — the costliest part of the page.
The markup is the loop's, tag for tag; every value is escaped as ``{{ }}`` would (``value_html``).
"""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _

from trivsel.schools.links import row_url
from trivsel.schools.renderers import value_html
from trivsel.schools.templatetags.dense_dates import date

register = template.Library()


@register.simple_tag(takes_context=True)
def user_rows(context, users) -> str:
    # literal gettext calls, so that makemessages keeps finding these strings
    texts = {
        "name": _("Navn"),
        "role": _("Rolle"),
        "schools": _("Skoler"),
        "status": _("Status"),
        "edit": _("Redigér"),
        "reinvite": _("Send invitation igen"),
        "deactivate": _("Deaktivér"),
        "activate": _("Aktivér"),
        "deactivated": _("Deaktiveret"),
        "invited": _("Inviteret"),
        "active": _("Aktiv"),
        "never": _("Aldrig"),
    }
    t = {key: value_html(text) for key, text in texts.items()}
    token = context.get("csrf_token")
    csrf = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{value_html(str(token))}">'
        if token and token != "NOTPROVIDED"  # noqa: S105 - CsrfTokenNode's marker, no password
        else ""
    )
    me = getattr(context.get("user"), "pk", None)
    # each row's links from patterns looked up once
    urls = {action: row_url(f"schools:user_{action}") for action in _ACTIONS}
    roles: dict[str, str] = {}  # role → its label, escaped
    rows = []
    for user in users:
        if user.role not in roles:
            roles[user.role] = value_html(user.get_role_display() or "—")
        rows.append(_row(user, t, csrf, me, urls, roles[user.role]))
    return mark_safe("\n".join(rows))  # noqa: S308 - escaped


_ACTIONS = ("update", "reinvite", "deactivate", "activate")


def _row(user, t: dict[str, str], csrf: str, me, urls: dict, role: str) -> str:
    name = value_html(user)  # str(user): the full name, else the username
    invited = not user.has_usable_password()
    if not user.is_active:
        status = f'<span class="badge text-bg-secondary">{t["deactivated"]}</span>'
    elif invited:
        status = f'<span class="badge text-bg-warning">{t["invited"]}</span>'
    else:
        status = f'<span class="badge text-bg-success">{t["active"]}</span>'
    login = date(template_localtime(user.last_login), "d.m.Y H:i") if user.last_login else None
    hidden_name = f'<span class="visually-hidden"> {name}</span>'
    actions = ""
    if user.can_edit:
        buttons = [
            f'<a class="btn btn-sm btn-outline-primary" href="{value_html(urls["update"](user.pk))}">'
            f"{t['edit']}{hidden_name}</a>"
        ]
        if user.is_active:
            if invited:
                buttons.append(
                    f'<form method="post" action="{value_html(urls["reinvite"](user.pk))}">{csrf}'
                    f'<button type="submit" class="btn btn-sm btn-outline-secondary">{t["reinvite"]}'
                    f"{hidden_name}</button></form>"
                )
            if user.pk != me:
                buttons.append(
                    f'<a class="btn btn-sm btn-outline-danger" href="{value_html(urls["deactivate"](user.pk))}">'
                    f"{t['deactivate']}{hidden_name}</a>"
                )
        else:
            buttons.append(
                f'<form method="post" action="{value_html(urls["activate"](user.pk))}">{csrf}'
                f'<button type="submit" class="btn btn-sm btn-outline-success">{t["activate"]}'
                f"{hidden_name}</button></form>"
            )
        actions = (
            f'<div class="d-flex flex-wrap justify-content-end gap-1">{"".join(buttons)}</div>'
        )
    schools = value_html(", ".join(user.school_names)) if user.school_names else "—"
    return (
        f'<tr><td data-label="{t["name"]}">{name}<br>'
        f'<span class="small text-body-secondary text-break">{value_html(user.email)}</span></td>'
        f'<td data-label="{t["role"]}">{role}</td>'
        f'<td data-label="{t["schools"]}">{schools}</td>'
        f'<td data-label="{t["status"]}">{status}</td>'
        f'<td class="d-none d-md-table-cell">{value_html(login) if login else t["never"]}</td>'
        f'<td class="text-end">{actions}</td></tr>'
    )
