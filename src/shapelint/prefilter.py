"""Can a file build a Keras model? The tests that run before LibCST.

LibCST parses 0.2-0.6 MB of code per second; most Python files, even in
Keras' own source, build no model. So a file reaches LibCST only if it passes
two tests, both conservative: a file they let through may still build
nothing, a file they stop cannot give a finding or a model.

1. Text (``analysis.could_build_models``): the file names Keras, or imports a
   module of its project that does.
2. CPython's tree, which the syntax gate builds anyway (~10x cheaper than
   LibCST; the same walk measures its depth): the code must *use* something
   that makes a Keras object, as the evaluator makes them. Every layer, model
   and tensor the evaluator works with (so every finding and every summary)
   comes from one of

   - a call of a Keras reference whose last name is a creator: a catalogued
     layer class or alias, ``Sequential``, ``Model``, ``Functional``,
     ``Input``, a ``keras.applications`` builder, a functional merge form
     (``add``, ``concatenate``, ... under ``layers``), or any capitalised name
     under ``layers`` (an unknown layer, reported as SL301);
   - an instance of a user class deriving from a Keras class (a subclassed
     model or custom layer);
   - a function or class of another module of the project that does either.

   A reference is a name or an attribute chain in the code: names in strings
   and comments do not count, nor names that can only mean something else
   (a ``def``/``class`` of that name, or an import from a module that is
   neither Keras nor the project: ``numpy.add``, ``torch.nn.Sequential``),
   nor a user class that is never instantiated (a class named only in its
   definition, as the first argument of ``super`` or as the class argument
   of ``isinstance``/``issubclass``). Everything else is taken to be used:
   a name bound by an assignment or a parameter may hold anything.

The evaluator's creation points are the registrations marked ``creates`` in
the API's registry (``api/keras/creators.py``, read here without importing
their models) and ``api/keras/subclassing.py`` (``instantiate``); a new kind
of creation is registered there, and ``tests/test_prefilter.py`` checks, on
every fixture and test program, that no file the prefilter stops has findings
or models when analysed anyway.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from shapelint import reads
from shapelint.api.keras.creators import unlisted_layer_class

if TYPE_CHECKING:
    from shapelint.interp.modules import Roots

#: what a cached value noted while it was computed (``reads``), to note again
Looked = tuple[tuple[Path, reads.Look], ...]

# Binding kinds of a name (scopes are merged: a name bound anywhere counts).
DEF = 1  # def NAME / class NAME
OTHER_IMPORT = 2  # imported from a module that is neither Keras nor the project
KERAS = 4  # imported from a Keras spelling (keras, tensorflow.keras, tf_keras, ...)
PROJECT = 8  # imported from a module of the project
OTHER = 16  # assigned, a parameter, a loop/with/except target, global, ...

_INERT = DEF | OTHER_IMPORT

_creator_names: Optional[frozenset[str]] = None
_base_names: Optional[frozenset[str]] = None
_forms: Optional[frozenset[str]] = None


def _creators() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(creators, Keras base classes of user classes, merge forms under
    layers): the names the API's registry marks ``creates``
    (api/keras/creators.py)."""
    global _creator_names, _base_names, _forms
    if _creator_names is None:
        from shapelint.api.keras.creators import creator_names

        _creator_names, _forms = creator_names()
        _base_names = _creator_names | {"Layer"}
    assert _base_names is not None and _forms is not None
    return _creator_names, _base_names, _forms


#: An attribute read: (attribute, the chain's names outermost first, its root
#: name or None when the chain starts at a call, a subscript, ...).
Attr = tuple[str, tuple[str, ...], Optional[str]]
#: A base class expression: ("name", name), ("attr", names, root) or ("expr",).
Base = tuple[Any, ...]


