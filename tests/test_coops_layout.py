"""The directory app's shape beyond tests/test_architecture.py (cycles, one-way dependencies)."""

import ast
import pathlib

from coops.models import CoopPage

COOPS = pathlib.Path(__file__).resolve().parent.parent / "coops"
PROJECT = {"coopsite", "search", "home", "news", "coops", "core", "bench"}


def test_no_project_import_inside_a_function_or_class():
    """Every project import of coops stands at the top of its module, where a reader sees it."""
    hidden = []
    for path in COOPS.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for top in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(top, ast.Import | ast.ImportFrom):
                continue
            for node in ast.walk(top):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [node.module or "."]
                else:
                    continue
                if any(name.split(".")[0] in PROJECT or name == "." for name in names):
                    hidden.append(f"{path.relative_to(COOPS.parent)}:{node.lineno}")
    assert hidden == []


def test_default_manager_is_plain():
    """Listings choose what they load (`with_cards()`, `with_related()`, `for_export()`)."""
    queryset = CoopPage.objects.all()
    assert queryset._prefetch_related_lookups == ()
    assert queryset.query.select_related is False
