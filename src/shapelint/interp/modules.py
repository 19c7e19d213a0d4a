"""Other modules of the same project, read statically.

``from config import IMG_SIZE`` or ``from .blocks import res_block`` in a
checked file is resolved against the project's roots (the directory of the
file and the directory above its top-level package) and that module is
evaluated from source, lazily, the first time a name of it is used. Keras and
TensorFlow themselves are never read: their API is modelled (construction,
the catalogue). Parsed modules are cached for the whole run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from shapelint import reads

if TYPE_CHECKING:  # not imported at run time: finding modules needs no parser
    import libcst as cst

    from shapelint.positions import FunctionSources

#: Keras namespaces that shapelint models rather than reads, even when their
#: source is under a root (checking the installed keras package itself).
_MODELLED_KERAS = {
    "layers",
    "models",
    "backend",
    "ops",
    "activations",
    "engine",
    "api_export",
    "initializers",
    "regularizers",
    "constraints",
    "optimizers",
    "losses",
    "metrics",
    "callbacks",
    "saving",
    "utils",
    "tree",
    "dtype_policies",
}

_PARSED: dict[Path, tuple[tuple[int, int], Optional[tuple[cst.Module, FunctionSources]]]] = {}
_PARSED_LIMIT = 512


def is_modelled(dotted: str) -> bool:
    """Whether an import stays a reference into the Keras/TensorFlow API."""
    parts = dotted.split(".")
    if parts[0] in ("tensorflow", "tf_keras"):
        return True
    if parts[0] != "keras":
        return False
    if len(parts) < 2 or parts[1] != "src":
        return True  # the public keras.* API
    return len(parts) < 3 or parts[2] in _MODELLED_KERAS


_INSTALL_DIRS = ("site-packages", "dist-packages")


@dataclass(frozen=True)
class Roots:
    """Where a file's absolute imports are looked up."""

    dirs: tuple[Path, ...] = ()
    #: In an installed package (site-packages): only that package is read,
    #: never its neighbours (numpy, ...).
    only_package: Optional[str] = None


def project_roots(origin: Optional[Path]) -> tuple[Roots, Optional[str]]:
    """Where absolute imports of a file are looked up, and the file's package
    (for relative imports)."""
    if origin is None:
        return Roots(), None
    here = origin.resolve().parent
    top = here
    while _is_file(top / "__init__.py") and top.parent != top:
        top = top.parent
    parts = here.relative_to(top).parts
    package = ".".join(parts) if parts else None
    dirs = (top,) if top == here else (top, here)
    only = parts[0] if parts and top.name in _INSTALL_DIRS else None
    return Roots(dirs, only), package


def find_module(roots: Roots, dotted: str) -> Optional[Path]:
    """The file of a project module (``a/b.py`` or ``a/b/__init__.py``)."""
    if is_modelled(dotted):
        return None
    parts = dotted.split(".")
    if any(not p.isidentifier() for p in parts):
        return None
    if roots.only_package is not None and parts[0] != roots.only_package:
        return None
    for root in roots.dirs:
        base = root.joinpath(*parts)
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if _is_file(candidate):
                return candidate
    return None


def _is_file(path: Path) -> bool:
    """``path.is_file()``, noted for the result cache (``reads``): whether a
    module exists decides what an import means."""
    reads.note(path, reads.Look.EXISTS)
    return path.is_file()


def parse_module_file(path: Path) -> Optional[tuple[cst.Module, FunctionSources]]:
    """The parsed module and the source of its functions (cached by
    modification time), or None if unreadable. The bodies of its Keras-free
    functions are parsed when first called (``FunctionSources.unpruned``),
    once for the whole run."""
    from shapelint.parse import ParseFailure, parse_text
    from shapelint.positions import FunctionSources
    from shapelint.sources import MAX_SOURCE_BYTES, SourceError, decode_python

    reads.note(path, reads.Look.CONTENT)
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _PARSED.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    parsed: Optional[tuple[cst.Module, FunctionSources]] = None
    if stat.st_size <= MAX_SOURCE_BYTES:
        try:
            found = parse_text(decode_python(path.read_bytes()))
        except (OSError, SourceError):
            found = None
        if found is not None and not isinstance(found, ParseFailure):
            parsed = (found.module, FunctionSources(found.module, found.text, found.tree))
    if len(_PARSED) >= _PARSED_LIMIT:
        _PARSED.pop(next(iter(_PARSED)))
    _PARSED[path] = (key, parsed)
    return parsed


def mentions_keras(path: Path) -> bool:
    """Whether a file names Keras (cached by modification time: every file of
    a tree that imports a module asks about it)."""
    reads.note(path, reads.Look.CONTENT)
    try:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = _MENTIONS.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        found = b"keras" in path.read_bytes()
    except OSError:
        return False
    if len(_MENTIONS) >= 10_000:
        _MENTIONS.clear()
    _MENTIONS[path] = (key, found)
    return found


_MENTIONS: dict[Path, tuple[tuple[int, int], bool]] = {}


@dataclass(eq=False)
class LocalModule:
    """A module of the project, evaluated on first use."""

    dotted: str
    path: Path
    package: Optional[str]
    scope: Any = None  # the evaluator Scope once loaded
    loading: bool = False
    syntax: Optional[cst.Module] = None
    #: the source of its functions (and of those parsed when first called)
    sources: Optional[FunctionSources] = None
    submodules: dict[str, Any] = field(default_factory=dict)
