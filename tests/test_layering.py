"""The layering rules of CONTRIBUTING.md ("data flows one way"), read from the source with ast.

Every ``import`` in every module under src/policebench counts, also those inside functions
(the lazy imports that keep start-up fast) and under ``TYPE_CHECKING``; importing
``a.b.c`` also runs ``a`` and ``a.b``. A rule names the modules it guards and the packages
they must not reach, directly or through other policebench modules; a failure lists each
chain of imports that breaks it, with the file and line of its first step.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "policebench"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted((SRC / PACKAGE).rglob("*.py"))}


MODULES = _modules()


def _is_package(module: str) -> bool:
    return MODULES.get(module, Path()).name == "__init__.py"


def imports(tree: ast.AST, module: str) -> Iterable[tuple[str, int]]:
    """The policebench modules that ``tree`` (the source of ``module``) imports, with lines.

    ``from a import b`` imports ``a.b`` when that is a module, else ``a``; relative imports
    are resolved against ``module``.
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = module.split(".") if _is_package(module) else module.split(".")[:-1]
                anchor = here[: len(here) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            if target == PACKAGE or target.startswith(PACKAGE + "."):
                yield target, node.lineno


def _graph() -> dict[str, dict[str, int]]:
    """Module -> {imported policebench module (and the packages above it): first line}."""
    graph: dict[str, dict[str, int]] = {}
    for module, path in MODULES.items():
        edges: dict[str, int] = {}
        for target, line in imports(ast.parse(path.read_text("utf-8")), module):
            parts = target.split(".")
            for k in range(1, len(parts) + 1):
                name = ".".join(parts[:k])
                if name != module and name in MODULES:
                    edges.setdefault(name, line)
        graph[module] = edges
    return graph


GRAPH = _graph()


def _inside(module: str, packages: Iterable[str]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def violations(guarded: Iterable[str], forbidden: Iterable[str]) -> list[str]:
    """Each shortest chain of imports from a ``guarded`` module into a ``forbidden`` package."""
    forbidden = tuple(forbidden)
    found = []
    for start in sorted(guarded):
        # Breadth first: the shortest chain to each module reached.
        chains = {start: [start]}
        queue = [start]
        while queue:
            module = queue.pop(0)
            if _inside(module, forbidden):
                continue  # reported below; what it imports in turn is that package's business
            for target in sorted(GRAPH[module]):
                if target not in chains:
                    chains[target] = [*chains[module], target]
                    queue.append(target)
        reached = [t for t in chains if _inside(t, forbidden)]
        for target in sorted(reached):
            # ``a.b`` reached also reaches the package ``a``: name the module, not both.
            if not any(other.startswith(target + ".") for other in reached):
                chain = chains[target]
                first = MODULES[start].relative_to(SRC.parent)
                line = GRAPH[start][chain[1]]
                found.append(f"{first}:{line}: {' -> '.join(chain)}")
    return found


def _select(*patterns: str) -> list[str]:
    """Modules named by ``patterns``: a module, or ``pkg.*`` for a package and everything in it."""
    out = []
    for pattern in patterns:
        if pattern.endswith(".*"):
            out += [m for m in MODULES if _inside(m, [pattern[:-2]])]
        else:
            assert pattern in MODULES, f"no module {pattern}: update the rule"
            out.append(pattern)
    return out


#: The modules that turn YAML into checked models: they know nothing of what is done after.
VALIDATION = _select(
    "policebench.validation.*",
    "policebench.models.*",
    "policebench.readers.*",
    "policebench.problems",
    "policebench.errors",
)


def test_validation_imports_no_analysis_render_or_cli() -> None:
    found = violations(
        VALIDATION,
        [
            "policebench.analysis",
            "policebench.report",
            "policebench.render",
            "policebench.workspace",
            "policebench.cli",
        ],
    )
    if found:
        pytest.fail(
            "readers and validation must not import workspace, analysis, report, render or cli:\n"
            + "\n".join(found)
        )


def test_analysis_and_report_are_pure() -> None:
    """The core computes: it reads no files, renders nothing and knows no command line."""
    found = violations(
        _select("policebench.scoring", "policebench.analysis.*", "policebench.report.*"),
        ["policebench.workspace", "policebench.readers", "policebench.render", "policebench.cli"],
    )
    if found:
        pytest.fail(
            "scoring, analysis and report must not import workspace, readers, render or cli:\n"
            + "\n".join(found)
        )


def test_render_imports_no_workspace_or_input_reading() -> None:
    found = violations(
        _select("policebench.render.*"),
        [
            "policebench.workspace",
            "policebench.readers",
            "policebench.cli",
        ],
    )
    if found:
        pytest.fail(
            "render must not import the input side (workspace, inputs, reading, checking):\n"
            + "\n".join(found)
        )


#: Packages whose private (``_x``) names no module outside them may use: import, read as
#: ``module._x``, or monkeypatch (``setattr(module, "_x", ...)`` or a dotted string).
SEALED = ("policebench.analysis.sensitivity",)
ROOT = SRC.parent


def private_uses(tree: ast.AST, sealed: str = SEALED[0]) -> list[tuple[int, str]]:
    """Where ``tree`` uses a private name of a module in the package ``sealed``."""

    def private(name: str) -> bool:
        return name.startswith("_") and not name.startswith("__")

    inside: set[str] = set()  # local names bound to modules of the package
    found: list[tuple[int, str]] = []
    nodes = list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _inside(alias.name, [sealed]) and alias.asname:
                    inside.add(alias.asname)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                if _inside(node.module, [sealed]) and private(alias.name):
                    found.append((node.lineno, f"from {node.module} import {alias.name}"))
                elif _inside(name, [sealed]) and name in MODULES:
                    inside.add(alias.asname or alias.name)
    for node in nodes:
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in inside
            and private(node.attr)
        ):
            found.append((node.lineno, f"{node.value.id}.{node.attr}"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "setattr"
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in inside
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and private(node.args[1].value)
        ):
            found.append((node.lineno, f"setattr({node.args[0].id}, {node.args[1].value!r})"))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _inside(node.value, [sealed])
            and private(node.value.rsplit(".", 1)[-1])
        ):
            found.append((node.lineno, repr(node.value)))
    return sorted(found)


def test_nothing_outside_the_sensitivity_package_uses_its_private_names() -> None:
    found = []
    for sealed in SEALED:
        package_dir = SRC.joinpath(*sealed.split("."))
        for folder in (SRC / PACKAGE, ROOT / "tests", ROOT / "benchmarks"):
            for path in sorted(folder.rglob("*.py")):
                if path.is_relative_to(package_dir):
                    continue
                for line, use in private_uses(ast.parse(path.read_text("utf-8")), sealed):
                    found.append(f"{path.relative_to(ROOT)}:{line}: {use}")
    if found:
        pytest.fail(
            "a private name of a sealed package is used outside it (make it public, or move "
            "the use inside):\n" + "\n".join(found)
        )


def test_render_modules_form_no_cycle_and_share_no_private_names() -> None:
    # Shared chart pieces live in render/svg.py under public names: no chart module takes a
    # ``_x`` from another, and no import goes round in a circle (lazy imports included).
    render = [m for m in MODULES if _inside(m, ["policebench.render"])]
    found = []
    for module in render:
        tree = ast.parse(MODULES[module].read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and _inside(node.module or "", render):
                found += [
                    f"{MODULES[module].relative_to(ROOT)}:{node.lineno}: "
                    f"from {node.module} import {a.name}"
                    for a in node.names
                    if a.name.startswith("_") and node.module != module
                ]
        # Breadth first through render modules, back to ``module``? (The package's own
        # ``__init__``, which every submodule import runs, imports nothing.)
        chains = {module: [module]}
        queue = [module]
        while queue:
            here = queue.pop(0)
            for target in sorted(GRAPH[here]):
                if target == module:
                    found.append(" -> ".join([*chains[here], module]))
                elif target in render and target not in chains:
                    chains[target] = [*chains[here], target]
                    queue.append(target)
    if found:
        pytest.fail("render modules: a private name shared or a cycle:\n" + "\n".join(found))


# --- the rules' own machinery ---------------------------------------------------------------


def test_every_import_form_is_seen() -> None:
    source = (
        "import policebench.models\n"
        "from policebench import problems\n"
        "def f():\n"
        "    from policebench.analysis import gaps\n"
        "from . import base\n"
        "from ..errors import UserError\n"
        "import json\n"
    )
    seen = sorted(imports(ast.parse(source), "policebench.models.rubric"))
    assert seen == [
        ("policebench.analysis.gaps", 4),
        ("policebench.errors", 6),
        ("policebench.models", 1),
        ("policebench.models.base", 5),
        ("policebench.problems", 2),
    ]


def test_the_rules_guard_real_modules_and_see_their_imports() -> None:
    assert {
        "policebench.validation.build",
        "policebench.models.rubric",
        "policebench.readers.yaml",
    } <= set(VALIDATION)
    assert "policebench.validation.rubric_checks" in GRAPH["policebench.validation.build"]
    # Chains are found through other modules, not only direct imports; the shortest is shown.
    assert violations(["policebench.validation.build"], ["policebench.models.rubric"]) == [
        "src/policebench/validation/build.py:"
        f"{GRAPH['policebench.validation.build']['policebench.models']}: "
        "policebench.validation.build -> policebench.models -> policebench.models.rubric"
    ]


def test_every_private_use_is_seen() -> None:
    source = (
        "from policebench.analysis.sensitivity import _workers, run\n"
        "from policebench.analysis.sensitivity import workers\n"
        "import policebench.analysis.sensitivity.stats as stats\n"
        "real = workers._in_processes\n"
        "monkeypatch.setattr(workers, '_stripe', None)\n"
        "monkeypatch.setattr('policebench.analysis.sensitivity._CHUNK', 1)\n"
        "ok = (workers.PROCESS_MIN, stats.rank_order, workers.__name__)\n"
    )
    assert private_uses(ast.parse(source)) == [
        (1, "from policebench.analysis.sensitivity import _workers"),
        (4, "workers._in_processes"),
        (5, "setattr(workers, '_stripe')"),
        (6, "'policebench.analysis.sensitivity._CHUNK'"),
    ]


def test_no_module_imports_a_private_name_of_another_module() -> None:
    """``from policebench.x import _y`` across modules: a name shared is a public name
    (within a module, or through the package's own __init__, ``_`` stays private)."""
    found = []
    src = Path(__file__).resolve().parent.parent / "src"
    for path in sorted(src.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("policebench"):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        found.append(f"{path.relative_to(src)}:{node.lineno}: {alias.name}")
    assert found == [], "\n".join(found)


def test_no_command_module_imports_another() -> None:
    """What two commands share lives in cli/common, cli/reporting or cli/profile_output."""
    commands = _select("policebench.cli.commands.*")
    found = [
        f"{MODULES[m].relative_to(ROOT)}:{line}: imports {target}"
        for m in commands
        for target, line in GRAPH[m].items()
        if target in commands and target != "policebench.cli.commands"
    ]
    assert not found, "\n".join(found)


def _layout_names() -> set[str]:
    """The files and folders the CONTRIBUTING.md tree names, as paths under src/policebench."""
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    block = text.split("<!-- layout -->", 1)[1].split("```", 2)[1]
    names: set[str] = set()
    stack: list[tuple[int, str]] = []
    for line in block.splitlines()[2:]:  # the fence's language line and the root
        marker = max(line.find("├── "), line.find("└── "))
        if marker < 0:
            continue
        entry = line[marker + 4 :].split("  ", 1)[0].strip()
        depth = marker // 4
        stack = [(d, n) for d, n in stack if d < depth]
        parent = stack[-1][1] if stack else ""
        for name in (n.strip() for n in entry.split(",")):
            full = f"{parent}{name}"
            names.add(full.rstrip("/"))
            if name.endswith("/"):
                stack.append((depth, full))
    return names


def test_the_layout_in_contributing_is_the_tree_on_disk() -> None:
    package = SRC / PACKAGE
    on_disk = {
        str(p.relative_to(package))
        for p in package.rglob("*")
        if "__pycache__" not in p.parts
        and (p.is_dir() or (p.suffix == ".py" and p.name not in ("__init__.py", "__main__.py")))
    }
    # Private modules of readers/yaml are named in its line, not one per line.
    on_disk = {p for p in on_disk if not p.startswith("readers/yaml/_")}
    named = _layout_names() - {"workspace/__init__.py"}
    assert sorted(named - on_disk) == [], "CONTRIBUTING.md names what is not on disk"
    assert sorted(on_disk - named) == [], "on disk but not in CONTRIBUTING.md's tree"
