"""``shapelint diff BASE [HEAD]``: how the models change between two git revisions.

Files are listed with ``git ls-tree`` (or, for the working tree, ``git ls-files
--cached --others --exclude-standard``: tracked files as they are on disk, and
new files not ignored) and read with ``git cat-file --batch`` (``git show
REV:path`` for many files at once). Only ``.py``/``.ipynb`` files whose content
differs between the two sides and that could build a Keras model
(``analysis.could_build_models``) are analysed, through the same entry point as
``check`` (``analysis.analyse_bytes``). Models are matched by file and variable
name (the n-th model named ``model`` in a file matches the n-th on the other
side); layers by their Keras name.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Optional, Union

from shapelint.analysis import analyse_bytes, could_build_models, options_for
from shapelint.codes import UNPARSABLE_FILE
from shapelint.config import Config
from shapelint.discovery import SOURCE_SUFFIXES
from shapelint.domain.shapes import Shape
from shapelint.results import FileResult, LayerRow, ModelSummary
from shapelint.sources import SourceError, file_limit, read_guarded, too_large

WORKING_TREE = "working tree"


class GitError(Exception):
    """git is missing, this is not a repository, or a revision does not exist."""


@dataclass(frozen=True)
class LayerChange:
    name: str
    class_name: str
    status: str  # "added" | "removed" | "changed"
    before_shapes: Optional[tuple[Shape, ...]] = None
    after_shapes: Optional[tuple[Shape, ...]] = None
    before_params: Optional[int] = None
    after_params: Optional[int] = None


@dataclass(frozen=True)
class ModelChange:
    path: str
    name: str
    status: str  # "added" | "removed" | "changed" | "unchanged"
    before: Optional[ModelSummary]
    after: Optional[ModelSummary]
    layers: tuple[LayerChange, ...] = ()

    @property
    def kind(self) -> str:
        return (self.after or self.before).kind  # type: ignore[union-attr]

    @property
    def before_params(self) -> Optional[int]:
        return self.before.total_params if self.before else 0

    @property
    def after_params(self) -> Optional[int]:
        return self.after.total_params if self.after else 0

    @property
    def delta_params(self) -> Optional[int]:
        before, after = self.before_params, self.after_params
        return None if before is None or after is None else after - before


@dataclass
class ModelDiff:
    base: str
    head: str  # a revision, or WORKING_TREE
    models: list[ModelChange] = field(default_factory=list)
    #: Files whose content differs between the two sides and that were analysed.
    files_compared: int = 0
    #: (side, path, reason) for files that could not be compared (syntax error, ...).
    not_compared: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def changed(self) -> list[ModelChange]:
        return [m for m in self.models if m.status != "unchanged"]


# ------------------------------------------------------------------------------ git


def _git(args: Sequence[str], cwd: Path, stdin: Optional[bytes] = None) -> bytes:
    try:
        proc = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return proc.stdout


def repository_root(cwd: Path) -> Path:
    try:
        out = _git(["rev-parse", "--show-toplevel"], cwd)
    except GitError:
        raise GitError(f"{cwd}: not inside a git repository") from None
    # the path as the file system spells it: any bytes, a trailing space kept
    return Path(os.fsdecode(out[:-1] if out.endswith(b"\n") else out))


def resolve_revision(rev: str, root: Path) -> str:
    try:
        return (
            _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root).decode().strip()
        )
    except GitError:
        raise GitError(f"{rev!r} is not a git revision (commit) of {root}") from None


@dataclass(frozen=True)
class Blob:
    oid: str
    size: int


def tree_blobs(commit: str, root: Path) -> dict[str, Blob]:
    """path -> blob (id and size) of the regular files of a commit."""
    out = _git(["ls-tree", "-r", "-z", "-l", "--full-tree", commit], root)
    blobs = {}
    for entry in out.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.partition(b"\t")
        mode, kind, oid, size = meta.decode().split()
        if kind == "blob" and mode in ("100644", "100755"):
            blobs[os.fsdecode(path)] = Blob(oid, int(size))
    return blobs


def working_tree_files(root: Path) -> list[str]:
    out = _git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], root)
    return sorted({os.fsdecode(p) for p in out.split(b"\0") if p})


def read_blobs(oids: Iterable[str], root: Path) -> dict[str, bytes]:
    """The content of many blobs with one ``git cat-file --batch``."""
    wanted = list(dict.fromkeys(oids))
    if not wanted:
        return {}
    out = _git(["cat-file", "--batch"], root, stdin="".join(f"{o}\n" for o in wanted).encode())
    blobs: dict[str, bytes] = {}
    pos = 0
    for oid in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].decode().split()
        if len(header) < 3:  # "<oid> missing"
            pos = end + 1
            continue
        size = int(header[2])
        blobs[oid] = out[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1
    return blobs


#: What one side of a file is: its bytes, None (no such file on that side),
#: or why it is not read (larger than shapelint analyses).
Content = Union[bytes, SourceError, None]

#: Blobs read by one ``git cat-file`` at most: what is held in memory at once.
BATCH_BYTES = 64_000_000


def _batches(paths: Sequence[str], size: Any) -> Iterable[list[str]]:
    """``paths`` in consecutive batches of at most BATCH_BYTES (by ``size``)."""
    batch: list[str] = []
    weight = 0
    for path in paths:
        if batch and weight + size(path) > BATCH_BYTES:
            yield batch
            batch, weight = [], 0
        batch.append(path)
        weight += size(path)
    if batch:
        yield batch


def _read_side(paths: Sequence[str], blobs: dict[str, Blob], root: Path) -> dict[str, Content]:
    """The content of each path of ``blobs`` among ``paths``, read with
    the file guard's size limit: a blob larger than it is never read."""
    contents: dict[str, Content] = {}
    small = []
    for path in paths:
        blob = blobs.get(path)
        if blob is None:
            continue
        limit = file_limit(path.endswith(".ipynb"))
        if blob.size > limit:
            contents[path] = too_large(blob.size, limit)
        else:
            small.append(path)
    data = read_blobs((blobs[p].oid for p in small), root)
    for path in small:
        contents[path] = data.get(blobs[path].oid)
    return contents


