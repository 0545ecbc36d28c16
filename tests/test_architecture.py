"""The shape a new developer relies on: dependencies one way, no import cycles, small modules.

Every import counts, also one inside a function: an import moved into a function to dodge
a cycle is still a cycle (STYLE.md).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("coopsite", "search", "home", "news", "coops", "core", "bench")
#: Who may import whom (DESIGN.md: coopsite → search, home → news → coops → core → wagtail).
MAY_IMPORT = {
    "core": {"core"},
    "coops": {"coops", "core"},
    "news": {"news", "coops", "core"},
    "home": {"home", "news", "coops", "core"},
    "search": {"search", "home", "news", "coops", "core"},
    "coopsite": set(PACKAGES) - {"bench"},
    "bench": set(PACKAGES),
}
MAX_LINES = 400


def project_modules(root=ROOT):
    """{dotted module name: path} for every module outside migrations."""
    modules = {}
    for package in PACKAGES:
        for path in (root / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def import_graph(modules):
    """{module: {project modules it imports, at any depth of the file}}."""

    def resolve(name):
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    base = f"{anchor}.{base}" if base else anchor
                # `from coops import exports` imports the submodule coops.exports.
                targets.update(
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in node.names
                )
        graph[name] = {resolved for t in targets if (resolved := resolve(t)) not in (None, name)}
    return graph


def cycles(graph):
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles():
    assert cycles(import_graph(project_modules())) == []


def test_dependencies_point_one_way():
    wrong = [
        f"{module} imports {target}"
        for module, targets in import_graph(project_modules()).items()
        for target in targets
        if target.split(".")[0] not in MAY_IMPORT[module.split(".")[0]]
    ]
    assert wrong == []


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_over_400_lines(package):
    long = {
        str(path.relative_to(ROOT)): lines
        for name, path in project_modules().items()
        if name.split(".")[0] == package
        and (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_cycle_check_notices_a_cycle_hidden_in_a_function(tmp_path):
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "__init__.py").write_text("")
    (tmp_path / "core" / "a.py").write_text("from core import b\n")
    (tmp_path / "core" / "b.py").write_text("def f():\n    from core.a import x\n")
    (tmp_path / "core" / "c.py").write_text("from . import a\n")
    graph = import_graph(project_modules(tmp_path))
    assert graph["core.c"] == {"core.a"}
    assert cycles(graph) == [["core.a", "core.b"]]
