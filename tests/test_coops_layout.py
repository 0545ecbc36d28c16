"""The directory app's modules depend one way (issue 11): a new cycle fails here."""

import ast
import pathlib

from coops.models import CoopPage

COOPS = pathlib.Path(__file__).resolve().parent.parent / "coops"
PROJECT = ("coops", "core", "news", "home", "search", "coopsite")


def module_name(path):
    parts = path.relative_to(COOPS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules():
    return {
        module_name(path): ast.parse(path.read_text(encoding="utf-8"))
        for path in COOPS.rglob("*.py")
        if "migrations" not in path.parts
    }


def imported(node, known):
    """The project modules an import statement names (`from coops import fields` too)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom) and node.module:
        # `from coops.models import choices` imports the submodule, not the package's names.
        submodules = [f"{node.module}.{alias.name}" for alias in node.names]
        names = [name for name in submodules if name in known] or [node.module]
    else:
        return []
    return [name for name in names if name.split(".")[0] in PROJECT]


def test_no_project_import_inside_a_function_or_class():
    """An import inside a function to dodge a cycle is a cycle."""
    known = modules()
    hidden = [
        (name, node.lineno)
        for name, tree in known.items()
        for top in tree.body
        if not isinstance(top, ast.Import | ast.ImportFrom)
        for node in ast.walk(top)
        if imported(node, known)
    ]
    assert hidden == []


def test_coops_imports_no_site_app():
    known = modules()
    names = {
        target for tree in known.values() for node in tree.body for target in imported(node, known)
    }
    assert {name.split(".")[0] for name in names} <= {"coops", "core"}


def test_no_import_cycle_between_coops_modules():
    """Edges are the modules a module imports at its top (a package's `__init__` re-exports)."""
    known = modules()
    graph = {
        name: {t for node in tree.body for t in imported(node, known) if t in known and t != name}
        for name, tree in known.items()
    }

    def cycle_from(start, path):
        for target in graph[path[-1]]:
            if target == start:
                return [*path, target]
            if target not in path:
                found = cycle_from(start, [*path, target])
                if found:
                    return found
        return None

    assert [cycle for name in graph if (cycle := cycle_from(name, [name]))] == []


def test_default_manager_is_plain():
    """Listings choose what they load (`with_cards()`, `with_related()`, `for_export()`)."""
    queryset = CoopPage.objects.all()
    assert queryset._prefetch_related_lookups == ()
    assert queryset.query.select_related is False
