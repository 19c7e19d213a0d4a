"""Issue 17, "Unbreakable, round 2": the language server under a hostile
editor, through a real JSON-RPC session with ``shapelint lsp`` (test_lsp's
client: the server under an address-space limit, every wait under a
timeout). Items 1 (documents the editor never opened), 2 (the size cap; no
analysis blocks the requests on other documents; newest text wins), 6 (a
hostile pyproject.toml) and 9 (JSON-RPC's edge cases, as the JSON-RPC 2.0
and LSP specifications answer them).

The findings are those of test_cli's BUGGY model (an LSTM after a Conv2D:
Keras 3.15.1 raises "expected ndim=3, found ndim=4" there).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from test_cli import BUGGY
from test_lsp import TIMEOUT, Client, initialize, open_document
from test_unbreakable import HOSTILE_CONFIGS, functional_chain

NOWHERE = {"start": {"line": 0, "character": 0}, "end": {"line": 10, "character": 0}}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    return tmp_path


def close(client: Client) -> None:
    """Shut the server down cleanly (exit code 0), whatever happened before."""
    try:
        assert client.close() == 0
    finally:
        if client.proc.poll() is None:
            client.proc.kill()


def hover(client: Client, uri: str, line: int = 5, character: int = 8) -> Any:
    return client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
    )


def at_the_lstm(uri: str) -> dict[str, Any]:
    return {"textDocument": {"uri": uri}, "position": {"line": 5, "character": 8}}


def published(client: Client, uri: str) -> list[dict[str, Any]]:
    return [
        n["params"]
        for n in client.notifications
        if n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == uri
    ]


# ----------------------------------------------- 1. documents the editor never opened


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_requests_for_documents_that_are_not_open_read_nothing(workspace: Path) -> None:
    """A hover, inlay hint or save of a URI that is not open made pygls read
    the file from disk, unchecked: /dev/zero grew without limit, a named pipe
    blocked the server for good, a 3.6 MB file took a minute and 3.4 GB. Now
    they get an empty answer, and the server goes on."""
    targets = {}
    if os.path.exists("/dev/zero"):
        (workspace / "zero.py").symlink_to("/dev/zero")
        targets["zero"] = workspace / "zero.py"
    os.mkfifo(workspace / "pipe.py")
    targets["pipe"] = workspace / "pipe.py"
    (workspace / "big.py").write_text(BUGGY + "x = 1\n" * 600_000)  # 3.6 MB
    targets["big"] = workspace / "big.py"
    (workspace / "closed.py").write_text(BUGGY)
    targets["closed"] = workspace / "closed.py"

    client = Client(workspace)
    try:
        initialize(client, workspace)
        uri = open_document(client, targets["closed"], BUGGY)
        assert [d["code"] for d in client.diagnostics(uri)] == ["SL102"]
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        assert client.diagnostics(uri, after=1) == []
        for path in targets.values():
            uri = path.as_uri()
            assert hover(client, uri) is None
            hints = client.request(
                "textDocument/inlayHint", {"textDocument": {"uri": uri}, "range": NOWHERE}
            )
            assert hints == []
            client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
            client.notify(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "x"}]},
            )
        # the server is alive and well: an open document is analysed
        model = open_document(client, workspace / "model.py", BUGGY)
        assert [d["code"] for d in client.diagnostics(model)] == ["SL102"]
        for name, path in targets.items():
            assert len(published(client, path.as_uri())) == (2 if name == "closed" else 0)
        assert not any(n["method"] == "window/showMessage" for n in client.notifications)
        close(client)
    finally:
        if client.proc.poll() is None:
            client.proc.kill()


# ------------------------------------ 2. the size cap; nothing blocks the other documents


def test_a_document_larger_than_the_cap_is_sl001_at_once(workspace: Path) -> None:
    """A 5.1 MB document took 54.7 s and 7.5 GB, and a hover on another file
    waited behind it; the CLI's 1.5 MB cap applies now."""
    client = Client(workspace)
    try:
        initialize(client, workspace)
        small = open_document(client, workspace / "small.py", BUGGY)
        assert [d["code"] for d in client.diagnostics(small)] == ["SL102"]
        text = BUGGY + "x = [1, 2, 3]\n" * 364_000  # 5.1 MB
        big = open_document(client, workspace / "big.py", text)
        [d] = client.diagnostics(big)
        assert d["code"] == "SL001"
        assert d["message"].startswith("file is 5.1 MB, larger than the 1.5 MB shapelint analyses")
        assert "LSTM" in hover(client, small, 5, 8)["contents"]["value"]
        assert hover(client, big, 5, 8) is None  # nothing analysed there
        close(client)
    finally:
        if client.proc.poll() is None:
            client.proc.kill()


