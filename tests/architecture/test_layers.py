"""The layer rule of docs/ARCHITECTURE.md, checked on the source: the runtime
imports nothing above it, each part of fourd imports only the layers below
it, and no parts import each other in a circle. Every import counts: at
module level, inside functions, and ``importlib.import_module("fourd.…")``
with a literal name."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "fourd"
ARCHITECTURE = PACKAGE.parent / "docs" / "ARCHITECTURE.md"
LONGEST_MODULE = 600      # lines; a longer module is named in ARCHITECTURE.md, with why

#: The layers, bottom first, as docs/ARCHITECTURE.md draws them: a part
#: (a package of fourd, or a top-level module) imports only from its own
#: layer's parts and the layers below.
LAYERS = [
    {"cache"},
    {"runtime"},
    {"syntax"},
    {"builtins"},
    {"compiler"},
    {"loader"},
    {"runner", "repl", "testing", "check", "dap", "support_report", "cli", "__main__"},
]

#: The packages of built-in commands and classes form one part: they register
#: what 4D code calls, and may use each other's helpers.
BUILTINS = {"api", "commands", "net", "web"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The fourd modules *path* imports, at any depth of its code."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return _imports_in(path.read_text(encoding="utf-8"), package)


def _imports_in(source: str, package: str) -> set[str]:
    """The fourd modules that *source*, a module of *package*, imports."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", ""))
              in ("import_module", "__import__") and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.add(node.args[0].value)
    return {name for name in found if name == "fourd" or name.startswith("fourd.")}


def _part(module: str) -> str:
    """The part of fourd a module belongs to: its subpackage (``runtime``,
    ``compiler``…, ``builtins`` for api, commands, net and web) or, for a
    top-level module, the module (``cache``)."""
    parts = module.split(".")
    if len(parts) < 2:
        return ""
    return "builtins" if parts[1] in BUILTINS else parts[1]


def _sources():
    return sorted(PACKAGE.rglob("*.py"))


def _part_graph() -> dict[str, dict[str, set[str]]]:
    """part -> {part it imports -> the modules importing it}"""
    graph: dict[str, dict[str, set[str]]] = {}
    for path in _sources():
        module = _module_name(path)
        source = _part(module)
        edges = graph.setdefault(source, {})
        for target in _imports(path):
            part = _part(target)
            if part and part != source and (part == "builtins" or (PACKAGE / part).is_dir()
                                            or (PACKAGE / f"{part}.py").exists()):
                edges.setdefault(part, set()).add(module)
    return graph


@pytest.mark.parametrize("path", [p for p in _sources() if p.parent.name == "runtime"],
                         ids=lambda p: p.stem)
def test_runtime_imports_nothing_above_it(path):
    above = sorted(name for name in _imports(path) if not name.startswith("fourd.runtime"))
    assert above == [], f"{_module_name(path)} imports {above}: the runtime is the floor"


def test_the_checks_see_lazy_relative_and_dynamic_imports():
    source = ("from .values import Obj\n"
              "def late():\n"
              "    from ..compiler import codegen\n"
              "    importlib.import_module('fourd.net.tcp')\n")
    assert _imports_in(source, "fourd.runtime") == {
        "fourd.runtime.values", "fourd.runtime.values.Obj", "fourd.compiler", "fourd.compiler.codegen",
        "fourd.net.tcp"}


def test_packages_do_not_import_each_other_in_a_circle():
    graph = _part_graph()
    cycles = []

    def visit(part, trail):
        for target in graph.get(part, {}):
            if target in trail:
                cycle = trail[trail.index(target):] + [target]
                cycles.append(" -> ".join(cycle) + f" (through {sorted(graph[part][target])})")
            elif target not in done:
                visit(target, trail + [target])
        done.add(part)

    done: set[str] = set()
    for part in sorted(graph):
        if part not in done:
            visit(part, [part])
    assert cycles == []


def test_every_part_imports_only_the_layers_below_it():
    rank = {part: i for i, layer in enumerate(LAYERS) for part in layer}
    graph = _part_graph()
    unplaced = sorted(part for part in graph if part and part not in rank)
    assert unplaced == [], f"{unplaced}: add them to LAYERS here and to the picture in docs/ARCHITECTURE.md"
    upward = sorted(f"{part} -> {target} (in {sorted(modules)})" for part, targets in graph.items() if part
                    for target, modules in targets.items() if rank[target] > rank[part])
    assert upward == []


def test_modules_longer_than_600_lines_are_explained_in_architecture_md():
    explained = ARCHITECTURE.read_text(encoding="utf-8")
    long = sorted(path.relative_to(PACKAGE).as_posix() for path in _sources()
                  if len(path.read_text(encoding="utf-8").splitlines()) > LONGEST_MODULE)
    assert [path for path in long if f"`{path}`" not in explained] == []