# --------------------------------------------------------------------------- compare


def _wanted(path: str, config: Config) -> bool:
    if not path.endswith(SOURCE_SUFFIXES):
        return False
    parts = PurePosixPath(path).parts
    return not any(config.is_excluded(Path(*parts[: i + 1])) for i in range(len(parts)))


def diff_revisions(
    base: str,
    head: Optional[str],
    config: Config,
    cwd: Optional[Path] = None,
    graphs: bool = False,
) -> ModelDiff:
    """Compare the models of ``base`` with those of ``head`` (None: the working
    tree). ``graphs``: the summaries carry their graphs (for diagrams)."""
    root = repository_root(cwd or Path.cwd())
    base_commit = resolve_revision(base, root)
    before = {p: b for p, b in tree_blobs(base_commit, root).items() if _wanted(p, config)}
    if head is None:
        after: dict[str, Blob] = {}
        after_files = [p for p in working_tree_files(root) if _wanted(p, config)]
    else:
        head_commit = resolve_revision(head, root)
        after = {p: b for p, b in tree_blobs(head_commit, root).items() if _wanted(p, config)}
        after_files = list(after)
    # same blob on both sides: nothing to compare, nothing read
    candidates = sorted(
        p
        for p in set(before) | set(after_files)
        if (before[p].oid if p in before else None) != (after[p].oid if p in after else "-")
    )

    def size(path: str) -> int:
        return sum(blobs[path].size for blobs in (before, after) if path in blobs)

    diff = ModelDiff(base, head or WORKING_TREE)
    after_set = set(after_files)
    for batch in _batches(candidates, size):
        olds = _read_side(batch, before, root)
        news = _read_side(batch, after, root)
        for path in batch:
            new = news.get(path)
            if path in after_set and head is None:
                new = _read_working_file(root / path)
            _compare_file(
                diff, path, olds.get(path), new, (base, head or WORKING_TREE), config, graphs
            )
    return diff


