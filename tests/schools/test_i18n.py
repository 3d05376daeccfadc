"""English is really available: the committed catalogue is complete, compiled and used.

The catalogue is parsed with the standard library only (no polib), so the check runs anywhere.
It asks only that the catalogue *as committed* is complete: Danish strings added in the code
since the last `make messages` are picked up by the next run, not demanded here."""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


@dataclass
class Entry:
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def msgstrs(self) -> dict[str, str]:
        return {k: v for k, v in self.fields.items() if k.startswith("msgstr")}


def parse_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (blank-line separated, as gettext writes them): flags,
    msgid, msgid_plural and msgstr / msgstr[n], with continuation lines joined."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, key = Entry(), None
        for line in block.strip().splitlines():
            line = line.strip()
            if line.startswith("#~"):
                entry.obsolete = True
            elif line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry.fields[key] += ast.literal_eval(line)
            else:
                key, _space, value = line.partition(" ")
                entry.fields[key] = ast.literal_eval(value)
        if "msgid" in entry.fields and not entry.obsolete:
            entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    assert PO.exists(), "no English catalogue: run `make messages`"
    entries = parse_po(PO)
    assert entries and entries[0].msgid == "", "the catalogue has no header"
    return entries


@pytest.fixture
def english(client):
    """The visitor chose English with the footer's switch (the language cookie)."""
    assert settings.LANGUAGE_COOKIE_NAME == "django_language"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    yield client
    translation.activate(settings.LANGUAGE_CODE)  # the middleware left English active


def test_the_login_page_is_in_english_when_english_is_chosen(db, english):
    html = english.get(reverse("login")).content.decode()
    assert '<html lang="en">' in html
    assert "Log in" in html
    assert "Log ind" not in html


def test_the_login_page_is_danish_by_default(db, client):
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="da">' in html
    assert "Log ind" in html


def test_every_message_in_the_english_catalogue_is_translated(catalogue):
    header, *messages = catalogue
    assert "fuzzy" not in header.flags
    assert "Language: en\n" in header.msgstrs["msgstr"]
    assert len(messages) > 100
    fuzzy = [e.msgid for e in messages if "fuzzy" in e.flags]
    assert not fuzzy, f"fuzzy (check and remove the flag): {fuzzy[:10]}"
    empty = [e.msgid for e in messages if not e.msgstrs or not all(e.msgstrs.values())]
    assert not empty, f"{len(empty)} message(s) without an English text: {empty[:10]}"
    plurals = [e for e in messages if "msgid_plural" in e.fields]
    assert all(set(e.msgstrs) == {"msgstr[0]", "msgstr[1]"} for e in plurals)


def test_translations_keep_the_placeholders(catalogue):
    """A lost or misspelt %(name)s or {object} would raise (or show a hole) at run time."""
    wrong = []
    for entry in catalogue[1:]:
        for key, text in entry.msgstrs.items():
            source = entry.fields["msgid_plural"] if key == "msgstr[1]" else entry.msgid
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                wrong.append((entry.msgid, text))
    assert not wrong


def test_the_committed_mo_file_matches_the_po_file(catalogue):
    """The compiled catalogue is committed (a machine without gettext must work): it must be
    compiled from the .po as it stands — run `make messages` after editing the .po."""
    assert MO.exists(), "locale/en/LC_MESSAGES/django.mo is missing: run compilemessages"
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in catalogue[1:]:
        if "msgid_plural" in entry.fields:
            for n, key in ((1, "msgstr[0]"), (2, "msgstr[1]")):
                got = compiled.ngettext(entry.msgid, entry.fields["msgid_plural"], n)
                assert got == entry.msgstrs[key], entry.msgid
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstrs["msgstr"], entry.msgid


@pytest.mark.parametrize("chosen", ["da", "en"])
def test_the_language_menu_names_each_language_in_its_own_language(db, client, chosen):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = chosen
    html = client.get(reverse("login")).content.decode()
    translation.activate(settings.LANGUAGE_CODE)
    assert '<option value="da"' in html and ">Dansk</option>" in html
    assert ">English</option>" in html
    assert "ngelsk<" not in html and ">Danish<" not in html


def test_every_text_the_code_marks_for_translation_has_an_english_text(tmp_path):
    """What `make messages` would extract today, not only what was extracted last time: the
    sources are copied beside a copy of the catalogue and Django's makemessages (gettext's
    xgettext) runs there, so a Danish text added without its English one fails here."""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "var", "test-artifacts", "vendor", "node_modules", "*.pyc", "media"
        ),
    )
    env = {**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "trivsel.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    extracted = parse_po(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")[1:]
    missing = [  # a fuzzy entry is gettext's guess from a similar text, not a translation
        e.msgid
        for e in extracted
        if "fuzzy" in e.flags or not e.msgstrs or not all(e.msgstrs.values())
    ]
    assert not missing, (
        f"{len(missing)} text(s) without English (run `make messages` and translate): "
        f"{missing[:10]}"
    )
