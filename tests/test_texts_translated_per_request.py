"""A text translated when a module is loaded is translated once, in the language active then
(Danish), and stays Danish for an English visitor. Texts at module or class level use the lazy
``gettext_lazy``; the eager ``gettext`` only inside functions, which run per request."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_PACKAGES = ("trivsel", "conference", "consultants", "initiatives")
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}


def _eager_names(tree: ast.Module) -> set[str]:
    return {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EAGER
    }


def _load_time_statements(tree: ast.Module):
    """Statements run when the module loads: the module body and class bodies, not functions."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if isinstance(node, ast.ClassDef):
            pending.extend(node.body)
            pending.extend(node.decorator_list)
            continue
        yield node


def eager_texts_at_load(source: str) -> list[int]:
    tree = ast.parse(source)
    eager = _eager_names(tree)
    return sorted(
        call.lineno
        for statement in _load_time_statements(tree)
        for call in ast.walk(statement)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id in eager
        and not _inside_function(statement, call)
    )


def _inside_function(statement, call) -> bool:
    """A lambda or nested def in a load-time statement runs later, per call."""
    return any(
        isinstance(node, ast.Lambda | ast.FunctionDef | ast.AsyncFunctionDef)
        and any(inner is call for inner in ast.walk(node))
        for node in ast.walk(statement)
    )


def test_no_app_module_translates_a_text_when_it_is_loaded():
    found = []
    for package in APP_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for line in eager_texts_at_load(path.read_text(encoding="utf-8")):
                found.append(f"{path.relative_to(ROOT)}:{line}")
    assert not found, f"use gettext_lazy for texts made at load time: {found}"


def test_the_check_finds_a_class_attribute_and_spares_a_method_and_a_lambda():
    source = (
        "from django.utils.translation import gettext as _\n"
        "TITLE = _('Forside')\n"
        "class View:\n"
        "    title = _('Skoler')\n"
        "    key = lambda row: _('Ja')\n"
        "    def get(self):\n"
        "        return _('Nej')\n"
    )
    assert eager_texts_at_load(source) == [2, 4]
