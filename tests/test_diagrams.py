"""``summary --format mermaid|dot`` and ``diff --diagrams``: the DOT is read
by real Graphviz (``dot``: Debian's graphviz, which CI installs), the Mermaid
is checked structurally, and the edges are those of the graph Keras builds
(the keras-marked twin)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from test_cli import cli, project, write

__all__ = ["project"]  # a fixture of test_cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "siamese.py"
EXAMPLE_SVG = ROOT / "docs" / "images" / "siamese.svg"

#: The edges of docs/examples/siamese.py between layers (as Keras names them),
#: the nested encoder entered at its first layer and left from its last.
EXAMPLE_EDGES = {
    ("left", "shared"),
    ("right", "shared"),
    ("shared", "concat"),
    ("concat", "skip"),
    ("concat", "encoder/dense"),
    ("encoder/dense", "encoder/dense_1"),
    ("encoder/dense_1", "add"),
    ("skip", "add"),
    ("add", "score"),
}

TENSOR_OPS = """\
import keras
from keras import layers

inputs = keras.Input(shape=(8,), name="x")
a = layers.Dense(4, name="a")(inputs)
b = layers.Dense(4, name="b")(inputs)
outputs = layers.Dense(1, name="out")(a * 2.0 + b)
model = keras.Model(inputs, outputs)
"""

CONDITIONAL = """\
import sys
import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(8,))])
model.add(layers.Dense(4, name="first"))
if len(sys.argv) > 1:
    model.add(layers.Dropout(0.5, name="maybe"))
model.add(layers.Dense(1, name='a "quoted" <name> #1'))
"""


def dot_command() -> str:
    """The Graphviz executable; where it is missing, a skip with the reason,
    except in CI (SHAPELINT_REQUIRE_TOOLS=1, set by .ci/run, which installs it)."""
    found = shutil.which("dot")
    if found is None:
        reason = "Graphviz is not installed (Debian: apt-get install graphviz)"
        if os.environ.get("SHAPELINT_REQUIRE_TOOLS"):
            pytest.fail(f"{reason}, but SHAPELINT_REQUIRE_TOOLS is set", pytrace=False)
        pytest.skip(reason)
    return found


def graphviz(source: str, fmt: str) -> str:
    proc = subprocess.run(
        [dot_command(), f"-T{fmt}"], input=source, capture_output=True, text=True, timeout=30
    )
    assert (proc.returncode, proc.stderr) == (0, ""), proc.stderr + source
    return proc.stdout


# ------------------------------------------------------------------ Mermaid, parsed

NODE = re.compile(r'^\s*(?P<id>[A-Za-z][\w]*)\["(?P<label>[^"]*)"\]$')
SUBGRAPH = re.compile(r'^\s*subgraph (?P<id>[A-Za-z][\w]*)\["(?P<title>[^"]*)"\]$')
EDGE = re.compile(r"^\s*(?P<a>[A-Za-z][\w]*) --> (?P<b>[A-Za-z][\w]*)$")


def parse_mermaid(text: str) -> dict[str, Any]:
    """Every line of the flowchart is one of the statements shapelint writes:
    the subgraphs balance, every id is defined once, every edge joins defined
    nodes. Returns labels by id, subgraph titles, edges and classes."""
    lines = text.splitlines()
    assert lines[0] == "flowchart TB"
    labels: dict[str, str] = {}
    subgraphs: dict[str, str] = {}
    parents: dict[str, str] = {}
    stack: list[str] = []
    edges: list[tuple[str, str]] = []
    classes: dict[str, list[str]] = {}
    for line in lines[1:]:
        if m := SUBGRAPH.match(line):
            assert m["id"] not in subgraphs and m["id"] not in labels
            subgraphs[m["id"]] = m["title"]
            stack.append(m["id"])
        elif line.strip() == "end":
            stack.pop()
        elif line.strip() == "direction TB":
            assert stack
        elif m := NODE.match(line):
            assert m["id"] not in labels and m["id"] not in subgraphs
            labels[m["id"]] = m["label"]
            if stack:
                parents[m["id"]] = stack[-1]
        elif m := EDGE.match(line):
            edges.append((m["a"], m["b"]))
        elif line.startswith("  classDef "):
            continue
        elif line.startswith("  class "):
            ids, name = line.split()[1:]
            classes[name] = ids.split(",")
        else:
            raise AssertionError(f"not a statement shapelint writes: {line!r}")
    assert not stack, "unbalanced subgraph"
    for a, b in edges:
        assert a in labels and b in labels, (a, b)
    return {
        "labels": labels,
        "subgraphs": subgraphs,
        "parents": parents,
        "edges": edges,
        "classes": classes,
    }


def named_edges(parsed: dict[str, Any]) -> set[tuple[str, str]]:
    """Edges by layer name, nested layers prefixed by their model's name."""

    def name(node: str) -> str:
        layer = parsed["labels"][node].split(" (")[0]
        parent = parsed["parents"].get(node, "")
        outer = parsed["subgraphs"].get(parent, "")
        nested = parent.count("_") > 0  # a model used as a layer
        return f"{outer.split(' (')[0]}/{layer}" if nested else layer

    return {(name(a), name(b)) for a, b in parsed["edges"]}


