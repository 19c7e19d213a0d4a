"""JSON-RPC over stdio for ``shapelint lsp``, as the JSON-RPC 2.0 and LSP
specifications ask, in place of pygls' own reader and dispatch (see
``ShapelintProtocol``): pygls 2 dies on ``Content-Length: 2**63``, answers no
request whose params are invalid, sends no -32700 for malformed JSON, stays
wedged after a Content-Length shorter than its body, ignores requests after
``shutdown`` and answers a request before ``initialize`` with -32603 and a
traceback.

- Framing (``Framing``): a header block ends at an empty line; its last
  ``Content-Length`` gives the body's size. Bytes that are not a header
  (the rest of a body whose Content-Length was too short, garbage) are
  skipped up to the next header, and a body that does not parse gives back
  the start of the next message it swallowed (its Content-Length was too
  long), so one bad message costs only itself. A header block longer than
  ``MAX_HEADER_BYTES`` is cut, and a body longer than ``MAX_MESSAGE_BYTES``
  is refused (and skipped as garbage): memory stays bounded whatever the
  client sends.
- Bodies are read and parsed by a thread, which hands them to the event
  loop one at a time (a client writing faster than the server reads is
  slowed down, not buffered without end).
- Each body is checked before pygls sees it (``ShapelintProtocol.receive``):
  -32700 for what is not JSON, -32600 for what is not a JSON-RPC 2.0 message
  or a request after ``shutdown``, -32002 for a request before
  ``initialize``, -32602 for params that do not fit the method.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import threading
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import (
    JsonRPCNotification,
    JsonRPCRequestMessage,
    JsonRPCResponseMessage,
)
from pygls.protocol.language_server import lsp_method

from shapelint.pyvalues import is_int

log = logging.getLogger("shapelint.lsp")

#: Largest message body read (a 1.5 MB file opened in the editor, escaped in
#: JSON, is well under it).
MAX_MESSAGE_BYTES = 32_000_000
#: Longest header block kept while looking for its end.
MAX_HEADER_BYTES = 8_192

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
INVALID_PARAMS = -32602
SERVER_NOT_INITIALIZED = -32002

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_CONTENT_LENGTH = re.compile(rb"content-length[ \t]*:[ \t]*([0-9]+)[ \t]*(?:\r?\n|$)", re.I)


@dataclass(frozen=True)
class FramingError:
    """A part of the stream that is not a message (answered with id null)."""

    code: int
    message: str


@dataclass(frozen=True)
class Received:
    """A message body, parsed as JSON (any JSON value: checked later)."""

    data: Any


class Framing:
    """Cuts the bytes read from the client into messages, parsed as JSON
    (in the reading thread, off the event loop)."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.length: Optional[int] = None  # of the body being read, once its header is
        self.garbage = False  # skipping bytes that are not a header (reported once)

    def feed(self, data: bytes) -> list[Union[Received, FramingError]]:
        """The messages (and framing errors) completed by ``data``, in order."""
        self.buffer += data
        out: list[Union[Received, FramingError]] = []
        while True:
            if self.length is not None:
                if len(self.buffer) < self.length:
                    return out
                body = bytes(self.buffer[: self.length])
                del self.buffer[: self.length]
                self.length = None
                out.append(self._parsed(body))
                continue
            end = _HEADER_END.search(self.buffer)
            if end is None:
                if len(self.buffer) > MAX_HEADER_BYTES:  # no header in sight: skip, keep a tail
                    out.extend(self._skipped("bytes that are not a message header"))
                    del self.buffer[: len(self.buffer) - 64]
                return out
            header = bytes(self.buffer[: end.start()])
            del self.buffer[: end.end()]
            lengths = list(_CONTENT_LENGTH.finditer(header))
            if not lengths:
                out.extend(self._skipped("a message header without Content-Length"))
                continue
            if not _only_headers(header[: lengths[-1].start()]):
                # what came before the header (the rest of a body shorter than said)
                out.extend(self._skipped("bytes that are not a message header"))
            self.garbage = False
            digits = lengths[-1].group(1)
            length = int(digits) if len(digits) <= 12 else MAX_MESSAGE_BYTES + 1
            if length > MAX_MESSAGE_BYTES:
                shown = digits.decode() if len(digits) <= 30 else f"{digits[:12].decode()}..."
                out.append(
                    FramingError(
                        INVALID_REQUEST,
                        f"Invalid Request: a Content-Length of {shown} bytes, more than the "
                        f"{MAX_MESSAGE_BYTES:,} this server reads (skipped)",
                    )
                )
                self.garbage = True  # its body, if it comes, is skipped as garbage
                continue
            self.length = length

    def _parsed(self, body: bytes) -> Union[Received, FramingError]:
        """A body as JSON, or a parse error. A body that does not parse may
        hold the start of the next message (its Content-Length was longer
        than the body): that part goes back to be read as a header."""
        try:
            return Received(json.loads(body))
        except (ValueError, RecursionError) as e:  # UnicodeDecodeError is a ValueError
            cut = _next_header(body)
            if cut is not None:
                self.buffer[:0] = body[cut:]
            self.garbage = True  # what follows, up to the next header, is its rest
            return FramingError(PARSE_ERROR, f"Parse error: {_one_line(e)}")

    def _skipped(self, what: str) -> list[FramingError]:
        if self.garbage:
            return []
        self.garbage = True
        return [FramingError(PARSE_ERROR, f"Parse error: {what} (skipped to the next header)")]


