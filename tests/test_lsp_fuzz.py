"""Editor reality through the language server: ``shapelint lsp`` (a real
subprocess spoken to in JSON-RPC, as tests/test_lsp.py does) receives hundreds
of random incremental edits of every fixture (didChange with UTF-16 ranges,
analysed at once: debounce 0), with hovers and inlay hints asked in between.
The server must answer every request, log no error and no traceback, stay
alive, hold the same text as the client (its final diagnostics equal an
in-process analysis of the client's copy), and exit cleanly."""

from __future__ import annotations

import json
import os
import random
import re
import threading
from pathlib import Path
from typing import Any

import pytest
from robustness import fixture_files

from shapelint.analysis import Options, analyse_source
from shapelint.sources import SourceUnit

try:
    import pygls  # noqa: F401
except ImportError:  # CI installs the test extra, which has pygls
    if os.environ.get("CI"):
        raise
    pytest.skip("the lsp extra (pygls) is not installed", allow_module_level=True)

from test_lsp import Client, initialize, open_document

EDITS_PER_FILE = 30  # x the fixtures: a few hundred edits in all
SNIPPETS = [
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "\n",
    "\r\n",
    "\r",
    "    ",
    "\t",
    "#",
    '"',
    "'''",
    "\\",
    "é😀",
    "layers.Dense(",
    "layers.LSTM(10)",
    "model.add(layers.Conv2D(32, 3))\n",
    "keras.Input(shape=(28, 28, 1))",
    "10**100",
    "-1",
    "0",
    "(1,) * 10000",
    "lambda x: x",
    "for i in range(10**12):\n    ",
    "if x:\n",
    "def f(",
    "class M(keras.Model):\n",
    "return",
    "yield",
    "import keras\n",
]
LINE_END = re.compile(r"\r\n|\r|\n")


