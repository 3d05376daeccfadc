"""The offline outbox's JavaScript, run by Node's own test runner (no browser needed)."""

import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).parent


def test_the_outbox_javascript_passes_its_node_tests():
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is needed for the outbox tests (.ci/run installs it)"
    result = subprocess.run(  # noqa: S603 - a fixed command on our own file
        [node, "--test", str(HERE / "js" / "outbox.test.js")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout


def test_the_quick_entry_scripts_parse(tmp_path):
    node = shutil.which("node") or shutil.which("nodejs")
    static = HERE.parents[1] / "consultants" / "static" / "consultants"
    for name in ("outbox.js", "quickentry.js"):
        result = subprocess.run(  # noqa: S603
            [node, "--check", str(static / name)], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, f"{name}: {result.stderr}"
    # the service worker has two placeholders the view fills in
    source = (static / "sw.js").read_text().replace("__APP_SHELL__", '["/a"]')
    filled = tmp_path / "sw.js"
    filled.write_text(source.replace("__VERSION__", "v1"))
    result = subprocess.run(  # noqa: S603
        [node, "--check", str(filled)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
