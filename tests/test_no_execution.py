"""No execution: checking code never runs it.

A project whose files would, at their top level (and in the modules of the
project they import, and in a notebook's cells and shell escapes), write
files, delete a directory, spawn processes, open a socket, exec and eval
strings, is checked by ``shapelint check`` (every format) and ``summary`` in a
subprocess under a ``sys.addaudithook`` hook. The hook records every audited
operation that would be a side effect (a file opened for writing, a process,
a socket, a file removed or renamed, ...), every module imported and every
code object executed; the test asserts that there are none from the checked
code, that no TensorFlow, Keras or NumPy module and no module of the checked
project is ever imported, that the file system is unchanged, and that nobody
connected to a listening socket whose port the checked code names. The
analysis did happen: the findings in those files are reported."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from test_cli import write

SIDE_EFFECTS = """\
import os, shutil, socket, subprocess, sys
os.makedirs("MADE_BY_{name}", exist_ok=True)
open("WRITTEN_BY_{name}", "w").write("ran")
with open("../OUTSIDE_{name}", "a") as f:
    f.write("ran")
os.system("touch SPAWNED_BY_{name}_SYSTEM")
subprocess.run(["touch", "SPAWNED_BY_{name}_SUBPROCESS"])
shutil.rmtree("victim")
os.remove("victim_file.txt")
exec("open('WRITTEN_BY_{name}_EXEC', 'w')")
eval("__import__('os').system('touch SPAWNED_BY_{name}_EVAL')")
connection = socket.create_connection(("127.0.0.1", {port}))
connection.sendall(b"ran")
sys.exit(3)
"""

MODEL = """\
import numpy as np
import tensorflow as tf
from tensorflow import keras
from keras import layers
import helpers
from config import UNITS
from pkg.blocks import block
{effects}
model = keras.Sequential([layers.Input((UNITS,)), layers.Dense(UNITS)])
model.add(layers.LSTM(3))
net = helpers.build()
"""

HELPERS = """\
from keras import layers, models
{effects}
def build():
    return models.Sequential([layers.Input((28, 28, 1)), layers.Conv2D(8, 3), layers.GRU(4)])
"""

CONFIG = "{effects}\nUNITS = 8\n"

BLOCKS = """\
{effects}
from keras import layers

def block(x):
    return layers.Dense(4)(x)
"""


def notebook(port: int) -> str:
    cells = [
        "!touch SPAWNED_BY_NOTEBOOK_SHELL\n%run helpers.py\n%%bash\n",
        SIDE_EFFECTS.format(name="NOTEBOOK", port=port),
        "from keras import layers, Sequential\n"
        "m = Sequential([layers.Input((3,)), layers.LSTM(2)])\n",
    ]
    return json.dumps(
        {
            "cells": [{"cell_type": "code", "source": c, "metadata": {}} for c in cells],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


#: Audited operations that are side effects (PEP 578 event names).
HOOK = r"""
import json, os, sys

SIDE_EFFECTS = {
    "subprocess.Popen", "os.system", "os.exec", "os.spawn", "os.posix_spawn", "os.fork",
    "os.forkpty", "os.kill", "os.killpg", "pty.spawn", "socket.__new__", "socket.connect",
    "socket.bind", "socket.sendto", "os.mkdir", "os.remove", "os.rename", "os.rmdir",
    "shutil.rmtree", "shutil.move", "shutil.copyfile", "os.truncate", "os.symlink", "os.link",
    "os.chmod", "os.chown", "os.utime", "os.putenv", "os.unsetenv", "ctypes.dlopen",
    "webbrowser.open", "urllib.Request", "http.client.connect", "ftplib.connect",
    "smtplib.connect", "os.startfile",
}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
project = os.path.realpath(sys.argv[1])
seen = {"effects": [], "imports": [], "executed": []}

def hook(event, args):
    if seen.get("done"):
        return
    if event in SIDE_EFFECTS:
        seen["effects"].append([event, repr(args)[:200]])
    elif event == "open":
        path, mode, flags = args
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & WRITE_FLAGS
        )
        if writing:
            seen["effects"].append(["open for writing", repr(path)])
    elif event == "import":
        seen["imports"].append(args[0])
    elif event == "exec":  # a code object run: from the project's files, or exec("...") in it
        code = args[0]
        filename = getattr(code, "co_filename", "")
        marked = any(m in repr(getattr(code, "co_consts", ())) for m in ("_BY_", "OUTSIDE_"))
        if filename.startswith(project) or marked:
            seen["executed"].append(filename)

sys.addaudithook(hook)
from shapelint.cli import main