def position(text: str, offset: int) -> dict[str, int]:
    """An LSP position (line, UTF-16 character) for a code point offset."""
    line, start = 0, 0
    for m in LINE_END.finditer(text, 0, offset):
        if m.end() > offset:  # inside a CRLF pair: cannot happen, offsets avoid it
            break
        line, start = line + 1, m.end()
    return {"line": line, "character": len(text[start:offset].encode("utf-16-le")) // 2}


def safe_offset(text: str, offset: int) -> int:
    """Never between the CR and LF of a CRLF (not a position in LSP)."""
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        return offset - 1
    return offset


def random_edit(rng: random.Random, text: str) -> tuple[int, int, str]:
    """(start, end, new text) of a random insertion, deletion or replacement."""
    start = safe_offset(text, rng.randint(0, len(text)))
    kind = rng.random()
    if kind < 0.45 or not text:
        return start, start, rng.choice(SNIPPETS)
    end = safe_offset(text, min(len(text), start + rng.choice([1, 1, 2, 5, 20, 200])))
    if kind < 0.8:
        return start, end, ""
    return start, end, rng.choice(SNIPPETS)


def drain(stream: Any, sink: list[bytes]) -> None:
    for line in iter(stream.readline, b""):
        sink.append(line)


def whole(text: str) -> dict[str, Any]:
    end = position(text, len(text))
    return {"start": {"line": 0, "character": 0}, "end": {"line": end["line"] + 1, "character": 0}}


def check_alive(client: Client, stderr: list[bytes]) -> None:
    assert client.proc.poll() is None, b"".join(stderr).decode(errors="replace")[-3000:]


def test_hundreds_of_random_edits(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    client = Client(tmp_path)
    stderr: list[bytes] = []
    threading.Thread(target=drain, args=(client.proc.stderr, stderr), daemon=True).start()
    rng = random.Random(20240508)
    edits = 0
    try:
        initialize(client, tmp_path, options={"debounce": 0, "inlayHints": {"params": True}})
        for fixture in [p for p in fixture_files() if p.suffix == ".py"]:
            text = fixture.read_text(encoding="utf-8")
            path = tmp_path / fixture.name
            uri = open_document(client, path, text)
            for version in range(2, EDITS_PER_FILE + 2):
                start, end, new = random_edit(rng, text)
                change = {"range": {"start": position(text, start), "end": position(text, end)}}
                client.notify(
                    "textDocument/didChange",
                    {
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [{**change, "text": new}],
                    },
                )
                text = text[:start] + new + text[end:]
                edits += 1
                if version % 5 == 0:
                    at = position(text, safe_offset(text, rng.randint(0, len(text))))
                    client.request(
                        "textDocument/hover", {"textDocument": {"uri": uri}, "position": at}
                    )
                    client.request(
                        "textDocument/inlayHint",
                        {"textDocument": {"uri": uri}, "range": whole(text)},
                    )
            # the server holds the client's text: same findings as in-process (a
            # request first, so that every earlier publication has been read)
            client.request(
                "textDocument/hover",
                {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}},
            )
            seen = client.count(uri)
            client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
            published = client.diagnostics(uri, after=seen)
            expected = analyse_source(SourceUnit(fixture.name, text), Options())
            assert expected.error is None
            want = sorted(
                (d.code, d.span.line - 1) for d in expected.diagnostics if d.code != "SL301"
            )
            got = sorted((d["code"], d["range"]["start"]["line"]) for d in published)
            assert got == want, (fixture.name, text)
            client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
            check_alive(client, stderr)
        assert edits >= 200
        errors = [
            n
            for n in client.notifications
            if n["method"] == "window/logMessage" and n["params"]["type"] == 1
        ]
        assert errors == []
        assert client.close() == 0
        assert b"Traceback" not in b"".join(stderr), b"".join(stderr).decode(errors="replace")
    finally:
        if client.proc.poll() is None:
            client.proc.kill()


def test_random_edits_of_a_notebook(tmp_path: Path) -> None:
    """Cells of a notebook fixture edited at random (notebookDocument/didChange
    with text content changes), hovers on the cells in between."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    client = Client(tmp_path)
    stderr: list[bytes] = []
    threading.Thread(target=drain, args=(client.proc.stderr, stderr), daemon=True).start()
    rng = random.Random(7)
    try:
        initialize(client, tmp_path, options={"debounce": 0})
        for fixture in [p for p in fixture_files() if p.suffix == ".ipynb"]:
            nb = json.loads(fixture.read_text(encoding="utf-8"))
            cells = []
            for cell in nb["cells"]:
                source = cell.get("source", "")
                source = "".join(source) if isinstance(source, list) else source
                cells.append(("python" if cell["cell_type"] == "code" else "markdown", source))
            nb_uri = (tmp_path / fixture.name).as_uri()
            cell_uris = [f"vscode-notebook-cell:{nb_uri[5:]}#cell{i}" for i in range(len(cells))]
            client.notify(
                "notebookDocument/didOpen",
                {
                    "notebookDocument": {
                        "uri": nb_uri,
                        "notebookType": "jupyter-notebook",
                        "version": 1,
                        "cells": [
                            {"kind": 2 if lang == "python" else 1, "document": cell_uri}
                            for (lang, _), cell_uri in zip(cells, cell_uris)
                        ],
                    },
                    "cellTextDocuments": [
                        {"uri": u, "languageId": lang, "version": 1, "text": text}
                        for (lang, text), u in zip(cells, cell_uris)
                    ],
                },
            )
            texts = [text for _, text in cells]
            code = [i for i, (lang, _) in enumerate(cells) if lang == "python"]
            for version in range(2, 2 + 2 * EDITS_PER_FILE):
                i = rng.choice(code)
                start, end, new = random_edit(rng, texts[i])
                change = {
                    "range": {"start": position(texts[i], start), "end": position(texts[i], end)},
                    "text": new,
                }
                texts[i] = texts[i][:start] + new + texts[i][end:]
                client.notify(
                    "notebookDocument/didChange",
                    {
                        "notebookDocument": {"uri": nb_uri, "version": version},
                        "change": {
                            "cells": {
                                "textContent": [
                                    {
                                        "document": {"uri": cell_uris[i], "version": version},
                                        "changes": [change],
                                    }
                                ]
                            }
                        },
                    },
                )
                if version % 4 == 0:
                    at = position(texts[i], safe_offset(texts[i], rng.randint(0, len(texts[i]))))
                    client.request(
                        "textDocument/hover",
                        {"textDocument": {"uri": cell_uris[i]}, "position": at},
                    )
                    client.request(
                        "textDocument/inlayHint",
                        {"textDocument": {"uri": cell_uris[i]}, "range": whole(texts[i])},
                    )
            check_alive(client, stderr)
        assert client.close() == 0
        assert b"Traceback" not in b"".join(stderr), b"".join(stderr).decode(errors="replace")
    finally:
        if client.proc.poll() is None:
            client.proc.kill()
