"""The house stands in layers: nothing below imports what stands above it, and no circles.

Ground to roof: `foundation` (the translated base page and its helpers), `guidance`,
`courses`, then `search` and `alerts` (which read the page types), then `portal` (the
site: settings, URLs, home page, health, demo loading). Every import counts, including
one written inside a function to dodge a circle at load time.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = {"foundation": 0, "guidance": 1, "courses": 2, "search": 3, "alerts": 3, "portal": 4}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    modules = {}
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            modules[module_name(path)] = path
    return modules


def imported_names(path, name):
    """Every module named by an import in the file, at any depth of the code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield base, node.lineno
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


@pytest.fixture(scope="module")
def graph():
    """Project module -> {project module it imports: line}."""
    modules = project_modules()
    edges = defaultdict(dict)
    for name, path in modules.items():
        for target, line in imported_names(path, name):
            # `from guidance.models import Theme` depends on guidance.models; a name that is
            # a module (`from portal import views`) depends on that module.
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                edges[name].setdefault(target, line)
    return modules, edges


def test_every_app_is_in_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(LAYERS), "Put a new app in LAYERS, above everything it imports."


def test_no_import_runs_up_or_sideways(graph):
    modules, edges = graph
    wrong = []
    for source, targets in edges.items():
        source_app = source.split(".")[0]
        for target, line in targets.items():
            target_app = target.split(".")[0]
            if target_app != source_app and LAYERS[target_app] >= LAYERS[source_app]:
                wrong.append(f"{modules[source].relative_to(ROOT)}:{line} imports {target}")
    assert wrong == [], "\n".join(wrong)


def test_no_import_circle(graph):
    modules, edges = graph
    circles = strongly_connected(edges)
    described = [" -> ".join(sorted(circle)) for circle in circles if len(circle) > 1]
    assert described == [], "\n".join(described)


def strongly_connected(edges):
    """Tarjan's algorithm, iterative: the groups of modules that import each other round."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    nodes = set(edges) | {target for targets in edges.values() for target in targets}
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                found.append(group)
    return found