codes = []
for command in sys.argv[2:]:
    try:
        codes.append(main(command.split()))
    except SystemExit as e:
        codes.append(e.code)
sys.__stdout__.flush()
seen["done"] = True  # what follows is the test's own writing
with open(os.environ["AUDIT_OUT"], "w") as out:
    seen.pop("done")
    json.dump({"seen": seen, "codes": codes, "modules": sorted(sys.modules)}, out)
"""


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else b"<dir>")
        for p in sorted(root.rglob("*"))
    }


def test_checking_code_never_runs_it(tmp_path: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    try:
        project = tmp_path / "project"
        effects = {n: SIDE_EFFECTS.format(name=n, port=port) for n in ("MODEL", "HELPERS")}
        write(project, "pyproject.toml", '[project]\nname = "demo"\n')
        write(project, "model.py", MODEL.format(effects=effects["MODEL"]))
        write(project, "helpers.py", HELPERS.format(effects=effects["HELPERS"]))
        write(
            project,
            "config.py",
            CONFIG.format(effects=SIDE_EFFECTS.format(name="CONFIG", port=port)),
        )
        write(project, "pkg/__init__.py", SIDE_EFFECTS.format(name="PKG", port=port))
        write(
            project,
            "pkg/blocks.py",
            BLOCKS.format(effects=SIDE_EFFECTS.format(name="BLOCKS", port=port)),
        )
        write(project, "nb.ipynb", notebook(port))
        write(project, "victim/keep.txt", "keep")
        write(project, "victim_file.txt", "keep")
        before = tree(tmp_path)

        audit_out = tmp_path.parent / f"{tmp_path.name}-audit.json"
        commands = [
            "check .",
            "check --format json .",
            "check --format sarif .",
            "check --format github .",
            "summary .",
            "summary --format json .",
        ]
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "AUDIT_OUT": str(audit_out)}
        proc = subprocess.run(
            [sys.executable, "-c", HOOK, str(project), *commands],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
        )
        assert proc.returncode == 0, proc.stderr
        report = json.loads(audit_out.read_text())
        audit_out.unlink()

        # the files were analysed: their findings are reported
        assert report["codes"] == [1, 1, 1, 1, 0, 0]
        first = proc.stdout.split("Found")[0]
        lstm = (
            MODEL.format(effects=effects["MODEL"]).splitlines().index("model.add(layers.LSTM(3))")
        )
        assert f"model.py:{lstm + 1}:" in first  # SL102: the LSTM after a Dense
        assert "helpers.py:" in first and "nb.ipynb:cell 3:2:" in first

        seen = report["seen"]
        assert seen["effects"] == []
        assert seen["executed"] == []
        forbidden = ("tensorflow", "keras", "numpy", "tf_keras", "helpers", "config", "pkg")
        imported = {name.split(".")[0] for name in seen["imports"]} | {
            name.split(".")[0] for name in report["modules"]
        }
        assert imported.isdisjoint(forbidden), sorted(imported & set(forbidden))

        assert tree(tmp_path) == before  # nothing created, changed or removed
        try:
            connection, _ = listener.accept()
        except OSError:  # socket.timeout: nobody connected
            pass
        else:
            connection.close()
            raise AssertionError("the checked code connected to the socket")
    finally:
        listener.close()


def test_no_module_is_imported_in_process(tmp_path: Path) -> None:
    """The same project analysed in-process by a fresh interpreter (the LSP's
    and library users' way): sys.modules holds no module of the checked
    project and no TensorFlow, Keras or NumPy module afterwards."""
    project = tmp_path / "project"
    write(project, "model.py", MODEL.format(effects=""))
    write(project, "helpers.py", HELPERS.format(effects=""))
    write(project, "config.py", CONFIG.format(effects=""))
    write(project, "pkg/__init__.py", "")
    write(project, "pkg/blocks.py", BLOCKS.format(effects=""))
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from shapelint.analysis import Options, analyse_path\n"
        "from shapelint.lsp import create_server\n"
        f"root = Path({str(project)!r})\n"
        "results = [analyse_path(p, p.name, Options()) for p in sorted(root.rglob('*.py'))]\n"
        "assert all(r.error is None for r in results), [r.error for r in results]\n"
        "assert any(r.diagnostics for r in results)\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=project
    )
    assert proc.returncode == 0, proc.stderr
    roots = {name.split(".")[0] for name in proc.stdout.split()}
    forbidden = {"tensorflow", "keras", "numpy", "tf_keras", "helpers", "config", "pkg", "model"}
    assert roots.isdisjoint(forbidden), sorted(roots & forbidden)
    assert "shapelint" in roots and "libcst" in roots