@dataclass
class Facts:
    """What one walk of CPython's tree tells about a file (no syntax nodes
    kept: the facts of imported modules are remembered for the whole run)."""

    depth: int = 0
    #: name -> OR of binding kinds
    binds: dict[str, int] = field(default_factory=dict)
    #: Keras imports: bound name -> the dotted paths it was imported as
    keras_paths: dict[str, list[str]] = field(default_factory=dict)
    #: project imports: bound name -> module paths
    project_files: dict[str, list[Path]] = field(default_factory=dict)
    #: every name read, outside the non-creating positions
    loads: set[str] = field(default_factory=set)
    #: names read as values (not as the object of an attribute, not called):
    #: what may be stored, passed or returned
    value_loads: set[str] = field(default_factory=set)
    #: attribute chains read as values: (names, root)
    value_chains: list[tuple[tuple[str, ...], Optional[str]]] = field(default_factory=list)
    #: attribute reads whose attribute is a creator, a base or a merge form
    attributes: list[Attr] = field(default_factory=list)
    #: every attribute name read (a nested class is instantiated as ``Outer.Inner()``)
    attribute_names: set[str] = field(default_factory=set)
    #: (name, bases) of every class statement
    classes: list[tuple[str, tuple[Base, ...]]] = field(default_factory=list)
    keras_star: bool = False
    project_stars: list[Path] = field(default_factory=list)
    #: a ``layers`` module is imported (merge forms are Keras calls only under it)
    layers_import: bool = False
    #: the chains that go through ``layers`` (``keras.layers``, ``self.layers``)
    layers_chains: list[Attr] = field(default_factory=list)
    #: cached answers of ``_keras_flows`` and ``_layers_flow``
    flows: Optional[bool] = None
    layers_flows: Optional[bool] = None
    #: simple aliases ``a = b`` / ``a = b.c``: (target, source names, source root)
    aliases: list[tuple[str, tuple[str, ...], Optional[str]]] = field(default_factory=list)


def merge(parts: Sequence[Facts]) -> Facts:
    """The facts of a module from the facts of its top-level statements, each
    scanned as a module of its own (an editor re-scans only the statements an
    edit changed): what ``scan`` of the whole module gives, up to the order
    of the lists. Every fact is about one statement's own nodes, so they add
    up: the deepest depth, the union of the sets, the lists one after the
    other, binding kinds or-ed. The parts are not changed."""
    whole = Facts()
    for part in parts:
        for name, value in vars(part).items():
            if name in _CACHED_ANSWERS:
                continue
            mine = getattr(whole, name)
            if type(value) is bool:
                setattr(whole, name, mine or value)
            elif type(value) is int:
                setattr(whole, name, max(mine, value))
            elif type(value) is set:
                mine.update(value)
            elif type(value) is list:
                mine.extend(value)
            elif type(value) is dict:
                for key, item in value.items():
                    if type(item) is int:
                        mine[key] = mine.get(key, 0) | item
                    else:
                        mine.setdefault(key, []).extend(item)
            else:
                raise TypeError(f"prefilter.merge: no rule for Facts.{name}")
    return whole


#: Facts computed from the others when first asked (not merged).
_CACHED_ANSWERS = frozenset(("flows", "layers_flows"))


#: Built-ins that look at a class without instantiating it: which arguments.
_NON_CREATING_CALLS = {"isinstance": (0, 1), "issubclass": (0, 1), "super": (0,)}


