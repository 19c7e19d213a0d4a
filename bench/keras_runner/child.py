"""One script, run in a forked child of the harness, and how far it got.

The child starts its own process group (the parent can end it with whatever
it spawned), reads nothing (stdin is /dev/null: ``input()`` raises EOFError)
and keeps its output in a file. It runs in an empty temporary directory, the
script's own folder first on ``sys.path`` as Python puts it: files the script
writes (checkpoints, images, logs) go to the temporary directory and are gone
afterwards, and the corpus stays read-only; a data file the script expects
beside it is missing either way (the corpus holds only the code), and that is
recorded as such. ``sys.argv`` holds the script's path alone. A timer raises
``TimeBox`` in the script after the time box, so that the models made so far
are still described.
"""

from __future__ import annotations

import json
import os
import re
import runpy
import signal
import sys
import time
import traceback
import warnings
from pathlib import Path
from typing import Any, NoReturn, Optional

from keras_runner import offline, shim, training
from keras_runner.outcome import Outcome, Status
from keras_runner.recorder import Recorder


class TimeBox(BaseException):  # not an error of the script: not caught by it
    """The script's time is up."""


KERAS_PACKAGES = ["keras.src", "tf_keras.src"]
_BACKEND = re.compile(r"""KERAS_BACKEND["']\]\s*=\s*["'](\w+)["']""")


def _first_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    text = text if len(text) <= 300 else text[:297] + "..."
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _stop_line(error: BaseException, script: str) -> Optional[int]:
    lines = [
        line
        for frame, line in traceback.walk_tb(error.__traceback__)
        if frame.f_code.co_filename == script
    ]
    return lines[-1] if lines else None


def _classify(error: BaseException) -> tuple[Status, str]:
    if isinstance(error, TimeBox):
        return Status.TIMEOUT, ""
    if isinstance(error, offline.Stopped):
        return Status.DOWNLOAD, error.detail
    if isinstance(error, SystemExit):
        if error.code in (None, 0):
            return Status.RAN, "sys.exit(0)"
        return Status.EXITED, f"sys.exit({error.code!r})"
    if isinstance(error, ModuleNotFoundError):
        return Status.MISSING_MODULE, offline.missing_module(error) or _first_line(error)
    if isinstance(error, FileNotFoundError):
        return Status.MISSING_FILE, _first_line(error)
    return Status.RAISED, _first_line(error)


def _isolate(workdir: Path) -> None:
    os.setpgid(0, 0)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    output = os.open(workdir / "output.txt", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.chdir(workdir)


def _on_alarm(signum: int, frame: Any) -> None:
    raise TimeBox()


def _disarm() -> None:
    while True:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
            return
        except TimeBox:
            continue


def _prepare(path: str, version: int) -> tuple[Recorder, list[str]]:
    """Make this process the harness' Keras: offline, fast training, models
    recorded, and ``import keras`` from tf-keras for Keras 2 and 1 code. The
    packages stubbed because they are missing."""
    import keras
    import tf_keras

    stubbed = offline.stub_missing()
    offline.block_network()
    offline.stop_downloads(KERAS_PACKAGES)
    offline.no_plot_model(KERAS_PACKAGES)
    active = tf_keras if version < 3 else keras
    offline.fake_datasets(
        KERAS_PACKAGES, lambda: active.backend.image_data_format() == "channels_last"
    )
    recorder = Recorder(path)
    for module in (keras, tf_keras):
        training.install(module)
        recorder.hook(module.Model)
    if version < 3:
        shim.install()
    return recorder, stubbed


def run(script: Path, version: int, why: str, timeout: float) -> Outcome:
    """Run the script in this process (a child: it changes the process for good)."""
    path = str(script)
    outcome = Outcome(path, version, why)
    text = script.read_text(encoding="utf-8", errors="replace")
    backend = _BACKEND.search(text)
    if backend and backend.group(1) != "tensorflow":
        outcome.notes.append(f"asks for the {backend.group(1)} backend; run on tensorflow")
    recorder, stubbed = _prepare(path, version)
    used = [name for name in stubbed if re.search(rf"\b{name}\b", text)]
    if used:
        outcome.notes.append("stubbed: " + ", ".join(used))

    sys.argv = [path]
    sys.path.insert(0, str(script.parent))
    warnings.simplefilter("ignore")
    signal.signal(signal.SIGALRM, _on_alarm)
    start = time.monotonic()
    try:
        try:
            # again every second: a script whose bare ``except:`` swallowed it
            signal.setitimer(signal.ITIMER_REAL, timeout, 1.0)
            runpy.run_path(path, run_name="__main__")
            outcome.status = Status.RAN
        finally:
            _disarm()
    except BaseException as error:
        outcome.status, outcome.detail = _classify(error)
        if outcome.status is not Status.RAN:
            outcome.stop_line = _stop_line(error, path)
    outcome.seconds = round(time.monotonic() - start, 2)
    outcome.models = [m.to_json() for m in recorder.describe()]
    outcome.models_elsewhere = recorder.elsewhere
    return outcome


def main(script: Path, version: int, why: str, timeout: float, workdir: Path) -> NoReturn:
    """The child's whole life: run, write ``result.json`` in ``workdir``, exit."""
    try:
        _isolate(workdir)
        outcome = run(script, version, why, timeout)
        (workdir / "result.json").write_text(json.dumps(outcome.to_json()))
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(0)
