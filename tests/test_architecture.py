"""The shape of the source tree, as rules a test can check.

- Layers: each module belongs to one layer of ``LAYERS`` and imports only
  modules of its own layer or of the layers below it (an import under
  ``if TYPE_CHECKING:`` aside: it runs for the type checker only).
- No import cycle, in a layer or across layers.
- Size: no file over 1,000 lines (generated tables aside), no function over
  120 lines.
- Diagnostic codes are the constants of ``shapelint.codes``: no string
  literal spelled ``"SLxxx"`` anywhere else in the source.
- The models of the API (``api/``) see the interpreter
  through ``interp.context`` only, never the Evaluator or its parts.

``KNOWN`` lists what is left to fix of each rule (a ratchet: a new case
fails, a fixed one must be struck off).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = SRC / "shapelint"

#: The layers, top first: a module belongs to the longest prefix listed
#: (a package stands for its modules; "shapelint" for its __init__ only).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "front doors",
        (
            "shapelint.__main__",
            "shapelint.cli",
            "shapelint.lsp",
            "shapelint.lsp_transport",
            "shapelint.lsp_workers",
            "shapelint.diff",
            "shapelint.parallel",
            "shapelint.report",
        ),
    ),
    (
        "pipeline",
        (
            "shapelint.analysis",
            "shapelint.incremental",
            "shapelint.summary",
            "shapelint.results",
            "shapelint.discovery",
            "shapelint.config",
            "shapelint.suppressions",
            "shapelint.prefilter",
            "shapelint.cache",
            "shapelint.result_codec",
        ),
    ),
    # the API's models: the dispatch of the interpreter's questions, Keras'
    # objects, layers, models, operations and training, then the models of
    # Python, NumPy, TensorFlow's and scikit-learn's functions
    ("api dispatch", ("shapelint.api.dispatch",)),
    ("keras models", ("shapelint.api.keras",)),
    ("api", ("shapelint.api",)),
    ("interpreter", ("shapelint.interp",)),
    ("catalogue", ("shapelint.catalogue",)),
    ("domain", ("shapelint.domain",)),
    (
        "reading",
        (
            "shapelint.parse",
            "shapelint.prune",
            "shapelint.positions",
            "shapelint.sources",
            "shapelint.ipython_input",
            "shapelint.lines",
        ),
    ),
    (
        "base",
        (
            "shapelint",
            "shapelint.versions",
            "shapelint.pyvalues",
            "shapelint.codes",
            "shapelint.diagnostics",
            "shapelint.reads",
            "shapelint.processes",
            "shapelint.collector",
        ),
    ),
)

#: What is left to fix (see the module's docstring).
KNOWN_CYCLES: tuple[frozenset[str], ...] = ()
KNOWN_UPWARD: frozenset[tuple[str, str]] = frozenset()
KNOWN_LONG_FILES: frozenset[str] = frozenset()
KNOWN_LONG_FUNCTIONS: frozenset[str] = frozenset()
KNOWN_CODE_STRINGS: frozenset[str] = frozenset()

MAX_FILE_LINES = 1000
MAX_FUNCTION_LINES = 120
#: Generated files, exempt from the size limit.
GENERATED = frozenset({"catalogue/applications_table.py"})
CODE_STRING = re.compile(r"SL\d{3}")


@dataclass(frozen=True)
class Module:
    name: str  # dotted, without the leading "shapelint."
    path: Path
    tree: ast.Module

    @property
    def relative(self) -> str:
        return self.path.relative_to(PACKAGE).as_posix()


@lru_cache(maxsize=1)
def modules() -> dict[str, Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        dotted = ".".join(parts)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found[dotted] = Module(dotted, path, tree)
    return found


def _short(dotted: str) -> str:
    return dotted.removeprefix("shapelint.") if dotted != "shapelint" else "shapelint"


def _type_checking_nodes(tree: ast.Module) -> set[int]:
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for stmt in node.body:
                hidden.update(id(n) for n in ast.walk(stmt))
    return hidden


def _imported(module: Module, known: dict[str, Module]) -> Iterator[str]:
    """The project modules ``module`` imports at run time (at any depth:
    an import inside a function runs when it is called)."""
    hidden = _type_checking_nodes(module.tree)
    package = module.name if module.path.name == "__init__.py" else module.name.rpartition(".")[0]
    for node in ast.walk(module.tree):
        if id(node) in hidden:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                stem = ".".join([*base, *([node.module] if node.module else [])])
            else:
                stem = node.module or ""
            # `from pkg import sub` imports the submodule; the package itself
            # counts only when a name comes from its __init__
            subs = [f"{stem}.{alias.name}" for alias in node.names]
            names = [*subs, *([stem] if any(sub not in known for sub in subs) else [])]
        for name in names:
            # `import a.b.c` imports a and a.b too, but only the deepest counts here
            if name in known and name != module.name:
                yield name


@lru_cache(maxsize=1)
def import_graph() -> dict[str, frozenset[str]]:
    known = modules()
    return {name: frozenset(_imported(m, known)) for name, m in known.items()}


def layer_of(dotted: str) -> int:
    best, best_len = -1, -1
    for index, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            below = dotted.startswith(prefix + ".") and prefix != "shapelint"
            if (dotted == prefix or below) and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    return best


def cycles(graph: dict[str, frozenset[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


# -- the rules --------------------------------------------------------------------------------


def test_every_module_has_a_layer() -> None:
    unplaced = [name for name in modules() if layer_of(name) < 0]
    assert not unplaced, f"add these modules to a layer of LAYERS: {unplaced}"


def test_layers_import_only_downwards() -> None:
    upward = set()
    for name, imported in import_graph().items():
        for target in imported:
            if layer_of(target) < layer_of(name):
                upward.add((_short(name), _short(target)))
    assert upward <= KNOWN_UPWARD, f"imports of a higher layer: {sorted(upward - KNOWN_UPWARD)}"
    assert not KNOWN_UPWARD - upward, f"fixed, strike off: {sorted(KNOWN_UPWARD - upward)}"


def test_no_import_cycle() -> None:
    found = [frozenset(_short(m) for m in c) for c in cycles(dict(import_graph()))]
    new = [sorted(c) for c in found if not any(c <= known for known in KNOWN_CYCLES)]
    assert not new, f"import cycles: {new}"
    stale = [sorted(k) for k in KNOWN_CYCLES if not any(c == k for c in found)]
    assert not stale, f"these cycles changed or are gone: update KNOWN_CYCLES: {stale}"


def test_file_sizes() -> None:
    long = {
        m.relative
        for m in modules().values()
        if m.relative not in GENERATED
        and len(m.path.read_text(encoding="utf-8").splitlines()) > MAX_FILE_LINES
    }
    assert long <= KNOWN_LONG_FILES, f"over {MAX_FILE_LINES} lines: {sorted(long)}"
    assert not KNOWN_LONG_FILES - long, f"fixed, strike off: {sorted(KNOWN_LONG_FILES - long)}"


def test_function_sizes() -> None:
    long = set()
    for m in modules().values():
        for node in ast.walk(m.tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES:
                long.add(f"{m.relative}:{node.name}")
    assert long <= KNOWN_LONG_FUNCTIONS, f"over {MAX_FUNCTION_LINES} lines: {sorted(long)}"
    assert not KNOWN_LONG_FUNCTIONS - long, f"fixed: {sorted(KNOWN_LONG_FUNCTIONS - long)}"


def test_codes_are_named_constants() -> None:
    spelled = set()
    for m in modules().values():
        if m.name == "shapelint.codes":
            continue
        for node in ast.walk(m.tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and CODE_STRING.fullmatch(node.value)
            ):
                spelled.add(m.relative)
    assert spelled <= KNOWN_CODE_STRINGS, f'"SLxxx" spelled out: {sorted(spelled)}'
    assert not KNOWN_CODE_STRINGS - spelled, f"fixed: {sorted(KNOWN_CODE_STRINGS - spelled)}"


def test_every_code_has_its_constant() -> None:
    from shapelint import codes

    constants = {
        name: value
        for name, value in vars(codes).items()
        if name.isupper() and isinstance(value, str) and CODE_STRING.fullmatch(value)
    }
    assert sorted(constants.values()) == sorted(codes.CODES)
    for name, value in constants.items():
        assert name == codes.CODES[value].name.upper().replace("-", "_")


#: What the models of the API may not import of the interpreter: they see it
#: through interp.context's Context (the values, scopes, budgets and import
#: paths they share with it aside).
INTERPRETER_ONLY = (
    "shapelint.interp.evaluator",
    "shapelint.interp.statements",
    "shapelint.interp.expressions",
    "shapelint.interp.calls",
    "shapelint.interp.signals",
)


def test_models_see_the_interpreter_through_its_context() -> None:
    models = [name for name in import_graph() if name.startswith("shapelint.api.")]
    assert "shapelint.api.dispatch" in models
    reaching = sorted(
        (_short(name), _short(target))
        for name in models
        for target in import_graph()[name]
        if target in INTERPRETER_ONLY
    )
    assert not reaching, f"models importing the interpreter itself: {reaching}"


def test_the_rules_see_imports() -> None:
    """The checks above are not vacuous: the graph holds the imports."""
    graph = import_graph()
    assert "shapelint.codes" in graph["shapelint.diagnostics"]
    assert "shapelint.analysis" in graph["shapelint.cli"]
    # an import under TYPE_CHECKING is not an edge
    assert "shapelint.incremental" not in graph["shapelint.parse"]
