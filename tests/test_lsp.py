"""``shapelint lsp`` as an editor sees it: a subprocess spoken to in JSON-RPC
(Content-Length framing) over stdin/stdout.

The client here answers the server's own requests (workspace/configuration,
...) as editors do, and checks diagnostics, hover, inlay hints, UTF-16
positions, per-workspace configuration, notebooks, shutdown and exit."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Optional

import pytest
from limits import limited

try:
    import pygls  # noqa: F401
except ImportError:  # CI installs the test extra, which has pygls: there, a failure
    if os.environ.get("CI"):
        raise
    pytest.skip("the lsp extra (pygls) is not installed", allow_module_level=True)

TIMEOUT = 30.0

# A line with non-ASCII text (a 2-unit UTF-16 emoji, a 1-unit accented letter)
# before the finding: its column must be counted in UTF-16 code units.
BUGGY = """\
from tensorflow.keras import layers, models

model = models.Sequential([layers.Conv2D(32, 3, input_shape=(28, 28, 1), name="é😀"), layers.MaxPooling2D(), layers.LSTM(10)])
"""  # noqa: E501
FUNCTIONAL = """\
import keras
from keras import layers

inputs = keras.Input(shape=(32,))
x = layers.Dense(64, activation="relu")(inputs)  # hidden
outputs = layers.Dense(10)(x)
net = keras.Model(inputs=inputs, outputs=outputs)
"""


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Client:
    """A minimal LSP client over a subprocess's stdio (the server under an
    address-space limit, see tests/limits.py; ``command``: another way to
    start it)."""

    def __init__(
        self,
        cwd: Path,
        settings: Optional[dict[str, Any]] = None,
        command: Optional[list[str]] = None,
    ):
        env = dict(os.environ)
        self.proc = subprocess.Popen(
            command or [sys.executable, "-m", "shapelint", "lsp"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            preexec_fn=limited(),
        )
        self.settings = settings
        self.next_id = 0
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self.server_requests: list[dict[str, Any]] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                key, _, value = line.partition(":")
                headers[key.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put(json.loads(body.decode("utf-8")))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.send_raw(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)

    def send_raw(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def _pump(self, done: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"timed out waiting for {what}")
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            if "method" in message and "id" in message:  # a request from the server
                self.server_requests.append(message)
                result: Any = None
                if message["method"] == "workspace/configuration":
                    result = [self.settings for _ in message["params"]["items"]]
                self.send({"id": message["id"], "result": result})
            elif "method" in message:
                self.notifications.append(message)
            if done(message):
                return message

    def request(self, method: str, params: Any) -> Any:
        reply = self.call(method, params)
        assert "error" not in reply, reply
        return reply["result"]

    def call(self, method: str, params: Any) -> dict[str, Any]:
        """The whole reply to a request (a result or an error)."""
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        return self.reply(ident, method)

    def reply(self, ident: Any, what: str) -> dict[str, Any]:
        """The next response with this id (None: an error about no request)."""
        return self._pump(lambda m: "id" in m and m["id"] == ident and "method" not in m, what)

    def diagnostics(self, uri: str, after: int = 0) -> list[dict[str, Any]]:
        """The next publishDiagnostics for ``uri`` past the first ``after`` ones."""

        def published() -> list[dict[str, Any]]:
            return [
                n["params"]
                for n in self.notifications
                if n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == uri
            ]

        if len(published()) <= after:
            self._pump(lambda _m: len(published()) > after, f"diagnostics for {uri}")
        return published()[after]["diagnostics"]

    def count(self, uri: str) -> int:
        return sum(
            1
            for n in self.notifications
            if n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == uri
        )

    def close(self) -> int:
        try:
            assert self.request("shutdown", None) is None
            self.notify("exit", None)
            return self.proc.wait(timeout=TIMEOUT)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                if stream is not None:
                    stream.close()


def initialize(
    client: Client,
    root: Path,
    options: Optional[dict[str, Any]] = None,
    encodings: tuple[str, ...] = ("utf-16",),
) -> Any:
    result = client.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            "initializationOptions": options,
            "capabilities": {
                "general": {"positionEncodings": list(encodings)},
                "workspace": {"configuration": True, "inlayHint": {"refreshSupport": True}},
                "textDocument": {
                    "publishDiagnostics": {"relatedInformation": True},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "inlayHint": {},
                    "synchronization": {"didSave": True},
                },
                "notebookDocument": {"synchronization": {}},
            },
        },
    )
    client.notify("initialized", {})
    return result


def open_document(client: Client, path: Path, text: str, language: str = "python") -> str:
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
    )
    return uri


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    return tmp_path


def test_editor_session(workspace: Path) -> None:
    client = Client(workspace, settings={"debounce": 50})
    try:
        result = initialize(client, workspace)
        capabilities = result["capabilities"]
        assert capabilities["hoverProvider"] and "inlayHintProvider" in capabilities
        assert capabilities.get("positionEncoding", "utf-16") == "utf-16"
        assert result["serverInfo"]["name"] == "shapelint"

        path = workspace / "model.py"
        path.write_text(BUGGY, encoding="utf-8")
        uri = open_document(client, path, BUGGY)

        # didOpen: the SL102 on the LSTM, columns in UTF-16 code units
        [d] = client.diagnostics(uri)
        line = BUGGY.splitlines()[2]
        start = line.index("layers.LSTM")
        end = line.index(")])") + 1
        assert d["code"] == "SL102" and d["source"] == "shapelint" and d["severity"] == 1
        assert "ndim=3" in d["message"] and "ndim=4" in d["message"]
        assert d["range"] == {
            "start": {"line": 2, "character": utf16(line[:start])},
            "end": {"line": 2, "character": utf16(line[:end])},
        }
        assert utf16(line[:start]) == start + 1  # the emoji counts twice, the é once

        # hover on the LSTM call (position in UTF-16 units): shape and params
        hover = client.request(
            "textDocument/hover",
            {
                "textDocument": {"uri": uri},
                "position": {"line": 2, "character": utf16(line[: start + 8])},
            },
        )
        assert hover["contents"]["kind"] == "markdown"
        assert "LSTM" in hover["contents"]["value"] and "params: ?" in hover["contents"]["value"]
        conv = line.index("layers.Conv2D") + 3
        hover = client.request(
            "textDocument/hover",
            {
                "textDocument": {"uri": uri},
                "position": {"line": 2, "character": utf16(line[:conv])},
            },
        )
        value = hover["contents"]["value"]
        assert "Conv2D" in value and "(None, 26, 26, 32)" in value and "params: 320" in value
        assert hover["range"]["start"] == {"line": 2, "character": utf16(line[: conv - 3])}

        # didChange with a broken edit: the diagnostics update (debounced) to SL001
        seen = client.count(uri)
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [
                    {
                        "range": {
                            "start": {"line": 2, "character": utf16(line[: len(line) - 2])},
                            "end": {"line": 2, "character": utf16(line)},
                        },
                        "text": "]",
                    }
                ],
            },
        )
        [d] = client.diagnostics(uri, after=seen)
        assert d["code"] == "SL001" and "syntax error" in d["message"]

        # a fix: the LSTM goes, the Flatten+Dense come; clean
        fixed = line.replace("layers.LSTM(10)])", "layers.Flatten(), layers.Dense(10)])")
        seen = client.count(uri)
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": 3},
                "contentChanges": [{"text": BUGGY.replace(line, fixed)}],
            },
        )
        assert client.diagnostics(uri, after=seen) == []

        # inlay hints: each layer's output shape, after it (several on one line)
        hints = client.request(
            "textDocument/inlayHint",
            {
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}},
            },
        )
        labels = [h["label"] for h in hints]
        assert labels == [
            "→ (None, 26, 26, 32)",
            "→ (None, 13, 13, 32)",
            "→ (None, 5408)",
            "→ (None, 10)",
        ]
        dense_end = fixed.index("layers.Dense(10)") + len("layers.Dense(10)")
        assert hints[-1]["position"] == {"line": 2, "character": utf16(fixed[:dense_end])}

        # hover on the model: its totals
        hover = client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 12}},
        )
        assert "total params: 54,410" in hover["contents"]["value"]

        # save: analysed at once
        seen = client.count(uri)
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        assert client.diagnostics(uri, after=seen) == []

        assert any(r["method"] == "workspace/configuration" for r in client.server_requests)
        assert client.close() == 0
    finally:
        if client.proc.poll() is None:
            client.proc.kill()


def test_functional_hover_inlay_and_workspace_config(workspace: Path) -> None:
    (workspace / "pyproject.toml").write_text("[tool.shapelint]\nmax-params = 1000\n")
    client = Client(workspace)
    try:
        initialize(client, workspace, options={"inlayHints": {"enable": True, "params": True}})
        path = workspace / "net.py"
        uri = open_document(client, path, FUNCTIONAL)
        [d] = client.diagnostics(uri)
        assert d["code"] == "SL203" and d["severity"] == 2  # the workspace's max-params
        assert d["range"]["start"] == {"line": 6, "character": 6}
        hints = client.request(
            "textDocument/inlayHint",
            {
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 7, "character": 0}},
            },
        )
        by_line = {h["position"]["line"]: h for h in hints}
        # alone on its line: at the end of the code, before the comment
        code = FUNCTIONAL.splitlines()[4].split("  #")[0]
        assert by_line[4]["position"]["character"] == len(code)
        assert by_line[4]["label"] == "→ (None, 64) · 2,112 params"
        assert by_line[3]["label"] == "→ (None, 32) · 0 params"
        hover = client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 5, "character": 14}},
        )
        assert "(None, 10)" in hover["contents"]["value"]
        assert "params: 650" in hover["contents"]["value"]
        # turning inlay hints off through the workspace configuration
        client.notify(
            "workspace/didChangeConfiguration",
            {"settings": {"shapelint": {"inlayHints": {"enable": False}}}},
        )
        hints = client.request(
            "textDocument/inlayHint",
            {
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 7, "character": 0}},
            },
        )
        assert hints == []
        assert any(r["method"] == "workspace/inlayHint/refresh" for r in client.server_requests)
        assert client.close() == 0
    finally:
        if client.proc.poll() is None:
            client.proc.kill()


def test_notebook_cells(workspace: Path) -> None:
    client = Client(workspace)
    try:
        initialize(client, workspace)
        nb_uri = (workspace / "nb.ipynb").as_uri()
        cells = [
            ("markdown", "# A model"),
            (
                "python",
                "%matplotlib inline\nfrom tensorflow.keras import layers, models\n"
                "model = models.Sequential()\n",
            ),
            (
                "python",
                "model.add(layers.Conv2D(32, 3, input_shape=(28, 28, 1)))\n"
                "model.add(layers.MaxPooling2D())\nmodel.add(layers.LSTM(10))\n",
            ),
        ]
        cell_uris = [f"vscode-notebook-cell:{nb_uri[5:]}#cell{i}" for i in range(len(cells))]
        client.notify(
            "notebookDocument/didOpen",
            {
                "notebookDocument": {
                    "uri": nb_uri,
                    "notebookType": "jupyter-notebook",
                    "version": 1,
                    "cells": [
                        {"kind": 1 if lang == "markdown" else 2, "document": cell_uri}
                        for (lang, _), cell_uri in zip(cells, cell_uris)
                    ],
                },
                "cellTextDocuments": [
                    {"uri": cell_uri, "languageId": lang, "version": 1, "text": text}
                    for (lang, text), cell_uri in zip(cells, cell_uris)
                ],
            },
        )
        [d] = client.diagnostics(cell_uris[2])
        assert d["code"] == "SL102"
        assert d["range"]["start"] == {"line": 2, "character": 10}
        assert client.diagnostics(cell_uris[1]) == []
        hover = client.request(
            "textDocument/hover",
            {"textDocument": {"uri": cell_uris[2]}, "position": {"line": 0, "character": 20}},
        )
        assert "(None, 26, 26, 32)" in hover["contents"]["value"]
        assert client.close() == 0
    finally:
        if client.proc.poll() is None:
            client.proc.kill()


@pytest.mark.parametrize(
    ("encoding", "units"),
    [("utf-8", lambda s: len(s.encode("utf-8"))), ("utf-32", len)],
)
def test_negotiated_position_encodings(
    workspace: Path, encoding: str, units: Callable[[str], int]
) -> None:
    client = Client(workspace)
    try:
        result = initialize(client, workspace, encodings=(encoding,))
        assert result["capabilities"]["positionEncoding"] == encoding
        uri = open_document(client, workspace / "model.py", BUGGY)
        [d] = client.diagnostics(uri)
        line = BUGGY.splitlines()[2]
        start = line.index("layers.LSTM")
        assert d["range"]["start"] == {"line": 2, "character": units(line[:start])}
        hover = client.request(
            "textDocument/hover",
            {
                "textDocument": {"uri": uri},
                "position": {"line": 2, "character": units(line[: start + 3])},
            },
        )
        assert "LSTM" in hover["contents"]["value"]
        assert client.close() == 0
    finally:
        if client.proc.poll() is None:
            client.proc.kill()


def test_exit_without_shutdown_is_exit_code_1(workspace: Path) -> None:
    client = Client(workspace)
    try:
        initialize(client, workspace)
        client.notify("exit", None)
        assert client.proc.wait(timeout=TIMEOUT) == 1
    finally:
        if client.proc.poll() is None:
            client.proc.kill()
        for stream in (client.proc.stdin, client.proc.stdout, client.proc.stderr):
            if stream is not None:
                stream.close()
