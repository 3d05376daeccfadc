"""The Django admin is no back door: sensitive free text (trivsel.schools.privacy) is hidden in
every admin registration — whichever app registers it — and the admin needs two-factor."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.options import flatten_fieldsets
from django.test import RequestFactory
from django.urls import reverse

from tests.griefgroups.factories import GroupMeetingFactory
from trivsel.schools import privacy
from trivsel.security.admin_site import PortalAdminSite


def registrations():
    for model, model_admin in admin.site._registry.items():
        yield model, model_admin
        for inline_class in model_admin.inlines:
            yield inline_class.model, inline_class(model, admin.site)


def test_the_admin_is_our_two_factor_site():
    assert isinstance(admin.site, PortalAdminSite)


def test_every_sensitive_kind_names_a_model_or_an_app_not_installed():
    for label in privacy.SENSITIVE_KINDS:
        app_label, model_name = label.split(".")
        configs = {c.label: c for c in apps.get_app_configs()}
        # an app being built may be installed with no models yet; once it has models, a typo
        # here fails
        if app_label in configs and list(configs[app_label].get_models()):
            apps.get_model(app_label, model_name)


def test_no_admin_form_list_or_search_shows_a_sensitive_field(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    checked = 0
    for model, model_admin in admin.site._registry.items():
        hidden = set(privacy.sensitive_fields(model))
        if not hidden:
            continue
        checked += 1
        form = model_admin.get_form(request)
        shown = set(form.base_fields) | set(model_admin.get_readonly_fields(request))
        shown |= set(flatten_fieldsets(model_admin.get_fieldsets(request)))
        shown |= {str(c) for c in model_admin.get_list_display(request)}
        shown |= {s.lstrip("^=@").split("__")[0] for s in model_admin.get_search_fields(request)}
        assert not hidden & shown, f"{model._meta.label}: {sorted(hidden & shown)} in the admin"
        for inline in model_admin.get_inline_instances(request):
            inline_hidden = set(privacy.sensitive_fields(inline.model))
            inline_form = inline.get_formset(request).form
            assert not inline_hidden & set(inline_form.base_fields), inline.model._meta.label
    assert checked >= 2, "the grief-group models at least are sensitive"


def test_inlines_of_sensitive_models_are_stripped_too(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    for model_admin in admin.site._registry.values():
        for inline in model_admin.get_inline_instances(request):
            hidden = set(privacy.sensitive_fields(inline.model))
            assert not hidden & set(inline.get_formset(request).form.base_fields)


@pytest.mark.parametrize("page", ["change", "changelist", "history"])
def test_a_grief_group_meeting_note_never_appears_in_the_admin(client_for, superuser, page):
    meeting = GroupMeetingFactory(note="Eleven græd meget i dag")
    meeting.note = "Eleven havde det bedre i dag"
    meeting.save()
    meta = meeting._meta
    args = [] if page == "changelist" else [meeting.pk]
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{page}", args=args)
    response = client_for(superuser).get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "græd" not in body and "bedre" not in body


def test_the_admin_refuses_a_superuser_without_the_second_factor(client, superuser):
    client.force_login(superuser)  # a password login, no code entered
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:otp_enrol"))