def scan(tree: ast.Module, origin: Optional[Path] = None) -> Facts:
    """One walk of ``tree``: its depth, and the facts ``can_build`` needs."""
    _, bases, forms = _creators()
    wanted_attributes = bases | forms
    facts = Facts()
    walk = _Walk(facts, *_roots(origin))
    loads = facts.loads
    attributes = facts.attributes
    attribute_names = facts.attribute_names
    value_loads = facts.value_loads
    skipped, chained, quiet = walk.skipped, walk.chained, walk.quiet
    bind = walk.bind
    declarations = _DECLARATIONS

    deepest = 0
    stack: list[tuple[ast.AST, int]] = [(tree, 1)]
    pop, push = stack.pop, stack.append
    node_type = ast.AST
    Name, Attribute, Call, Load = ast.Name, ast.Attribute, ast.Call, ast.Load
    special = _SPECIAL_KINDS
    fields_of = _CHILD_FIELDS
    while stack:
        node, depth = pop()
        if depth > deepest:
            deepest = depth
        if quiet and id(node) in quiet:
            deepest = max(deepest, depth - 1 + _subtree_depth(node))
            continue
        kind = type(node)
        if kind not in special:
            pass  # (most nodes: only their children matter)
        elif kind is Name:
            if type(node.ctx) is Load:  # type: ignore[attr-defined]
                key = id(node)
                if key not in skipped:
                    loads.add(node.id)  # type: ignore[attr-defined]
                    if key not in chained:
                        value_loads.add(node.id)  # type: ignore[attr-defined]
            else:
                bind(node.id, OTHER)  # type: ignore[attr-defined]
            if depth + 1 > deepest:  # its ctx
                deepest = depth + 1
            continue
        elif kind is Attribute:
            attr = node.attr  # type: ignore[attr-defined]
            attribute_names.add(attr)
            key = id(node)
            chained.add(id(node.value))  # type: ignore[attr-defined]
            if attr == "layers":
                facts.layers_chains.append(("layers", *_chain(node)))  # type: ignore[arg-type]
            if key not in skipped:
                if attr in wanted_attributes or (attr[:1].isupper() and not attr.isupper()):
                    names, root = _chain(node)  # type: ignore[arg-type]
                    attributes.append((attr, names, root))
                if key not in chained and type(node.ctx) is Load:  # type: ignore[attr-defined]
                    facts.value_chains.append(_chain(node))  # type: ignore[arg-type]
        elif kind is Call:
            func = node.func  # type: ignore[attr-defined]
            chained.add(id(func))
            if type(func) is Name and func.id in _NON_CREATING_CALLS:
                args = node.args  # type: ignore[attr-defined]
                for index in _NON_CREATING_CALLS[func.id]:
                    if len(args) > index:
                        _skip(args[index], skipped)
        else:
            declarations[kind](node, walk)
        depth += 1
        fields = fields_of.get(kind) or _child_fields(kind)
        for name in fields[1]:  # a context or an operator: a leaf, one level down
            if getattr(node, name, None) and depth > deepest:
                deepest = depth
        for name in fields[0]:
            value = getattr(node, name, None)
            if type(value) is list:
                for v in value:
                    if isinstance(v, node_type):
                        push((v, depth))
            elif isinstance(value, node_type):
                push((value, depth))
    facts.depth = deepest
    return facts


def _skip(expr: ast.AST, skipped: set[int]) -> None:
    """A name or chain (or a tuple of them) that is not instantiated there."""
    skipped.add(id(expr))
    if type(expr) is ast.Tuple:
        skipped.update(id(e) for e in expr.elts)  # type: ignore[attr-defined]


def _subtree_depth(node: ast.AST) -> int:
    from shapelint.parse import tree_depth

    return tree_depth(node)


def _chain(node: ast.Attribute) -> tuple[tuple[str, ...], Optional[str]]:
    """The attribute names of a chain (outermost first) and its root name
    (None when the chain starts at a call, a subscript, ...)."""
    names = [node.attr]
    value = node.value
    while type(value) is ast.Attribute:
        names.append(value.attr)  # type: ignore[attr-defined]
        value = value.value  # type: ignore[attr-defined]
    return tuple(names), value.id if type(value) is ast.Name else None  # type: ignore[attr-defined]


def _base(expr: ast.expr) -> Base:
    if type(expr) is ast.Name:
        return ("name", expr.id)  # type: ignore[attr-defined]
    if type(expr) is ast.Attribute:
        names, root = _chain(expr)  # type: ignore[arg-type]
        return ("attr", names, root)
    if type(expr) in (ast.Call, ast.Subscript):  # namedtuple(...), Generic[T]
        inner = expr.func if type(expr) is ast.Call else expr.value  # type: ignore[attr-defined]
        if type(inner) is ast.Name:
            return ("expr", (), inner.id)
        if type(inner) is ast.Attribute:
            return ("expr", *_chain(inner))
    return ("expr", (), None)


_CAPTURES: tuple[type, ...] = tuple(
    getattr(ast, name) for name in ("MatchAs", "MatchStar", "MatchMapping") if hasattr(ast, name)
)


class _Walk:
    """What ``scan`` keeps while it walks: the facts, where the file is, and
    the ids of the expressions it must treat apart."""

    __slots__ = ("chained", "facts", "package", "quiet", "roots", "skipped")

    def __init__(self, facts: Facts, roots: Roots, package: Optional[str]):
        self.facts = facts
        self.roots = roots
        self.package = package
        self.skipped: set[int] = set()  # expressions in non-creating positions
        self.chained: set[int] = set()  # the object of an attribute, a called function
        self.quiet: set[int] = set()  # subtrees never evaluated (annotations)

    def bind(self, name: str, kind: int) -> None:
        binds = self.facts.binds
        binds[name] = binds.get(name, 0) | kind


# What ``scan`` notes of the nodes other than names, attributes and calls
# (statements and declarations: far fewer), by node type.