def test_mermaid_draws_the_functional_graph(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "summary", "--format", "mermaid", str(EXAMPLE))
    assert (code, err) == (0, "")
    parsed = parse_mermaid(out)
    # the standalone encoder, then the siamese model with the encoder nested
    assert [t.split(" (")[0] for t in parsed["subgraphs"].values()] == [
        "encoder",
        "model",
        "encoder",
    ]
    top = [i for i, p in parsed["parents"].items() if p == "m2"]
    assert sorted(parsed["labels"][i].split(" (")[0] for i in top) == sorted(
        ["left", "right", "shared", "concat", "skip", "add", "score"]
    )  # the shared layer once
    assert named_edges(parsed) - {("dense", "dense_1")} == EXAMPLE_EDGES
    assert parsed["labels"]["m2_2"] == "shared (Dense)<br/>(None, 64)"
    out = cli(capsys, "summary", "--format", "mermaid", "--show-params", str(EXAMPLE))[1]
    assert parse_mermaid(out)["labels"]["m2_2"] == "shared (Dense)<br/>(None, 64)<br/>4,160 params"


def test_operations_that_are_not_layers_are_looked_through(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "ops.py", TENSOR_OPS)
    parsed = parse_mermaid(cli(capsys, "summary", "--format", "mermaid", "ops.py")[1])
    assert named_edges(parsed) == {("x", "a"), ("x", "b"), ("a", "out"), ("b", "out")}


def test_sequential_chain_conditional_rows_and_escaping(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "cond.py", CONDITIONAL)
    out = cli(capsys, "summary", "--format", "mermaid", "cond.py")[1]
    parsed = parse_mermaid(out)
    names = {i: label.split("<br/>")[0] for i, label in parsed["labels"].items()}
    assert names == {
        "m1_0": "first (Dense)",
        "m1_1": "maybe (Dropout)",
        "m1_2": "a #quot;quoted#quot; #lt;name#gt; #35;1 (Dense)",
    }
    assert parsed["edges"] == [("m1_0", "m1_1"), ("m1_1", "m1_2")]
    assert parsed["classes"] == {"conditional": ["m1_1"]}  # drawn dashed
    dot = cli(capsys, "summary", "--format", "dot", "cond.py")[1]
    assert 'm1_1 [label="maybe (Dropout)\\n(None, 4)" style="rounded,dashed"];' in dot
    assert '"a \\"quoted\\" <name> #1 (Dense)' in dot
    svg = graphviz(dot, "svg")
    assert "a &quot;quoted&quot; &lt;name&gt; #1 (Dense)" in svg


def test_no_models(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "none.py", "import os\n")
    out = cli(capsys, "summary", "--format", "mermaid", "none.py")[1]
    assert parse_mermaid(out)["labels"] == {"none": "No Keras models found (1 file checked)"}
    assert "No Keras models found" in graphviz(
        cli(capsys, "summary", "--format", "dot", "none.py")[1], "svg"
    )


# -------------------------------------------------------------------- real Graphviz


def test_graphviz_reads_the_dot(capsys: pytest.CaptureFixture[str]) -> None:
    """Graphviz's own reading of the DOT (its JSON output): a cluster per model
    and nested model, a node per layer, the edges of the graph."""
    code, out, _ = cli(capsys, "summary", "--format", "dot", "--show-params", str(EXAMPLE))
    assert code == 0
    layout = json.loads(graphviz(out, "json"))
    objects = layout["objects"]
    clusters = [o for o in objects if o["name"].startswith("cluster_")]
    assert [c["name"] for c in clusters] == ["cluster_m1", "cluster_m2", "cluster_m2_4"]
    nodes = {o["_gvid"]: o for o in objects if not o["name"].startswith("cluster_")}
    first_lines = {o["label"].split("\\n")[0] for o in nodes.values()}
    assert "shared (Dense)" in first_lines and "dense_1 (Dense)" in first_lines
    edges = {(nodes[e["tail"]]["name"], nodes[e["head"]]["name"]) for e in layout["edges"]}
    parsed = parse_mermaid(cli(capsys, "summary", "--format", "mermaid", str(EXAMPLE))[1])
    assert edges == set(parsed["edges"])  # the two formats draw the same graph
    assert len(graphviz(out, "svg")) > 1000