def test_a_slow_analysis_does_not_block_other_documents(workspace: Path) -> None:
    """While a long model (seconds to analyse) is analysed in a worker, a
    hover on another document is answered from its analysis."""
    client = Client(workspace)
    try:
        initialize(client, workspace, options={"debounce": 0})
        small = open_document(client, workspace / "small.py", BUGGY)
        assert [d["code"] for d in client.diagnostics(small)] == ["SL102"]
        slow = open_document(client, workspace / "slow.py", functional_chain(6000))
        assert "LSTM" in hover(client, small, 5, 8)["contents"]["value"]
        assert published(client, slow) == []  # answered before the slow one was done
        assert client.diagnostics(slow) == []  # and that one comes too
        close(client)
    finally:
        if client.proc.poll() is None:
            client.proc.kill()


def test_the_newest_text_wins(workspace: Path) -> None:
    """An edit made while the document is analysed: the result of the old
    text is dropped, the new text is analysed and published (once)."""
    client = Client(workspace)
    try:
        initialize(client, workspace, options={"debounce": 0})
        uri = open_document(client, workspace / "model.py", functional_chain(4000))
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": BUGGY}]},
        )
        [d] = client.diagnostics(uri)
        assert d["code"] == "SL102"
        assert "LSTM" in hover(client, uri, 5, 8)["contents"]["value"]
        [only] = published(client, uri)
        assert only["version"] == 2
        close(client)
    finally:
        if client.proc.poll() is None:
            client.proc.kill()


