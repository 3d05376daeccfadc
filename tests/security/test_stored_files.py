"""Stored files (uploads and generated documents) are served only through download views that ask
the access module — never from /media/, in no mode — and no page is given a file's storage URL."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.test import Client
from django.urls import clear_url_caches, resolve, reverse

from tests.access_matrix import ACTORS, MATRIX
from tests.conftest import login
from tests.factories import PeriodFactory

# every model with a stored file -> the view that serves it (declared in the access matrix)
DOWNLOADS = {
    "trials.attachment": "trials:attachment_download",
    "statusnote.notedocument": "statusnote:document_download",
}


def stored_file_fields():
    for model in apps.get_models():
        if model._meta.label_lower.split(".")[1].startswith("historical"):
            continue  # the change history keeps the file's name only, as text
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


@pytest.fixture
def world(actors, school_a, school_b):
    return SimpleNamespace(
        actors=actors, school_a=school_a, school_b=school_b, period=PeriodFactory()
    )


@pytest.fixture
def debug_urls(settings):
    """The URL conf as `make run` builds it (DEBUG on)."""
    import trivsel.urls

    settings.DEBUG = True
    importlib.reload(trivsel.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(trivsel.urls)
    clear_url_caches()


def stored_files(world):
    """(url name, side, the stored object, its file field) for a real file of every kind."""
    for label, url_name in DOWNLOADS.items():
        model = apps.get_model(label)
        row = MATRIX[url_name]
        for side in ("a", "b") if row.expect_b else ("a",):
            obj = model.objects.get(**row.args(world, side))
            for _model, field in (f for f in stored_file_fields() if f[0] is model):
                yield url_name, side, obj, getattr(obj, field.name)


def test_every_model_with_a_stored_file_has_a_download_view_in_the_access_matrix():
    kinds = {model._meta.label_lower for model, _field in stored_file_fields()}
    assert kinds == set(DOWNLOADS), "a new kind of stored file needs a download view and a row"
    for label, url_name in DOWNLOADS.items():
        assert url_name in MATRIX
        # the one link pages (and the admin) give to a stored file
        assert resolve(apps.get_model(label)(pk=1).get_download_url()).view_name == url_name


def test_a_stored_file_has_no_public_url(db):
    from tests.trials.factories import AttachmentFactory

    attachment = AttachmentFactory()
    assert default_storage.exists(attachment.file.name)
    with pytest.raises(ValueError, match="download"):
        attachment.file.url  # noqa: B018
    for _model, field in stored_file_fields():
        assert field.storage.url.__func__ is default_storage.url.__func__, field


def test_media_is_never_mounted_and_files_go_only_to_whom_the_access_table_allows(
    world, debug_urls
):
    clients = {name: login(Client(), world.actors[name]) for name in ACTORS}
    checked = 0
    for url_name, side, obj, file in stored_files(world):
        content = file.read()
        file.close()
        expected = MATRIX[url_name].codes(side)
        download = reverse(url_name, kwargs={"pk": obj.pk})
        for actor, client in clients.items():
            assert client.get(f"/media/{file.name}").status_code == 404, (actor, file.name)
            response = client.get(download)
            assert response.status_code == expected[actor], (url_name, side, actor)
            if response.status_code == 200:
                assert b"".join(response.streaming_content) == content
                assert response["Content-Disposition"].startswith("attachment")
            checked += 1
    assert checked == len(ACTORS) * 4  # two kinds, each on both sides


def test_the_two_factor_gate_does_not_exempt_stored_files(client, coordinator, debug_urls):
    from tests.trials.factories import AttachmentFactory

    attachment = AttachmentFactory()
    client.force_login(coordinator)  # a password, no code yet
    response = client.get(f"/media/{attachment.file.name}")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:otp_enrol"))
    response = client.get(attachment.get_download_url())
    assert response.status_code == 302


def test_the_admin_links_stored_files_to_their_download_views(client_for, superuser):
    from tests.statusnote.factories import NoteDocumentFactory
    from tests.trials.factories import AttachmentFactory

    attachment = AttachmentFactory()
    document = NoteDocumentFactory()
    admin = client_for(superuser)
    pages = {
        reverse("admin:trials_trialaction_change", args=[attachment.trial_action_id]): attachment,
        reverse("admin:statusnote_notedocument_change", args=[document.pk]): document,
    }
    for url, obj in pages.items():
        response = admin.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert obj.get_download_url() in body
        assert "/media/" not in body and obj.file.name not in body
