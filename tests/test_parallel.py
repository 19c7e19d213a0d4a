"""Many files: worker processes (``--jobs``), results in a stable order,
per-file errors, a progress line on terminals only, and a start-up that
imports only what the command needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from test_cli import BUGGY, CLEAN, cli, write

import shapelint.analysis
from shapelint import parallel
from shapelint.analysis import Options, analyse_path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory (no [tool.shapelint]) as the current directory."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


fork_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the tests patch the analysis in forked workers"
)


def tree(root: Path, count: int = 24) -> None:
    """Files of every kind, in nested folders (discovery order is not name order)."""
    for i in range(count):
        folder = ("a", "b/deep", "c", "")[i % 4]
        kind = i % 5
        text = {
            0: BUGGY,
            1: CLEAN,
            2: "import keras\nx = (\n",  # SL001
            3: "import numpy as np\nprint(np.ones(3))\n",  # skipped: builds nothing
            4: BUGGY.replace("LSTM(10)", "LSTM(3)"),
        }[kind]
        write(root, f"{folder}/m{i:02d}.py".lstrip("/"), text)


def test_workers_give_the_output_of_one_process(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree(project)
    outputs = {}
    for jobs in ("1", "2", "3", "auto"):
        for command, fmt in (("check", "json"), ("check", "text"), ("summary", "json")):
            code, out, err = cli(capsys, command, "--format", fmt, "-j", jobs, ".")
            outputs.setdefault((command, fmt), set()).add((code, out))
            if int(jobs if jobs != "auto" else 0) > parallel.cpu_count():  # capped, with a warning
                assert err.startswith(f"shapelint: warning: --jobs {jobs} is more than the ")
            else:
                assert err == ""
    for (command, fmt), seen in outputs.items():
        assert len(seen) == 1, (command, fmt)  # byte for byte, whatever the workers
    ((code, out),) = outputs[("check", "json")]
    assert code == 1 and json.loads(out)["files_checked"] == 24


def test_auto_jobs() -> None:
    assert parallel.auto_jobs(1) == 1
    assert parallel.auto_jobs(parallel.MIN_FILES_PER_WORKER * 2 - 1) == 1
    assert 1 <= parallel.auto_jobs(10_000) <= min(parallel.cpu_count(), parallel.MAX_AUTO_JOBS)


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_positive_or_auto(
    project: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    code, out, err = cli(capsys, "check", "-j", value, ".")
    assert code == 2 and out == ""
    assert "--jobs" in err and "positive number or 'auto'" in err


@fork_only
def test_an_internal_error_in_a_worker_is_that_files_error(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = shapelint.analysis._analyse

    def analyse(unit: Any, options: Any) -> Any:
        if unit.path.endswith("m04.py"):
            raise RuntimeError("boom")
        return real(unit, options)

    monkeypatch.setattr(shapelint.analysis, "_analyse", analyse)
    tree(project)
    code, out, err = cli(capsys, "check", "-j", "2", ".")
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith("a/m04.py: error: internal error: RuntimeError: boom")
    assert "m00.py" in out and "m04.py" not in out


def _die_on_m04(path: Path, display: str, options: Options) -> Any:
    if path.name == "m04.py":
        os._exit(3)  # a crash in the parser, the OOM killer
    return analyse_path(path, display, options)


@fork_only
def test_a_dying_worker_costs_only_its_file(tmp_path: Path) -> None:
    tree(tmp_path)
    paths = sorted(tmp_path.rglob("*.py"))
    tasks = [(p, p.name, Options()) for p in paths]
    results = parallel.analyse_all(tasks, 2, _die_on_m04)
    assert [r.path for r in results] == [p.name for p in paths]
    errors = {r.path: r.error for r in results if r.error}
    assert list(errors) == ["m04.py"] and "died" in errors["m04.py"]
    assert [r.diagnostics for r in results if r.path != "m04.py"] == [
        analyse_path(p, p.name, Options()).diagnostics for p in paths if p.name != "m04.py"
    ]


def test_jobs_1_stays_in_this_process(tmp_path: Path) -> None:
    tree(tmp_path, 8)
    seen = []

    def analyse(path: Path, display: str, options: Options) -> Any:
        seen.append(os.getpid())
        return analyse_path(path, display, options)

    tasks = [(p, p.name, Options()) for p in sorted(tmp_path.rglob("*.py"))]
    parallel.analyse_all(tasks, 1, analyse)
    assert set(seen) == {os.getpid()} and len(seen) == 8


# ------------------------------------------------------------------ progress


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.Progress, "DELAY", 0.0)
    monkeypatch.setattr(parallel.Progress, "INTERVAL", 0.0)
    stream = Terminal()
    progress = parallel.Progress(3, stream)
    for _ in range(3):
        progress.advance(1)
    progress.close()
    assert stream.getvalue() == (
        "\rshapelint: 1/3 files\rshapelint: 2/3 files\rshapelint: 3/3 files\r\x1b[K"
    )


def test_no_progress_elsewhere_or_on_short_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = StringIO()  # a pipe, a file: not a terminal
    monkeypatch.setattr(parallel.Progress, "DELAY", 0.0)
    progress = parallel.Progress(3, stream)
    progress.advance(3)
    progress.close()
    assert stream.getvalue() == ""
    terminal = Terminal()
    monkeypatch.setattr(parallel.Progress, "DELAY", 60.0)  # a run shorter than the delay
    progress = parallel.Progress(3, terminal)
    progress.advance(3)
    progress.close()
    assert terminal.getvalue() == ""


def test_the_cli_is_silent_when_stderr_is_not_a_terminal(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel.Progress, "DELAY", 0.0)
    monkeypatch.setattr(parallel.Progress, "INTERVAL", 0.0)
    tree(project, 12)
    for jobs in ("1", "2"):
        _, out, err = cli(capsys, "check", "-j", jobs, ".")
        assert err == "" and out.endswith("(12 checked).\n")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_progress_in_a_real_terminal(tmp_path: Path, jobs: str) -> None:
    """stderr is a pty: the progress line is drawn there and erased before the
    results (which go to stdout, a pipe, untouched)."""
    tree(tmp_path, 12)
    script = textwrap.dedent(
        f"""
        import sys
        from shapelint import parallel
        from shapelint.cli import main
        parallel.Progress.DELAY = parallel.Progress.INTERVAL = 0.0
        sys.exit(main(["check", "-j", "{jobs}", "."]))
        """
    )
    primary, secondary = os.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", script],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=secondary,
            stdin=subprocess.DEVNULL,
            timeout=120,
            text=True,
        )
        os.close(secondary)
        secondary = -1
        drawn = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the terminal is closed
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(primary)
        if secondary >= 0:
            os.close(secondary)
    assert proc.returncode == 1 and proc.stdout.endswith("(12 checked).\n")
    text = drawn.decode()
    assert "shapelint: 12/12 files" in text and text.endswith("\r\x1b[K")


# ------------------------------------------------------------------ start-up


def imported(tmp_path: Path, *args: str) -> set[str]:
    """The modules a fresh interpreter holds after ``shapelint ARGS``."""
    script = (
        "import sys\n"
        "from shapelint.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n' + repr(sorted(sys.modules)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert proc.stderr == "", proc.stderr
    return set(eval(proc.stdout.splitlines()[-1]))


HEAVY = (
    "libcst",
    "libcst.metadata",
    "pygls",
    "lsprotocol",
    "multiprocessing",
    "concurrent.futures",
)
FORMATS = (
    "shapelint.report.json_out",
    "shapelint.report.sarif",
    "shapelint.report.github",
    "shapelint.report.markdown",
    "shapelint.report.summary_table",
    "shapelint.report.diff_out",
    "shapelint.diff",
    "shapelint.lsp",
)


def test_version_imports_nothing_heavy(tmp_path: Path) -> None:
    modules = imported(tmp_path, "--version")
    assert not modules & {*HEAVY, *FORMATS, "shapelint.analysis", "shapelint.parallel"}


@pytest.mark.parametrize(
    "code",
    [
        "import numpy as np\nprint(np.ones(3))\n",  # never names Keras
        "import keras\nfrom keras import ops\ny = ops.add(ops.ones((2, 3)), 1)\n",  # builds nothing
    ],
    ids=["no-keras", "keras-but-no-model"],
)
def test_check_of_a_file_without_a_model_imports_no_parser(tmp_path: Path, code: str) -> None:
    write(tmp_path, "plain.py", code)
    modules = imported(tmp_path, "check", "plain.py")
    assert "shapelint.report.text" in modules
    assert not modules & {*HEAVY, *FORMATS}, sorted(modules & {*HEAVY, *FORMATS})


def test_check_of_a_model_file_in_one_process_starts_no_workers(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BUGGY)
    modules = imported(tmp_path, "check", "bad.py")
    assert "libcst" in modules  # it parses the model
    assert not modules & {"pygls", "lsprotocol", "multiprocessing", "concurrent.futures"}
    assert not modules & set(FORMATS)