def _compare(node: Any, walk: _Walk) -> None:
    # ``type(x) is Dense``, ``cls == Model``: compared, not instantiated
    _skip(node.left, walk.skipped)
    for operand in node.comparators:
        _skip(operand, walk.skipped)


def _assign(node: Any, walk: _Walk) -> None:
    targets, value = node.targets, node.value
    if all(type(t) is ast.Name for t in targets):
        if type(value) is ast.Name:
            for target in targets:
                walk.facts.aliases.append((target.id, (), value.id))
            walk.skipped.add(id(value))  # ``Alias = Class`` instantiates nothing
        elif type(value) is ast.Attribute:
            for target in targets:
                walk.facts.aliases.append((target.id, *_chain(value)))


def _ann_assign(node: Any, walk: _Walk) -> None:
    walk.quiet.add(id(node.annotation))


def _argument(node: Any, walk: _Walk) -> None:
    walk.bind(node.arg, OTHER)
    if node.annotation is not None:
        walk.quiet.add(id(node.annotation))


def _function_def(node: Any, walk: _Walk) -> None:
    walk.bind(node.name, DEF)
    walk.chained.update(id(d) for d in node.decorator_list)
    if node.returns is not None:
        walk.quiet.add(id(node.returns))


def _class_def(node: Any, walk: _Walk) -> None:
    walk.bind(node.name, DEF)
    walk.chained.update(id(d) for d in node.decorator_list)
    class_bases = node.bases
    walk.facts.classes.append((node.name, tuple(_base(b) for b in class_bases)))
    # a base is not a use: it matters only if the class is instantiated
    walk.skipped.update(id(b) for b in class_bases)


def _import_statement(node: Any, walk: _Walk) -> None:
    _import(node, walk.facts, walk.roots, walk.bind)


def _import_from_statement(node: Any, walk: _Walk) -> None:
    _import_from(node, walk.facts, walk.roots, walk.package, walk.bind)


def _global(node: Any, walk: _Walk) -> None:
    for name in node.names:
        walk.bind(name, OTHER)


def _except_handler(node: Any, walk: _Walk) -> None:
    if node.name:
        walk.bind(node.name, OTHER)
    if node.type is not None:
        _skip(node.type, walk.skipped)


def _capture(node: Any, walk: _Walk) -> None:
    for name in _captured(node):
        walk.bind(name, OTHER)