_HEADER_NAME = b"content-length"


def _next_header(body: bytes) -> Optional[int]:
    """Where a message header starts inside ``body`` (or a tail of it that
    may be the start of one), if anywhere but its start."""
    found = re.search(rb"content-length[ \t]*:", body, re.I)
    if found is not None and found.start() > 0:
        return found.start()
    tail = body[-len(_HEADER_NAME) :].lower()
    for size in range(len(tail), 0, -1):
        if _HEADER_NAME.startswith(tail[-size:]) and size < len(body):
            return len(body) - size
    return None


def _only_headers(block: bytes) -> bool:
    """Whether ``block`` is header lines (``Name: value``) only, or nothing."""
    lines = [line for line in re.split(rb"\r?\n", block) if line.strip()]
    return all(re.fullmatch(rb"[A-Za-z][A-Za-z0-9-]*[ \t]*:.*", line) for line in lines)


def _valid_id(value: Any) -> bool:
    """An id as LSP allows: an integer or a string."""
    return is_int(value) or isinstance(value, str)


class ShapelintProtocol(LanguageServerProtocol):
    """pygls' protocol, with the checks of the specifications in front of it,
    an ``exit`` that ends the loop instead of the process, and edits of a
    document that is not open ignored (pygls raises on them)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initialize_received = False
        #: Set by ``exit``: the process's exit code (0 after a shutdown request).
        self.exit_code: Optional[int] = None

    # ----------------------------------------------------------------- receiving

    def receive(self, data: Any) -> None:
        """One message from the client (its JSON): checked, then handled by pygls."""
        if not isinstance(data, dict):
            self.reply_error(None, INVALID_REQUEST, "Invalid Request: not a JSON object")
            return
        ident = data.get("id")
        has_id = "id" in data
        if has_id and not _valid_id(ident) and not (ident is None and "method" not in data):
            self.reply_error(
                None, INVALID_REQUEST, "Invalid Request: the id is not a number or a string"
            )
            return
        method = data.get("method")
        if data.get("jsonrpc") != "2.0" or ("method" in data and not isinstance(method, str)):
            reply_to = ident if has_id and method is not None else None
            self.reply_error(
                reply_to, INVALID_REQUEST, "Invalid Request: not a JSON-RPC 2.0 message"
            )
            return
        if method is None and not (has_id and ("result" in data or "error" in data)):
            self.reply_error(
                ident if has_id else None, INVALID_REQUEST, "Invalid Request: no method"
            )
            return
        if method is not None and not self._admitted(method, ident if has_id else None):
            return
        try:
            message = self.structure_message(data)
        except JsonRpcException as e:
            if has_id and method is not None:
                self.reply_error(ident, INVALID_PARAMS, f"Invalid params for {method}: {e.message}")
            else:
                log.warning("ignored %s: its params do not fit the method", method or "a response")
            return
        if method == types.INITIALIZE:
            self.initialize_received = True
        self.handle_message(message)

    def _admitted(self, method: str, ident: Any) -> bool:
        """Whether a request or notification may be handled now; a request
        that may not is answered with an error (LSP's lifecycle)."""
        request = ident is not None
        if method == types.EXIT:
            return True
        if not self.initialize_received:
            if request and method != types.INITIALIZE:
                self.reply_error(
                    ident,
                    SERVER_NOT_INITIALIZED,
                    f"Server not initialized: {method} before initialize",
                )
                return False
            return request  # notifications before initialize are dropped
        if request and method == types.INITIALIZE:
            self.reply_error(
                ident, INVALID_REQUEST, "Invalid Request: initialize was already received"
            )
            return False
        if self._shutdown:
            if request:
                self.reply_error(
                    ident, INVALID_REQUEST, f"Invalid Request: {method} after shutdown"
                )
            return False
        return True

    def structure_message(self, data: dict[str, Any]) -> Any:
        """pygls' structuring of a message into its lsprotocol type, which
        logs a traceback for every client message that does not fit: a
        warning of one line here (the client gets -32602)."""
        if "jsonrpc" not in data:
            return data
        if "id" in data and "error" in data:
            kind: Any = types.ResponseErrorMessage
        elif "id" in data and "method" in data:
            kind = self.get_message_type(data["method"]) or JsonRPCRequestMessage
        elif "id" in data:
            kind = self._result_types.pop(data["id"], None) or JsonRPCResponseMessage
        else:
            kind = self.get_message_type(data.get("method", "")) or JsonRPCNotification
        try:
            return self._converter.structure(data, kind)
        except Exception as e:
            log.warning("a message that does not fit %s: %s", data.get("method"), _one_line(e))
            raise JsonRpcInvalidParams() from e

    def reply_error(self, ident: Any, code: int, message: str) -> None:
        self._send_data(
            {"jsonrpc": "2.0", "id": ident, "error": {"code": code, "message": message}}
        )

    def _execute_handler(
        self,
        msg_id: Any,
        handler: Any,
        callback: Callable[[Any], None],
        args: Any = None,
        kwargs: Any = None,
    ) -> None:
        """pygls' own, but a handler's future is forgotten once it is done:
        pygls keeps the future of every notification a generator handles
        (didOpen, didChange, didClose: its built-in handlers are generators)
        for ever, a few kilobytes per keystroke."""

        def done(future: Any) -> None:
            if self._request_futures.get(msg_id) is future:
                del self._request_futures[msg_id]
            callback(future)

        super()._execute_handler(msg_id, handler, done, args, kwargs)

    # ------------------------------------------------------ pygls' builtins, fixed

    @lsp_method(types.EXIT)
    def lsp_exit(self, *args: Any) -> None:
        """Ends the loop (``serve`` returns the code) rather than the process
        from inside a handler."""
        self.exit_code = 0 if self._shutdown else 1

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        if not self.is_open(params.text_document.uri):
            log.warning("ignored a change of %s, which is not open", params.text_document.uri)
            return None
        return (yield from super().lsp_text_document__did_change(params))

    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def lsp_notebook_document__did_change(
        self, params: types.DidChangeNotebookDocumentParams
    ) -> Any:
        if self.workspace.get_notebook_document(notebook_uri=params.notebook_document.uri) is None:
            log.warning("ignored a change of %s, which is not open", params.notebook_document.uri)
            return None
        return (yield from super().lsp_notebook_document__did_change(params))

    def is_open(self, uri: str) -> bool:
        """Whether a text document (or notebook cell) is open, as the editor said."""
        from urllib.parse import unquote

        return unquote(uri) in self.workspace.text_documents


def _one_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= 200 else text[:200] + "..."


# ------------------------------------------------------------------------- the loop


class _Writer:
    """Writes whole messages to the client's end; a client gone (a closed
    pipe) ends the loop instead of raising in a handler."""

    def __init__(self, fd: int, lost: Callable[[], None]):
        self.fd = fd
        self.lost = lost
        self.closed = False

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view and not self.closed:
            try:
                written = os.write(self.fd, view)
            except InterruptedError:
                continue
            except OSError:
                self.closed = True
                self.lost()
                return
            view = view[written:]

    def close(self) -> None:
        self.closed = True


def serve(
    protocol: ShapelintProtocol, read_fd: int, write_fd: int, on_stop: Callable[[], None]
) -> int:
    """Read messages from ``read_fd`` and answer on ``write_fd`` until
    ``exit`` or the end of the input; the exit code (0 only after a shutdown
    request and an exit notification, as LSP specifies)."""
    return asyncio.run(_serve(protocol, read_fd, write_fd, on_stop))


async def _serve(
    protocol: ShapelintProtocol, read_fd: int, write_fd: int, on_stop: Callable[[], None]
) -> int:
    loop = asyncio.get_running_loop()
    inbox: asyncio.Queue[Union[Received, FramingError, None]] = asyncio.Queue(maxsize=2)
    stopped = asyncio.Event()
    protocol.set_writer(_Writer(write_fd, lambda: loop.call_soon_threadsafe(stopped.set)))

    def post(item: Union[Received, FramingError, None]) -> bool:
        try:
            asyncio.run_coroutine_threadsafe(inbox.put(item), loop).result()
            return True
        except (RuntimeError, asyncio.CancelledError):  # the loop has ended
            return False

    def read() -> None:
        framing = Framing()
        while True:
            try:
                data = os.read(read_fd, 1 << 16)
            except InterruptedError:
                continue
            except OSError:
                data = b""
            if not data:
                post(None)
                return
            for item in framing.feed(data):
                if not post(item):
                    return

    threading.Thread(target=read, name="shapelint-lsp-reader", daemon=True).start()
    try:
        while protocol.exit_code is None and not stopped.is_set():
            getter = asyncio.ensure_future(inbox.get())
            stop = asyncio.ensure_future(stopped.wait())
            done, _ = await asyncio.wait({getter, stop}, return_when=asyncio.FIRST_COMPLETED)
            if getter not in done:
                getter.cancel()
                break
            stop.cancel()
            item = getter.result()
            if item is None:  # the client closed its end
                break
            try:
                if isinstance(item, FramingError):
                    protocol.reply_error(None, item.code, item.message)
                else:
                    protocol.receive(item.data)
            except Exception:  # a bug of the server's: this message is lost, not the session
                log.exception("internal error while handling a message")
    finally:
        on_stop()
    return protocol.exit_code if protocol.exit_code is not None else 1
