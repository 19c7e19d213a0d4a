"""``summary --format mermaid|dot``: each model drawn as a graph, what users
reach ``keras.utils.plot_model`` for, without TensorFlow, pydot or Graphviz.

A layer is a box with its name, class and output shape (and its parameters
with ``show_params``); edges follow the functional graph (a Sequential model is
a chain); a model used as a layer is a subgraph of its own layers, entered at
its first layers and left from its last; a shared layer is one box with an
edge from each input. Rows that exist on some paths only (a condition
shapelint could not decide) are dashed. Mermaid renders in GitHub Markdown
(pull-request comments, READMEs, job summaries); DOT is Graphviz's language.

The summaries must carry their graphs (``Options.graphs``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Optional, TextIO

from shapelint.domain.shapes import format_shapes
from shapelint.report.summary_table import format_count
from shapelint.results import FileResult, LayerRow, ModelSummary


@dataclass
class Box:
    id: str
    lines: list[str]
    dashed: bool = False
    #: "added" or "changed" in a diff's diagram, else None.
    mark: Optional[str] = None


@dataclass
class Cluster:
    id: str
    title: str
    boxes: list[Box] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)


@dataclass
class Drawing:
    """A format-neutral diagram: nested clusters of boxes, and edges."""

    clusters: list[Cluster] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)


def where(model: ModelSummary) -> str:
    cell = f"cell {model.cell}:" if model.cell is not None else ""
    return f"{model.path}:{cell}{model.line}"


def drawing(
    models: Sequence[ModelSummary],
    show_params: bool = False,
    marks: Optional[Mapping[str, str]] = None,
) -> Drawing:
    """``marks``: layer name -> "added"/"changed", for the first model (diffs)."""
    out = Drawing()
    for number, model in enumerate(models, start=1):
        builder = _Builder(out, show_params, marks if number == 1 else None)
        title = f"{model.name} ({model.kind}) {where(model)}"
        out.clusters.append(builder.model(model, f"m{number}", title)[0])
    return out


class _Builder:
    def __init__(self, out: Drawing, show_params: bool, marks: Optional[Mapping[str, str]]):
        self.out = out
        self.show_params = show_params
        self.marks = marks or {}
        self.drawn: set[int] = set()  # nested models already drawn (once each)

    def model(
        self, model: ModelSummary, prefix: str, title: str, top: bool = True
    ) -> tuple[Cluster, list[str]]:
        """The model's cluster, and the ids its inputs enter at (its exits are
        left in ``self.exits``). ``marks`` apply to the top model's layers."""
        cluster = Cluster(prefix, title)
        ends: list[tuple[list[str], list[str]]] = []  # per row: (entry ids, exit ids)
        for i, row in enumerate(model.layers):
            node_id = f"{prefix}_{i}"
            sub = row.submodel
            if sub is not None and sub.layers and id(sub) not in self.drawn:
                self.drawn.add(id(sub))
                inner, entries = self.model(sub, node_id, " ".join(self._label(row)[:2]), False)
                cluster.clusters.append(inner)
                ends.append((entries, self.exits))
                continue
            mark = self.marks.get(row.name) if top else None
            cluster.boxes.append(Box(node_id, self._label(row), row.conditional, mark))
            ends.append(([node_id], [node_id]))
        if not model.layers:
            cluster.boxes.append(Box(f"{prefix}_empty", ["(no layers)"]))
            ends.append(([f"{prefix}_empty"], [f"{prefix}_empty"]))
        fed = set()
        for i, row in enumerate(model.layers):
            for source in row.inbound:
                fed.add(source)
                for a in ends[source][1]:
                    for b in ends[i][0]:
                        self.out.edges.append((a, b))
        entries = [x for i, row in enumerate(model.layers) if not row.inbound for x in ends[i][0]]
        self.exits = [x for i in range(len(model.layers)) if i not in fed for x in ends[i][1]]
        if not model.layers:
            entries = self.exits = ends[0][0]
        return cluster, entries

    def _label(self, row: LayerRow) -> list[str]:
        lines = [f"{row.name} ({row.class_name})", format_shapes(list(row.output_shapes))]
        if self.show_params:
            lines.append(f"{format_count(row.params)} params")
        return lines


def models_of(results: Iterable[FileResult]) -> list[ModelSummary]:
    return [m for r in results for m in r.models]


# --------------------------------------------------------------------------- Mermaid

_MARK_STYLES = {
    "added": "fill:#e6ffec,stroke:#1a7f37",
    "changed": "fill:#fff8c5,stroke:#9a6700",
}


def mermaid_text(text: str) -> str:
    """Text inside a quoted Mermaid label: its own entity codes for the
    characters that end or break a label."""
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(char, code)
    return text


def mermaid(d: Drawing, empty: str = "no Keras models") -> str:
    lines = ["flowchart TB"]
    if not d.clusters:
        lines.append(f'  none["{mermaid_text(empty)}"]')
    dashed: list[str] = []
    marked: dict[str, list[str]] = {}

    def emit(cluster: Cluster, depth: int) -> None:
        pad = "  " * depth
        lines.append(f'{pad}subgraph {cluster.id}["{mermaid_text(cluster.title)}"]')
        lines.append(f"{pad}  direction TB")
        for box in cluster.boxes:
            label = "<br/>".join(mermaid_text(line) for line in box.lines)
            lines.append(f'{pad}  {box.id}["{label}"]')
            if box.dashed:
                dashed.append(box.id)
            if box.mark:
                marked.setdefault(box.mark, []).append(box.id)
        for inner in cluster.clusters:
            emit(inner, depth + 1)
        lines.append(f"{pad}end")

    for cluster in d.clusters:
        emit(cluster, 1)
    lines += [f"  {a} --> {b}" for a, b in d.edges]
    if dashed:
        lines.append("  classDef conditional stroke-dasharray: 5 5")
        lines.append(f"  class {','.join(dashed)} conditional")
    for mark, ids in marked.items():
        lines.append(f"  classDef {mark} {_MARK_STYLES[mark]}")
        lines.append(f"  class {','.join(ids)} {mark}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------- DOT


def dot_text(text: str) -> str:
    """Text inside a quoted DOT string (lines joined by centred-line escapes)."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def dot(d: Drawing, empty: str = "no Keras models") -> str:
    lines = [
        "digraph shapelint {",
        "  rankdir=TB;",
        '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=11];',
        '  graph [fontname="Helvetica", fontsize=12];',
    ]
    if not d.clusters:
        lines.append(f'  label="{dot_text(empty)}";')

    def emit(cluster: Cluster, depth: int) -> None:
        pad = "  " * depth
        lines.append(f"{pad}subgraph cluster_{cluster.id} {{")
        lines.append(f'{pad}  label="{dot_text(cluster.title)}";')
        for box in cluster.boxes:
            label = "\\n".join(dot_text(line) for line in box.lines)
            style = ' style="rounded,dashed"' if box.dashed else ""
            lines.append(f'{pad}  {box.id} [label="{label}"{style}];')
        for inner in cluster.clusters:
            emit(inner, depth + 1)
        lines.append(f"{pad}}}")

    for cluster in d.clusters:
        emit(cluster, 1)
    lines += [f"  {a} -> {b};" for a, b in d.edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------ front door


def write_summaries(
    results: Sequence[FileResult], out: TextIO, fmt: str = "mermaid", show_params: bool = False
) -> None:
    models = models_of(results)
    files = f"{len(results)} file{'s' if len(results) != 1 else ''}"
    empty = f"No Keras models found ({files} checked)"
    render = dot if fmt == "dot" else mermaid
    out.write(render(drawing(models, show_params), empty))