_DECLARATIONS: dict[type, Callable[[Any, _Walk], None]] = {
    ast.Compare: _compare,
    ast.Assign: _assign,
    ast.AnnAssign: _ann_assign,
    ast.arg: _argument,
    ast.FunctionDef: _function_def,
    ast.AsyncFunctionDef: _function_def,
    ast.ClassDef: _class_def,
    ast.Import: _import_statement,
    ast.ImportFrom: _import_from_statement,
    ast.Global: _global,
    ast.Nonlocal: _global,
    ast.ExceptHandler: _except_handler,
    **{kind: _capture for kind in _CAPTURES},
}
#: The node types ``scan`` looks at (the others only hold children).
_SPECIAL_KINDS = frozenset({ast.Name, ast.Attribute, ast.Call, *_DECLARATIONS})
#: Fields that never hold a node (names, numbers, flags; a Constant's value).
_NOT_NODES = frozenset(
    ("id", "attr", "arg", "name", "module", "level", "kind", "type_comment", "conversion")
    + ("is_async", "asname", "tag")
)
#: Fields that hold leaves (contexts, operators): they count for the depth only.
_LEAF_FIELDS = frozenset(("ctx", "op", "ops"))
_CHILD_FIELDS: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _child_fields(kind: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the fields of a node type that may hold nodes to walk, those that hold leaves)."""
    names: tuple[str, ...] = kind._fields  # type: ignore[attr-defined]
    if kind is ast.Constant or kind.__name__ == "MatchSingleton":
        names = ()
    walk = tuple(n for n in names if n not in _NOT_NODES and n not in _LEAF_FIELDS)
    leaves = tuple(n for n in names if n in _LEAF_FIELDS)
    _CHILD_FIELDS[kind] = (walk, leaves)
    return walk, leaves


def _captured(node: Any) -> list[str]:
    name = getattr(node, "name", None) or getattr(node, "rest", None)
    return [name] if isinstance(name, str) else []


# -- imports ------------------------------------------------------------------------------


def _roots(origin: Optional[Path]) -> tuple[Roots, Optional[str]]:
    from shapelint.interp import modules

    return modules.project_roots(origin)


#: (roots, dotted name) -> the module's file, and the paths looked at to find it
_FOUND: dict[tuple[Any, str], tuple[Optional[Path], Looked]] = {}


def _find(roots: Roots, dotted: str) -> Optional[Path]:
    """The file of a module of the project (as the evaluator finds it), cached."""
    if not roots.dirs:
        return None
    key = (roots, dotted)
    found = _FOUND.get(key)
    if found is None:
        from shapelint.interp import modules

        if len(_FOUND) > 100_000:
            _FOUND.clear()
        with reads.recording() as looked_at:
            path = modules.find_module(roots, dotted)
        found = _FOUND[key] = (path, tuple(looked_at.items()))
    else:
        reads.note_all(found[1])
    return found[0]


def _package_modules(path: Path) -> list[Path]:
    """A module, or for a package every module under it."""
    if path.name != "__init__.py":
        return [path]
    reads.note(path.parent, reads.Look.LISTING)  # a module added to it changes the answer
    try:
        return [path, *sorted(p for p in path.parent.rglob("*.py") if p != path)]
    except OSError:
        return [path]


def _is_keras(dotted: str) -> bool:
    from shapelint.interp.imports import module_ref

    return module_ref(dotted).is_keras


def _import(node: ast.Import, facts: Facts, roots: Roots, bind: Any) -> None:
    for alias in node.names:
        dotted = alias.name
        bound = dotted if alias.asname else dotted.split(".", 1)[0]
        name = alias.asname or bound
        path = _find(roots, bound)
        if path is not None:
            bind(name, PROJECT)
            # attributes of a package may be any of its modules (``pkg.sub.f()``)
            facts.project_files.setdefault(name, []).extend(_package_modules(path))
        elif _is_keras(bound if not alias.asname else dotted):
            bind(name, KERAS)
            facts.keras_paths.setdefault(name, []).append(dotted if alias.asname else bound)
            if "layers" in dotted.split("."):
                facts.layers_import = True
        else:
            bind(name, OTHER_IMPORT)


def _import_from(
    node: ast.ImportFrom, facts: Facts, roots: Roots, package: Optional[str], bind: Any
) -> None:
    module = node.module
    if node.level:
        from shapelint.interp.imports import resolve_relative

        absolute = resolve_relative(package, node.level, module)
    else:
        absolute = module
    local = _find(roots, absolute) if absolute else None
    keras_module = bool(absolute) and local is None and _is_keras(absolute or "")
    for alias in node.names:
        name = alias.asname or alias.name
        if alias.name == "*":
            if local is not None:
                facts.project_stars.append(local)
            elif keras_module:
                facts.keras_star = True
                if "layers" in (absolute or "").split("."):
                    facts.layers_import = True
            continue
        if local is not None:
            bind(name, PROJECT)
            files = facts.project_files.setdefault(name, [])
            files.append(local)
            sub = _find(roots, f"{absolute}.{alias.name}")  # ``from pkg import submodule``
            if sub is not None:
                files.append(sub)
            continue
        full = f"{absolute}.{alias.name}" if absolute else alias.name
        if not node.level and absolute and _is_keras(full):
            bind(name, KERAS)
            facts.keras_paths.setdefault(name, []).append(full)
            if "layers" in full.split("."):
                facts.layers_import = True
        else:
            bind(name, OTHER_IMPORT)  # not Keras (a relative import not found is unknown)


# -- the decision ---------------------------------------------------------------------------


def can_build(
    facts: Facts, project: Optional[ProjectFacts] = None, unknown_layers: bool = False
) -> bool:
    """Whether the code of a checked file may make a Keras object (see the
    module's docstring); ``project`` answers for modules of its project.
    ``unknown_layers`` (SL301 is reported): any capitalised name under
    ``layers`` makes a layer."""
    return reason(facts, project, unknown_layers) is not None


def reason(
    facts: Facts, project: Optional[ProjectFacts] = None, unknown_layers: bool = False
) -> Optional[str]:
    """Why the file may make a Keras object (the first use found), or None."""
    project = project if project is not None else ProjectFacts()
    creators, bases, forms = _creators()
    if unknown_layers:
        found = _unknown_layer(facts)
        if found is not None:
            return found
    for path in facts.project_stars:
        if project.can_build(path):
            return f"from {path} import *"
    found = _uses_creator(facts, creators, forms, project)
    if found is not None:
        return found
    derived = _derived_classes(facts, bases, project)
    used = (derived & facts.loads) | (derived & facts.attribute_names)
    return f"instantiates {min(used)}, a Keras subclass" if used else None


def module_can_build(facts: Facts, project: ProjectFacts, unknown_layers: bool = False) -> bool:
    """Whether a module of the project may make a Keras object for a file that
    imports it: as ``can_build``, and a class deriving from Keras counts
    whether or not the module instantiates it."""
    creators, bases, forms = _creators()
    if any(project.can_build(path) for path in facts.project_stars):
        return True
    if _uses_creator(facts, creators, forms, project) is not None:
        return True
    if unknown_layers and _unknown_layer(facts) is not None:
        return True
    return bool(_derived_classes(facts, bases, project))


def _layers_in_reach(facts: Facts) -> bool:
    """Whether a Keras module reference whose path has ``layers`` can exist
    (merge forms are calls of Keras layers only under one): imported, or an
    attribute ``layers`` of what may be a Keras module."""
    if facts.layers_import:
        return True
    return any(_may_be_keras(names, root, facts) for _, names, root in facts.layers_chains)


def _may_be_keras(names: tuple[str, ...], root: Optional[str], facts: Facts) -> bool:
    """Whether the object of an attribute chain may be Keras (a module, a class)."""
    if root is None or "keras" in names or root == "keras":
        return True
    kinds = facts.binds.get(root, 0)
    if kinds == 0:
        return bool(facts.project_stars)
    if kinds & (KERAS | PROJECT | DEF):
        return True  # a class: an import in its body binds an attribute
    return bool(kinds & OTHER) and _keras_flows(facts)


def _keras_flows(facts: Facts) -> bool:
    """Whether a Keras module or class can end up in a variable, an attribute, an
    argument: some Keras name or chain is read as a value (``k = keras``,
    ``f(layers)``, ``cls = tf.keras.Model``), or a module of the project is used
    (its functions may return one). If not, a name that is assigned or a
    parameter never holds a Keras reference, and neither do its attributes."""
    if facts.flows is None:
        facts.flows = _compute_flows(facts)
    return facts.flows


def _compute_flows(facts: Facts, layers: bool = False) -> bool:
    binds = facts.binds
    if any(binds.get(name, 0) & PROJECT for name in facts.loads):
        return True
    if (facts.keras_star or facts.project_stars) and any(
        binds.get(name, 0) == 0 for name in facts.value_loads
    ):
        return True
    for name in facts.value_loads:
        kinds = binds.get(name, 0)
        if kinds & PROJECT:
            return True
        if kinds & KERAS and (not layers or _layers_root(name, facts)):
            return True
    for names, root in facts.value_chains:
        if root is None:
            continue  # its object came from somewhere else, counted there
        keras = "keras" in names or root == "keras" or binds.get(root, 0) & (KERAS | PROJECT)
        if keras and (not layers or "layers" in names or _layers_root(root, facts)):
            return True
    return False


def _layers_flow(facts: Facts) -> bool:
    """As ``_keras_flows``, for a Keras reference under ``layers`` (what a
    variable must hold for ``x.add(...)`` to be a merge layer)."""
    if facts.layers_flows is None:
        facts.layers_flows = _compute_flows(facts, layers=True)
    return facts.layers_flows


def _uses_creator(
    facts: Facts, creators: frozenset[str], forms: frozenset[str], project: ProjectFacts
) -> Optional[str]:
    binds = facts.binds
    layers = _layers_in_reach(facts)
    used_project: list[str] = []
    for name in sorted(facts.loads):
        kinds = binds.get(name, 0)
        if kinds & PROJECT:
            used_project.append(name)
        if name in creators:
            if kinds == 0:
                if facts.keras_star:
                    return f"{name} (from a Keras * import)"
            elif kinds & (KERAS | PROJECT) or (kinds & OTHER and _keras_flows(facts)):
                return name
        elif layers and name in forms and _form_name_is_live(name, kinds, facts):
            return name
    for attr, names, root in facts.attributes:
        if attr in creators:
            live = _attribute_is_live(names, root, facts)
        else:
            live = layers and attr in forms and _form_attribute_is_live(names, root, facts)
        if live:
            return ".".join((root or "(...)", *reversed(names)))
    for name in used_project:
        for path in facts.project_files.get(name, ()):
            if project.can_build(path):
                return f"{name} from {path}"
    return None


def _unknown_layer(facts: Facts) -> Optional[str]:
    """A capitalised name under ``layers``: a layer, unknown or not (SL301)."""
    if not _layers_in_reach(facts):
        return None
    for name in sorted(facts.loads):
        if unlisted_layer_class(name) and _form_name_is_live(name, facts.binds.get(name, 0), facts):
            return f"{name} (a layer under layers)"
    for attr, names, root in facts.attributes:
        if unlisted_layer_class(attr) and _form_attribute_is_live(names, root, facts):
            return ".".join((root or "(...)", *reversed(names)))
    return None


def _form_name_is_live(name: str, kinds: int, facts: Facts) -> bool:
    """``add(...)``: a Keras merge form only if imported from a layers module."""
    if kinds == 0:
        return facts.keras_star
    if kinds & PROJECT or (kinds & OTHER and _layers_flow(facts)):
        return True
    return bool(kinds & KERAS) and any(
        "layers" in p.split(".") for p in facts.keras_paths.get(name, ())
    )


def _form_attribute_is_live(names: tuple[str, ...], root: Optional[str], facts: Facts) -> bool:
    """``x.add(...)``: a Keras merge form only if ``x`` is a layers module."""
    if root is None:
        return True
    kinds = facts.binds.get(root, 0)
    if kinds == 0:
        return bool(facts.project_stars)
    if kinds & (PROJECT | DEF):
        return True  # a module of the project, a class (imports in its body)
    if kinds & OTHER and (_layers_flow(facts) or ("layers" in names[1:] and _keras_flows(facts))):
        return True  # a variable holding a layers module
    if kinds & KERAS and ("layers" in names[1:] or _layers_root(root, facts)):
        return True
    return "keras" in names and "layers" in names[1:]  # tf.keras.layers.add


def _attribute_is_live(names: tuple[str, ...], root: Optional[str], facts: Facts) -> bool:
    """``x.Dense``: a Keras module or a project module, or a value or a class
    attribute when Keras references flow into values (only imported from
    elsewhere, ``numpy.add``, ``tensorflow.math.maximum``: no; unbound: only if
    a * import may bind it)."""
    return _may_be_keras(names, root, facts)


def _derived_classes(facts: Facts, bases: frozenset[str], project: ProjectFacts) -> set[str]:
    """Names of the classes of the file that derive from a Keras class (and of
    the names ``Alias = Class`` gives them)."""
    derived: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, class_bases in facts.classes:
            if name in derived:
                continue
            if any(_keras_base(b, facts, bases, derived, project) for b in class_bases):
                derived.add(name)
                changed = True
        for target, names, root in facts.aliases:
            if not names and root in derived and target not in derived:
                derived.add(target)
                changed = True
    return derived


def _keras_base(
    base: Base, facts: Facts, bases: frozenset[str], derived: set[str], project: ProjectFacts
) -> bool:
    """Whether a base class expression may be a Keras class the evaluator makes
    layers or models of (or a user class deriving from one)."""
    if base[0] == "name":
        name = base[1]
        if name in derived:
            return True
        kinds = facts.binds.get(name, 0)
        if kinds & OTHER and _keras_flows(facts):
            return True
        if kinds & KERAS and any(_keras_class(p, bases) for p in facts.keras_paths.get(name, ())):
            return True
        if kinds & PROJECT and any(project.can_build(p) for p in facts.project_files.get(name, ())):
            return True
        if kinds == 0:
            return (facts.keras_star and name in bases) or bool(facts.project_stars)
        return False
    if base[0] == "attr":
        _, names, root = base
        if root is None:
            return True
        kinds = facts.binds.get(root, 0)
        if kinds & DEF or (kinds & OTHER and _keras_flows(facts)):
            return True
        if kinds & PROJECT and any(project.can_build(p) for p in facts.project_files.get(root, ())):
            return True
        keras = "keras" in names or root == "keras" or kinds & KERAS
        return bool(keras) and (
            names[0] in bases or "layers" in names[1:] or _layers_root(root, facts)
        )
    # a call or a subscript (namedtuple(...), Generic[T]): anything, unless it
    # comes from a module that is neither Keras nor the project
    _, names, root = base
    return _may_be_keras(names, root, facts)


def _keras_class(path: str, bases: frozenset[str]) -> bool:
    parts = path.split(".")
    return parts[-1] in bases or "layers" in parts[:-1]


def _layers_root(root: str, facts: Facts) -> bool:
    return any("layers" in p.split(".") for p in facts.keras_paths.get(root, ()))


# -- modules of the project -------------------------------------------------------------------


class ProjectFacts:
    """Whether modules of a project may make Keras objects, read once each
    (CPython's tree only) and remembered for the process."""

    def __init__(self, unknown_layers: bool = False, shared: Optional[ProjectFacts] = None):
        #: SL301 is reported: a capitalised name under ``layers`` makes a layer
        self.unknown_layers = unknown_layers
        #: path -> (its modification time and size, its facts, the paths the
        #: scan looked at: ``reads``)
        self._facts: dict[Path, tuple[tuple[int, int], Optional[Facts], Looked]] = (
            shared._facts if shared is not None else {}
        )
        #: path -> (the answer of ``can_build``, the paths it depends on)
        self._answers: dict[Path, tuple[bool, Looked]] = {}
        self._other: Optional[ProjectFacts] = None

    def view(self, unknown_layers: bool) -> ProjectFacts:
        """The answers for a run that does (or does not) report SL301, from
        the same facts."""
        if unknown_layers == self.unknown_layers:
            return self
        if self._other is None:
            self._other = ProjectFacts(unknown_layers, self)
            self._other._other = self
        return self._other

    def facts(self, path: Path) -> Optional[Facts]:
        """The module's facts; None if it cannot be read or parsed (then it
        cannot be evaluated either)."""
        reads.note(path, reads.Look.CONTENT)
        try:
            stat = path.stat()
        except OSError:
            return None
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._facts.get(path)
        if cached is not None and cached[0] == key:
            reads.note_all(cached[2])
            return cached[1]
        facts: Optional[Facts] = None
        with reads.recording() as looked_at:
            try:
                from shapelint.sources import MAX_SOURCE_BYTES, decode_python

                if stat.st_size <= MAX_SOURCE_BYTES:
                    facts = scan(ast.parse(decode_python(path.read_bytes())), path)
            except Exception:  # unreadable, undecodable, a syntax error: never evaluated
                facts = None
        self._facts[path] = (key, facts, tuple(looked_at.items()))
        return facts

    def forget_answers(self) -> None:
        """Forget the answers of ``can_build`` (of both views); the facts stay,
        checked against each module's modification time when used."""
        self._answers.clear()
        if self._other is not None:
            self._other._answers.clear()

    def can_build(self, path: Path) -> bool:
        """Whether anything imported from this module may make a Keras object:
        its own code does, or it uses a module of the project that does."""
        answer = self._answers.get(path)
        if answer is not None:
            reads.note_all(answer[1])
            return answer[0]
        seen: set[Path] = set()
        todo = [path]
        found = False
        with reads.recording() as looked_at:
            while todo and not found:
                current = todo.pop()
                if current in seen:
                    continue
                seen.add(current)
                facts = self.facts(current)
                if facts is None:
                    continue
                known = self._answers.get(current)
                if known is not None and known[0]:
                    reads.note_all(known[1])
                    found = True
                    break
                if module_can_build(facts, _NO_PROJECT, self.unknown_layers):
                    found = True
                    break
                for name in facts.loads:
                    todo.extend(facts.project_files.get(name, ()))
                todo.extend(facts.project_stars)
                for _, class_bases in facts.classes:
                    for base in class_bases:
                        root = base[1] if base[0] == "name" else base[2]
                        if root is not None:
                            todo.extend(facts.project_files.get(root, ()))
        depends = tuple(looked_at.items())
        if found:
            self._answers[path] = (True, depends)
        else:
            for module in seen:  # nothing they reach can build: none of them can
                self._answers[module] = (False, depends)
        return found


class _NoProject(ProjectFacts):
    """For a module's own code: what its project imports do is followed by
    ``ProjectFacts.can_build`` itself."""

    def can_build(self, path: Path) -> bool:
        return False


_NO_PROJECT = _NoProject()

#: Shared by the analyses of one process (a run of the CLI, a language server).
PROJECT_FACTS = ProjectFacts()


def forget_project() -> None:
    """Forget what this process found out about the project's modules and
    did not check against their modification times (which modules exist,
    which may make Keras objects): the next analysis looks again. A run
    whose results are stored starts with this, for modules that were added
    or edited since an earlier analysis in the same process."""
    _FOUND.clear()
    PROJECT_FACTS.forget_answers()
