"""The plugin (core, coops, news) installs into any Wagtail site: what a host site relies on."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_APPS = ("core", "coops", "news")
SITE_PACKAGES = ("coopsite", "home", "search")


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("app", PLUGIN_APPS)
def test_plugin_apps_never_import_the_site(app):
    offending = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in (ROOT / app).rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in SITE_PACKAGES
    ]
    assert offending == []


def test_the_import_check_notices_a_site_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("from home.models import HomePage\nimport search.views\n")
    assert list(imported_modules(module)) == ["home.models", "search.views"]


def test_plugin_alone_migrates_and_serves_both_apis():
    """A separate pytest process with tests.plugin.settings (no coopsite, home or search)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.plugin.settings"}
    result = subprocess.run(  # noqa: S603 - our own interpreter and test file
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--ds=tests.plugin.settings",
            "--create-db",
            "--noconftest",
            "tests/plugin/check_plugin.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "2 passed" in result.stdout
