"""A hostile editor session against ``shapelint lsp``: the ten largest Python
files of a corpus open at once, random edits (digits, deleted and duplicated
lines, a broken line, an unclosed bracket), hovers and inlay hints in
between, and abuse messages (malformed JSON, a short Content-Length, a
Content-Length of 2**63, invalid params, unknown methods, requests for files
that are not open, a 5 MB document, JSON nested 100,000 deep). It prints the
latencies seen by the editor and the memory of the server and its workers
over time. A script, not a test: it asserts nothing, and exits 1 only if a
request went unanswered or the server died.

    python bench/stress_lsp.py                          # ../shared/corpus, 300 edits
    python bench/stress_lsp.py --corpus DIR --edits 1000 --seed 2
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
TIMEOUT = 120.0


class Session:
    """A JSON-RPC client over the server's stdio that records when each
    message arrives."""

    def __init__(self, cwd: Path, memory: Optional[int]):
        def limit() -> None:
            if memory:
                import resource

                resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

        self.proc = subprocess.Popen(
            [sys.executable, "-m", "shapelint", "lsp"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            preexec_fn=limit,
        )
        self.inbox: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.next_id = 0
        self.published: dict[tuple[str, Any], float] = {}  # (uri, version) -> arrival
        self.errors: list[dict[str, Any]] = []  # error responses
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            self.inbox.put((time.monotonic(), json.loads(stream.read(length))))

    def raw(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> tuple[dict[str, Any], float]:
        """The reply and its latency in seconds."""
        self.next_id += 1
        ident = self.next_id
        started = time.monotonic()
        self.send({"id": ident, "method": method, "params": params})
        at, reply = self.wait(lambda m: m.get("id") == ident and "method" not in m)
        return reply, at - started

    def wait(self, done: Callable[[dict[str, Any]], bool]) -> tuple[float, dict[str, Any]]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                at, message = self.inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError("no answer from the server") from None
            if "method" in message and "id" in message:  # the server's own request
                result = [None] if message["method"] == "workspace/configuration" else None
                self.send({"id": message["id"], "result": result})
            elif message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self.published.setdefault((params["uri"], params.get("version")), at)
            elif "error" in message:
                self.errors.append(message)
            if done(message):
                return at, message

    def diagnostics(self, uri: str, version: Any) -> float:
        """When the diagnostics of this version arrived (waiting for them)."""
        if (uri, version) not in self.published:
            self.wait(lambda _m: (uri, version) in self.published)
        return self.published[(uri, version)]


# ------------------------------------------------------------------------- memory


def rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


class Sampler(threading.Thread):
    """RSS of the server and of its workers every ``interval`` seconds."""

    def __init__(self, pid: int, interval: float = 0.25):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.samples: list[tuple[float, int, int]] = []  # (time, server, workers)
        self.stop = threading.Event()
        self.started = time.monotonic()

    def run(self) -> None:
        while not self.stop.is_set():
            workers = sum(rss(c) for c in children(self.pid))
            self.samples.append((time.monotonic() - self.started, rss(self.pid), workers))
            self.stop.wait(self.interval)


# -------------------------------------------------------------------------- edits

SNIPPETS = [
    "x = layers.Dense(64)(x)\n",
    "model.add(layers.Dense(10))\n",
    "y = (\n",  # an unclosed bracket: everything after is a syntax error
    "def helper(a, b=3):\n    return a * b\n",
    "import keras\n",
    "print('hello')\n",
]


def random_edit(rng: random.Random, lines: list[str]) -> tuple[dict[str, Any], list[str]]:
    """One incremental change (LSP's range and text) and the lines after it."""
    index = rng.randrange(len(lines))
    line = lines[index]
    kind = rng.choice(("digit", "delete", "duplicate", "insert", "type"))
    start = {"line": index, "character": 0}
    if kind == "digit" and any(c.isdigit() for c in line):
        at = rng.choice([i for i, c in enumerate(line) if c.isdigit()])
        new = line[:at] + str(rng.randrange(1, 10)) + line[at + 1 :]
    elif kind == "delete" and len(lines) > 20:
        change = {"range": {"start": start, "end": {"line": index + 1, "character": 0}}, "text": ""}
        return change, lines[:index] + lines[index + 1 :]
    elif kind == "duplicate":
        new = line + line
    elif kind == "insert":
        new = rng.choice(SNIPPETS) + line
    else:  # typing a character in the middle of a line
        at = rng.randrange(len(line)) if line.strip() else 0
        new = line[:at] + rng.choice("abcxyz_0( ,") + line[at:]
    end = {"line": index + 1, "character": 0}
    change = {"range": {"start": start, "end": end}, "text": new}
    return change, lines[:index] + new.splitlines(keepends=True) + lines[index + 1 :]


def abuse(session: Session, workspace: Path, count: int) -> float:
    """Send one abuse message (cycling through the kinds); the seconds until
    the server answered it (with an error, or an empty result)."""
    kind = count % 8
    started = time.monotonic()
    if kind in (0, 1, 2, 7):  # framing and JSON: answered with an error, id null
        if kind == 0:
            body = b'{"jsonrpc": "2.0", '  # malformed JSON
            session.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        elif kind == 1:  # a Content-Length shorter than its body
            body = b'{"jsonrpc": "2.0", "id": "cut", "method": "shutdown", "params": null}'
            session.raw(b"Content-Length: %d\r\n\r\n" % (len(body) - 9) + body)
        elif kind == 2:
            session.raw(b"Content-Length: %d\r\n\r\n" % 2**63)
        else:
            session.raw(b"Content-Length: 200000\r\n\r\n" + b"[" * 100_000 + b"]" * 100_000)
        at, _ = session.wait(lambda m: "error" in m and m.get("id") is None)
        return at - started
    if kind == 3:
        return session.request("textDocument/hover", {"textDocument": 7, "position": "x"})[1]
    if kind == 4:
        return session.request("shapelint/unknown", {})[1]
    if kind == 5:  # files that are not open: answered empty, never read
        for name in ("zero.py", "pipe.py", "never.py"):
            uri = (workspace / name).as_uri()
            session.request(
                "textDocument/hover",
                {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 1}},
            )
        return time.monotonic() - started
    uri = (workspace / f"huge{count}.py").as_uri()  # a 5 MB document, opened and closed
    text = "import keras\n" + "x = [1, 2, 3]\n" * 370_000
    doc = {"uri": uri, "languageId": "python", "version": 1, "text": text}
    session.notify("textDocument/didOpen", {"textDocument": doc})
    arrived = session.diagnostics(uri, 1)
    session.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return arrived - started