OUT_OF_MEMORY_SERVER = """
import sys
from shapelint import processes
processes.MEMORY_PER_WORKER = 150_000_000  # each worker: 150 MB above its start
from shapelint.cli import console
sys.argv = ["shapelint", "lsp"]
console()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="an address-space limit")
def test_a_worker_out_of_memory_costs_only_its_document(workspace: Path) -> None:
    """A document whose analysis exhausts its worker's memory gets an error
    (logged); the worker is started again, and other documents are analysed."""
    heavy = "import keras\n" + "x=1\n" * 50_000 + "m = keras.Sequential([keras.layers.Dense(1)])\n"
    client = Client(workspace, command=[sys.executable, "-c", OUT_OF_MEMORY_SERVER])
    try:
        initialize(client, workspace)
        uri = open_document(client, workspace / "heavy.py", heavy)
        message = client._pump(
            lambda m: m.get("method") == "window/logMessage", "the error of heavy.py"
        )
        assert "heavy.py" in message["params"]["message"]
        assert "out of memory" in message["params"]["message"]
        assert client.diagnostics(uri) == [] and client.count(uri) == 1
        for name in ("a.py", "b.py", "c.py"):
            model = open_document(client, workspace / name, BUGGY)
            assert [d["code"] for d in client.diagnostics(model)] == ["SL102"]
        close(client)
    finally:
        if client.proc.poll() is None:
            client.proc.kill()


# ------------------------------------------------------- 6. a hostile pyproject.toml


@pytest.mark.parametrize("content", HOSTILE_CONFIGS.values(), ids=HOSTILE_CONFIGS.keys())
def test_a_hostile_pyproject_is_one_message_and_the_defaults(workspace: Path, content: str) -> None:
    """Every analysis under such a configuration failed; now the editor gets
    one message, and the files are analysed with the defaults."""
    (workspace / "pyproject.toml").write_text(content)
    client = Client(workspace)
    try:
        initialize(client, workspace)
        for name in ("a.py", "b.py"):
            uri = open_document(client, workspace / name, BUGGY)
            assert [d["code"] for d in client.diagnostics(uri)] == ["SL102"]
        shown = [n for n in client.notifications if n["method"] == "window/showMessage"]
        assert len(shown) == 1
        assert "pyproject.toml: invalid TOML" in shown[0]["params"]["message"]
        assert "using the defaults" in shown[0]["params"]["message"]
        close(client)
    finally:
        if client.proc.poll() is None:
            client.proc.kill()


# ----------------------------------------------------------- 9. JSON-RPC edge cases


def framed(body: bytes, length: Any = None) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % (len(body) if length is None else length) + body


def error_of(reply: dict[str, Any]) -> int:
    assert "error" in reply and "result" not in reply, reply
    code = reply["error"]["code"]
    assert isinstance(code, int)
    return code


def test_json_rpc_edge_cases_are_answered_as_the_specifications_say(workspace: Path) -> None:
    """pygls 2 (which the server used as it is) answered none of these right;
    now each gets its JSON-RPC error and the session goes on."""
    client = Client(workspace)
    try:
        # a request before initialize: -32002 (pygls: -32603 and a traceback)
        position = {
            "textDocument": {"uri": (workspace / "m.py").as_uri()},
            "position": NOWHERE["start"],
        }
        assert error_of(client.call("textDocument/hover", position)) == -32002
        # a notification before initialize is dropped
        open_document(client, workspace / "early.py", BUGGY)
        initialize(client, workspace)
        assert error_of(client.call("initialize", {"capabilities": {}})) == -32600

        # malformed JSON: -32700 with id null (pygls: nothing)
        client.send_raw(framed(b'{"jsonrpc": "2.0", "id": 90, "method": '))
        assert error_of(client.reply(None, "a parse error")) == -32700
        # JSON that is not a request: -32600
        client.send_raw(framed(b"[1, 2, 3]"))
        assert error_of(client.reply(None, "an invalid request")) == -32600
        # nested deeper than the JSON parser goes: -32700, the server lives on
        client.send_raw(framed(b"[" * 100_000 + b"]" * 100_000))
        assert error_of(client.reply(None, "a parse error")) == -32700

        # invalid params: -32602 with the request's id (pygls: no response, a pop-up)
        reply = client.call("textDocument/hover", {"textDocument": 3, "position": "here"})
        assert error_of(reply) == -32602
        assert not any(n["method"] == "window/showMessage" for n in client.notifications)
        # an unknown method: -32601
        assert error_of(client.call("shapelint/nothing", {})) == -32601

        # a Content-Length shorter than the body: that message is lost (-32700),
        # and the session goes on (pygls: wedged for good)
        body = b'{"jsonrpc": "2.0", "id": 91, "method": "shutdown", "params": null}'
        client.send_raw(framed(body, len(body) - 10))
        assert error_of(client.reply(None, "the cut message")) == -32700
        uri = open_document(client, workspace / "model.py", BUGGY)
        assert [d["code"] for d in client.diagnostics(uri)] == ["SL102"]

        # a Content-Length longer than the body: that message is lost (-32700), not
        # the next one, whose header it swallowed (pygls: wedged for good)
        body = b'{"jsonrpc": "2.0", "id": 92, "method": "shutdown", "params": null}'
        client.send_raw(framed(body, len(body) + 12))
        client.send({"id": 93, "method": "textDocument/hover", "params": at_the_lstm(uri)})
        assert error_of(client.reply(None, "the long message")) == -32700
        assert "LSTM" in client.reply(93, "the hover after it")["result"]["contents"]["value"]

        # Content-Length: 2**63 (pygls: the server died): refused, skipped
        client.send_raw(b"Content-Length: %d\r\n\r\n" % 2**63)
        assert error_of(client.reply(None, "the huge message")) == -32600
        assert "LSTM" in hover(client, uri, 5, 8)["contents"]["value"]

        # after shutdown, requests are invalid (pygls: no reply); exit ends with 0
        assert client.request("shutdown", None) is None
        assert error_of(client.call("textDocument/hover", position)) == -32600
        client.notify("exit", None)
        assert client.proc.wait(timeout=TIMEOUT) == 0
        stderr = client.proc.stderr.read() if client.proc.stderr else b""
        assert b"Traceback" not in stderr, stderr.decode(errors="replace")
        assert published(client, (workspace / "early.py").as_uri()) == []
    finally:
        if client.proc.poll() is None:
            client.proc.kill()


# ----------------------------------------------- found by bench/stress_lsp.py: a leak


class _Sink:
    """A writer that keeps nothing."""

    def write(self, data: bytes) -> None:
        pass

    def close(self) -> None:
        pass


def test_notifications_leave_nothing_behind() -> None:
    """pygls keeps the future of every notification handled by a generator
    (its built-in didOpen, didChange and didClose are) in the protocol's
    table of requests for ever: the server grew by a few kilobytes per
    keystroke (60 MB over 20,000 edits in bench/stress_lsp.py). The messages
    go through the server's own checks and pygls' handlers, in-process."""
    import asyncio

    from shapelint.lsp import create_server

    async def session() -> int:
        server = create_server()
        protocol = server.protocol
        protocol.set_writer(_Sink())
        protocol.receive(
            {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
        )
        uri = "file:///nowhere/notes.txt"  # not Python: nothing to analyse, no worker
        document = {"uri": uri, "languageId": "plaintext", "version": 1, "text": "a"}
        protocol.receive(
            {
                "jsonrpc": "2.0",
                "method": "textDocument/didOpen",
                "params": {"textDocument": document},
            }
        )
        for version in range(2, 500):
            protocol.receive(
                {
                    "jsonrpc": "2.0",
                    "method": "textDocument/didChange",
                    "params": {
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [{"text": "a" * version}],
                    },
                }
            )
        protocol.receive(
            {
                "jsonrpc": "2.0",
                "method": "textDocument/didClose",
                "params": {"textDocument": {"uri": uri}},
            }
        )
        await asyncio.sleep(0.01)
        server.analysers.close()
        return len(protocol._request_futures)

    assert asyncio.run(session()) == 0