def test_every_fixture_draws(capsys: pytest.CaptureFixture[str]) -> None:
    """Every model of the fixtures (Sequential, functional, subclassed, nested,
    notebooks, legacy Keras) as Mermaid that parses and DOT Graphviz reads."""
    fixtures = str(ROOT / "fixtures")
    out = cli(capsys, "summary", "--format", "mermaid", "--show-params", fixtures)[1]
    parsed = parse_mermaid(out)
    assert len(parsed["labels"]) > 100
    out = cli(capsys, "summary", "--format", "dot", fixtures)[1]
    layout = json.loads(graphviz(out, "json"))
    assert len(layout["objects"]) > 100


def test_committed_example_svg_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/images/siamese.svg is what the README's command makes now (the
    same nodes, labels and edges; Graphviz versions may place them apart)."""
    out = cli(capsys, "summary", "--format", "dot", "--show-params", str(EXAMPLE))[1]
    fresh = graphviz(out.replace(str(EXAMPLE), "docs/examples/siamese.py"), "svg")

    def content(svg: str) -> list[str]:
        return sorted(re.findall(r"<(?:title|text)[^>]*>([^<]*)</", svg))

    assert content(EXAMPLE_SVG.read_text()) == content(fresh)


# ---------------------------------------------------------------------------- diff


def test_diff_markdown_with_diagrams(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.name", "t")
    git("config", "user.email", "t@example.invalid")
    write(project, "ops.py", TENSOR_OPS)
    git("add", ".")
    git("commit", "-q", "-m", "base")
    write(project, "ops.py", TENSOR_OPS.replace('Dense(4, name="b")', 'Dense(4, name="c")'))
    code, out, _ = cli(capsys, "diff", "HEAD", "--format", "markdown", "--diagrams")
    assert code == 0
    [block] = re.findall(r"```mermaid\n(.*?)```", out, re.S)
    parsed = parse_mermaid(block)
    assert named_edges(parsed) == {("x", "a"), ("x", "c"), ("a", "out"), ("c", "out")}
    [added] = parsed["classes"]["added"]
    assert parsed["labels"][added].startswith("c (Dense)")
    assert "```mermaid" not in cli(capsys, "diff", "HEAD", "--format", "markdown")[1]


# ---------------------------------------------------------------- in real Keras


def _keras_edges(model: Any, prefix: str = "") -> set[tuple[str, str]]:
    """Layer-to-layer edges of a Keras functional or Sequential model, through
    operations that are not layers; a nested model's layers prefixed by its name."""
    import keras

    def producers(tensor: Any) -> list[Any]:
        op = tensor._keras_history.operation
        if isinstance(op, keras.layers.Layer):
            return [op]
        return [p for node in op._inbound_nodes for t in node.input_tensors for p in producers(t)]

    def entry(layer: Any) -> str:
        if isinstance(layer, keras.Model):
            return f"{layer.name}/{layer.layers[0].name}"
        return prefix + layer.name

    def exit_(layer: Any) -> str:
        if isinstance(layer, keras.Model):
            return f"{layer.name}/{layer.layers[-1].name}"
        return prefix + layer.name

    edges = set()
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            edges |= _keras_edges(layer, f"{layer.name}/")
        for node in layer._inbound_nodes:
            for tensor in node.input_tensors:
                for source in producers(tensor):
                    if source in model.layers:
                        edges.add((exit_(source), entry(layer)))
    return edges


@pytest.mark.keras
def test_example_edges_are_keras_graph(keras_module: Any) -> None:
    keras_module.backend.clear_session()
    namespace: dict[str, Any] = {}
    exec(compile(EXAMPLE.read_text(), str(EXAMPLE), "exec"), namespace)
    model = namespace["model"]
    assert _keras_edges(model) == EXAMPLE_EDGES
    # the shapes and counts the diagram prints (Keras printed the same in summary())
    assert model.get_layer("shared").output.shape == (None, 64)
    assert model.get_layer("shared").count_params() == 4160
    assert model.get_layer("encoder").output.shape == (None, 16)
    keras_module.backend.clear_session()
    namespace = {}
    exec(compile(TENSOR_OPS, "ops.py", "exec"), namespace)
    assert _keras_edges(namespace["model"]) == {("x", "a"), ("x", "b"), ("a", "out"), ("b", "out")}