# --------------------------------------------------------------------------- main


def largest_files(corpus: Path, count: int) -> list[Path]:
    files = [p for p in corpus.rglob("*.py") if p.is_file()]
    return sorted(files, key=lambda p: (-p.stat().st_size, str(p)))[:count]


def percentiles(values: list[float]) -> str:
    if not values:
        return "-"
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"n={len(ms):4d}  p50 {statistics.median(ms):7.1f}  p95 {p95:7.1f}  max {ms[-1]:7.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--abuse-every", type=int, default=10, help="edits between abuse messages")
    parser.add_argument(
        "--memory", type=int, default=3_000_000_000, help="address-space limit of the server"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    files = largest_files(args.corpus, args.files)
    if not files:
        print(f"no .py files under {args.corpus}")
        return 2
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(
        f"shapelint lsp: {len(files)} largest files of {args.corpus}, {args.edits} edits, "
        f"seed {args.seed}; load average at start {load}"
    )
    for path in files:
        print(f"  {path.stat().st_size:7,d} B  {path.relative_to(args.corpus)}")

    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp)
        (workspace / "pyproject.toml").write_text('[project]\nname = "stress"\n')
        if os.path.exists("/dev/zero"):
            (workspace / "zero.py").symlink_to("/dev/zero")
        if hasattr(os, "mkfifo"):
            os.mkfifo(workspace / "pipe.py")
        session = Session(workspace, args.memory)
        sampler = Sampler(session.proc.pid)
        sampler.start()
        unanswered = 0
        latency: dict[str, list[float]] = {
            "open -> diagnostics": [],
            "edit -> diagnostics": [],
            "hover, same file": [],
            "hover, other file": [],
            "inlay hints": [],
            "abuse answered": [],
        }
        try:
            session.request(
                "initialize",
                {
                    "processId": os.getpid(),
                    "rootUri": workspace.as_uri(),
                    "initializationOptions": {"debounce": 0},
                    "capabilities": {},
                },
            )
            session.notify("initialized", {})
            docs: list[dict[str, Any]] = []
            for path in files:
                text = path.read_text(encoding="utf-8", errors="replace")
                uri = (workspace / path.name).as_uri()
                started = time.monotonic()
                doc = {"uri": uri, "languageId": "python", "version": 1, "text": text}
                session.notify("textDocument/didOpen", {"textDocument": doc})
                latency["open -> diagnostics"].append(session.diagnostics(uri, 1) - started)
                docs.append({"uri": uri, "version": 1, "lines": text.splitlines(keepends=True)})
            for edit in range(1, args.edits + 1):
                doc = rng.choice(docs)
                started = time.monotonic()
                for _ in range(rng.randint(1, 3)):  # a burst, as typing sends
                    change, doc["lines"] = random_edit(rng, doc["lines"])
                    doc["version"] += 1
                    session.notify(
                        "textDocument/didChange",
                        {
                            "textDocument": {"uri": doc["uri"], "version": doc["version"]},
                            "contentChanges": [change],
                        },
                    )
                other = rng.choice(docs)
                line = rng.randrange(len(other["lines"]))
                position = {"line": line, "character": rng.randrange(1 + len(other["lines"][line]))}
                which = "hover, same file" if other is doc else "hover, other file"
                _, took = session.request(
                    "textDocument/hover",
                    {"textDocument": {"uri": other["uri"]}, "position": position},
                )
                latency[which].append(took)
                if edit % 3 == 0:
                    visible = {
                        "start": {"line": max(0, line - 40), "character": 0},
                        "end": {"line": line + 40, "character": 0},
                    }
                    _, took = session.request(
                        "textDocument/inlayHint",
                        {"textDocument": {"uri": other["uri"]}, "range": visible},
                    )
                    latency["inlay hints"].append(took)
                arrived = session.diagnostics(doc["uri"], doc["version"])
                latency["edit -> diagnostics"].append(arrived - started)
                if edit % args.abuse_every == 0:
                    took = abuse(session, workspace, edit // args.abuse_every)
                    latency["abuse answered"].append(took)
            session.request("shutdown", None)
            session.notify("exit", None)
            code = session.proc.wait(timeout=TIMEOUT)
        except (TimeoutError, BrokenPipeError, OSError) as e:
            unanswered += 1
            code = session.proc.poll()
            print(f"FAILED: {type(e).__name__}: {e} (server exit code {code})")
        finally:
            sampler.stop.set()
            sampler.join()
            if session.proc.poll() is None:
                session.proc.kill()

    print("\nlatency as the editor saw it (debounce 0, wall clock):")
    for name, values in latency.items():
        print(f"  {name:22s} {percentiles(values)}")
    print(
        f"\nerror responses: {len(session.errors)} "
        f"(codes {sorted({e['error']['code'] for e in session.errors})})"
    )
    samples = sampler.samples
    if samples:
        print("\nmemory (RSS), server + workers:")
        step = max(1, len(samples) // 12)
        for t, server, workers in samples[::step] + [samples[-1]]:
            print(f"  {t:7.1f} s  server {server / 1e6:6.0f} MB  workers {workers / 1e6:6.0f} MB")
        print(
            f"  peak: server {max(s[1] for s in samples) / 1e6:.0f} MB, "
            f"workers {max(s[2] for s in samples) / 1e6:.0f} MB, "
            f"together {max(s[1] + s[2] for s in samples) / 1e6:.0f} MB"
        )
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"\nserver exit code {code}; load average at the end {load}")
    return 1 if unanswered or code != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