def _compare_file(
    diff: ModelDiff,
    path: str,
    old: Content,
    new: Content,
    labels: tuple[str, str],
    config: Config,
    graphs: bool,
) -> None:
    """Adds the changes of one file's models (or why they are not compared) to ``diff``."""
    if old == new:
        return
    too_big = [
        (label, side) for label, side in zip(labels, (old, new)) if isinstance(side, SourceError)
    ]
    if too_big:
        diff.not_compared.extend((label, path, error.message) for label, error in too_big)
        return
    if not any(isinstance(data, bytes) and could_build_models(_text(data)) for data in (old, new)):
        return
    options = options_for(config, path, graphs=graphs)
    sides = [
        (label, analyse_bytes(data, path, options) if isinstance(data, bytes) else None)
        for label, data in zip(labels, (old, new))
    ]
    broken = [(label, path, _why(r)) for label, r in sides if r is not None and _why(r)]
    if broken:
        diff.not_compared.extend(broken)
        return
    diff.files_compared += 1
    old_models = sides[0][1].models if sides[0][1] else []
    new_models = sides[1][1].models if sides[1][1] else []
    diff.models.extend(compare_models(path, old_models, new_models))


def _read_working_file(path: Path) -> Content:
    """A file of the working tree, through the file guard: None if it is not
    a regular file or cannot be read, a SourceError if it is too large."""
    try:
        return read_guarded(path)
    except SourceError as e:
        return e
    except OSError:
        return None


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _why(result: FileResult) -> Optional[str]:
    if result.error:
        return result.error
    for d in result.diagnostics:
        if d.code == UNPARSABLE_FILE:
            return f"cannot be parsed: {d.message}"
    return None


def _keyed(items: Sequence[Any], name: Any) -> dict[tuple[str, int], Any]:
    """Items by (name, occurrence of that name)."""
    seen: dict[str, int] = {}
    out = {}
    for item in items:
        key = name(item)
        seen[key] = seen.get(key, 0) + 1
        out[(key, seen[key])] = item
    return out


def compare_models(
    path: str, before: Sequence[ModelSummary], after: Sequence[ModelSummary]
) -> list[ModelChange]:
    old = _keyed(before, lambda m: m.name)
    new = _keyed(after, lambda m: m.name)
    changes = []
    for key in [*old, *(k for k in new if k not in old)]:
        a, b = old.get(key), new.get(key)
        if a is None:
            changes.append(ModelChange(path, key[0], "added", None, b))
        elif b is None:
            changes.append(ModelChange(path, key[0], "removed", a, None))
        else:
            layers = compare_layers(a.layers, b.layers)
            same = not layers and (a.total_params, a.trainable_params) == (
                b.total_params,
                b.trainable_params,
            )
            changes.append(
                ModelChange(path, key[0], "unchanged" if same else "changed", a, b, layers)
            )
    return changes


def compare_layers(
    before: Sequence[LayerRow], after: Sequence[LayerRow]
) -> tuple[LayerChange, ...]:
    old = _keyed(before, lambda r: r.name)
    new = _keyed(after, lambda r: r.name)
    changes = []
    for key in [*old, *(k for k in new if k not in old)]:
        a, b = old.get(key), new.get(key)
        if a is None:
            changes.append(
                LayerChange(b.name, b.class_name, "added", None, b.output_shapes, None, b.params)
            )
        elif b is None:
            changes.append(
                LayerChange(a.name, a.class_name, "removed", a.output_shapes, None, a.params)
            )
        elif (a.class_name, a.output_shapes, a.params) != (b.class_name, b.output_shapes, b.params):
            changes.append(
                LayerChange(
                    b.name,
                    b.class_name,
                    "changed",
                    a.output_shapes,
                    b.output_shapes,
                    a.params,
                    b.params,
                )
            )
    return tuple(changes)
