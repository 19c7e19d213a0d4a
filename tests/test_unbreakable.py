"""Issue 17, "Unbreakable, round 2": the command line's processes, output
faults, hostile configuration, ``diff`` and memory, each through a real
process under an address-space limit and a timeout (``limits``). The
language server's items (1, 2, 9 and the editor's side of 6) are in
test_lsp_hostile.py.

The findings are those of test_cli's BUGGY model (an LSTM after a Conv2D:
Keras 3.15.1 raises "expected ndim=3, found ndim=4" there).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from limits import MEMORY_LIMIT, TIMEOUT, alive, children, limited, python, shapelint
from test_cli import BUGGY, CLEAN, FINDING, findings, write
from test_diff import git

from shapelint import parallel, parse

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc and /dev/full (Linux)"
)

#: One SL102 per line: many findings from one quick file.
MANY = "import keras\nfrom keras import layers\n" + "".join(
    f"m{i} = keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(8, 3), layers.LSTM(3)])\n"
    for i in range(600)
)


def functional_chain(layers: int) -> str:
    """A functional model of ``layers`` Dense layers: slow to analyse (seconds)."""
    return (
        "import keras\nfrom keras import layers\nx = keras.Input((8,))\ninputs = x\n"
        + "x = layers.Dense(10)(x)\n" * layers
        + "model = keras.Model(inputs, x)\n"
    )


# ------------------------------------------------------------ 3. --jobs has a ceiling

COUNT_WORKERS = """
import multiprocessing.process, sys
started = []
original = multiprocessing.process.BaseProcess.start
def start(self):
    started.append(self)
    return original(self)
multiprocessing.process.BaseProcess.start = start
from shapelint.cli import main
code = main(["check", "--jobs", "1000", "."])
sys.stdout.flush()
print("\\nworkers", len(started), "exit", code)
"""


def test_jobs_are_capped_at_the_cpus(tmp_path: Path) -> None:
    """``--jobs 1000`` on 40 files started 40 workers (1,000 with 1,000 files,
    8 GB); now at most one per CPU, with a warning."""
    for i in range(40):
        write(tmp_path, f"m{i:02}.py", BUGGY)
    proc = python(COUNT_WORKERS, tmp_path)
    workers, code = re.findall(r"workers (\d+) exit (\d+)", proc.stdout)[-1]
    assert int(code) == 1
    assert 1 <= int(workers) <= parallel.cpu_count()
    cpus = parallel.cpu_count()
    assert proc.stderr == (
        f"shapelint: warning: --jobs 1000 is more than the {cpus} CPU{'s' if cpus != 1 else ''} "
        f"this process may use; using {cpus}\n"
    )
    assert len(findings(proc.stdout.rsplit("\nworkers", 1)[0])) == 40


# -------------------------------------------------- 4. SIGTERM does not orphan workers


@pytest.fixture
def slow_tree(tmp_path: Path) -> Path:
    for i in range(6):
        write(tmp_path, f"slow{i}.py", functional_chain(8000))  # seconds each
    return tmp_path


def _start_with_workers(root: Path) -> tuple[subprocess.Popen[bytes], list[int]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "shapelint", "check", "-j", "2", "."],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limited(),
    )
    deadline = time.monotonic() + TIMEOUT
    while len(children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = children(proc.pid)
    assert len(workers) == 2, "the workers did not start"
    return proc, workers


def _gone(pids: list[int]) -> bool:
    deadline = time.monotonic() + 10
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(alive(p) for p in pids)


@linux_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_terminating_a_run_stops_its_workers(slow_tree: Path, signum: int) -> None:
    """The workers were re-parented to PID 1 and kept the caller's pipes open,
    so ``$(shapelint ...)`` and communicate() hung; now the run ends at once,
    with 128 + the signal's number, and takes its workers with it."""
    proc, workers = _start_with_workers(slow_tree)
    try:
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=TIMEOUT)  # every writer of the pipes is gone
        assert proc.returncode == 128 + signum, err
        assert b"Traceback" not in err
        assert _gone(workers)
    finally:
        for pid in [proc.pid, *workers]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        proc.communicate()


@linux_only
def test_workers_die_with_a_killed_parent(slow_tree: Path) -> None:
    """SIGKILL cannot be handled: the kernel ends the workers with their parent."""
    proc, workers = _start_with_workers(slow_tree)
    try:
        proc.kill()
        proc.communicate(timeout=TIMEOUT)
        assert _gone(workers)
    finally:
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


# ----------------------------------------------------------------------- 5. output faults


@linux_only
@pytest.mark.parametrize("source", [BUGGY, CLEAN], ids=["findings", "clean"])
def test_a_full_disk_is_one_error_line(tmp_path: Path, source: str) -> None:
    """``> /dev/full`` printed a traceback and exited 1, even for a clean file."""
    write(tmp_path, "m.py", source)
    with open("/dev/full", "w") as full:
        proc = shapelint("check", "m.py", cwd=tmp_path, stdout=full, stderr=subprocess.PIPE)
    assert proc.returncode == 2
    assert proc.stderr == "shapelint: error: cannot write the output: No space left on device\n"
    with open("/dev/full", "w") as full:
        proc = shapelint("--version", cwd=tmp_path, stdout=full, stderr=subprocess.PIPE)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1


def test_a_closed_stdout_is_one_error_line(tmp_path: Path) -> None:
    """``>&-`` raised AttributeError (sys.stdout is None)."""
    write(tmp_path, "m.py", BUGGY)
    proc = shapelint("check", "m.py", cwd=tmp_path, stderr=subprocess.PIPE, close_stdout=True)
    assert proc.returncode == 2
    assert proc.stderr == (
        "shapelint: error: cannot write the output: the standard output is closed\n"
    )


def test_a_reader_that_stops_early_does_not_hide_findings(tmp_path: Path) -> None:
    """``shapelint check . | head -1`` exited 0 with 600 findings: the write
    into the closed pipe raised BrokenPipeError, taken for success. The exit
    code is now the findings' (1), with nothing on stderr."""
    write(tmp_path, "many.py", MANY)
    proc = subprocess.Popen(
        [sys.executable, "-m", "shapelint", "check", "many.py"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limited(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # as head -1 does: the rest (~150 KB) meets a closed pipe
    err = proc.stderr.read()
    assert proc.wait(timeout=TIMEOUT) == 1
    assert FINDING.match(first.decode()) and err == b""
    bash = shutil.which("bash")
    if bash is None:
        return
    pipeline = subprocess.run(
        [bash, "-c", f"set -o pipefail; {sys.executable} -m shapelint check many.py | head -1"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=limited(),
    )
    assert pipeline.returncode == 1 and pipeline.stdout.count("\n") == 1
    assert pipeline.stderr == ""


# ---------------------------------------------------------------- 6. hostile pyproject.toml

HOSTILE_CONFIGS = {
    "nested-arrays": "[tool.shapelint]\nselect = " + "[" * 1000 + "]" * 1000 + "\n",
    "nested-tables": "[tool.other]\nx = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n",
    "long-integer": "[tool.shapelint]\nmax-params = " + "9" * 4301 + "\n",
}


@pytest.mark.parametrize("content", HOSTILE_CONFIGS.values(), ids=HOSTILE_CONFIGS.keys())
def test_hostile_pyproject_is_one_error_line(tmp_path: Path, content: str) -> None:
    """RecursionError or ValueError, a traceback and exit 1 before."""
    (tmp_path / "pyproject.toml").write_text(content)
    write(tmp_path, "m.py", BUGGY)
    proc = shapelint("check", "m.py", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert re.fullmatch(r"shapelint: error: .*pyproject\.toml: invalid TOML: .+\n", proc.stderr)
    assert "Traceback" not in proc.stderr


# -------------------------------------------------------------------------------- 7. diff


@pytest.fixture
def odd_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose root is not UTF-8 and ends in a space."""
    if shutil.which("git") is None:
        pytest.fail("git is not on PATH", pytrace=False)
    for key in [k for k in os.environ if k.startswith("GIT_")]:
        monkeypatch.delenv(key)
    name = os.fsdecode(b"repo-\xff ") if sys.platform.startswith("linux") else "repo "
    root = tmp_path / name
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.name", "shapelint test")
    git(root, "config", "user.email", "test@example.invalid")
    git(root, "config", "commit.gpgsign", "false")
    write(root, "cnn.py", CLEAN)
    write(root, "big.py", "x = 1\n" * 500_000)  # 3 MB: larger than shapelint analyses
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    return root


def test_diff_in_an_odd_repository_reads_through_the_file_guard(odd_repo: Path) -> None:
    """A non-UTF-8 root raised UnicodeDecodeError, a root ending in a space
    was "not a git revision" (stripped), and an untracked 4 GB .py was read
    whole (8.4 GB). Now the models are compared, and a file larger than
    shapelint analyses is listed as not compared without being read."""
    write(odd_repo, "cnn.py", CLEAN.replace("Conv2D(32", "Conv2D(64"))
    write(odd_repo, "big.py", "x = 2\n" * 500_000)
    with open(odd_repo / "huge.py", "wb") as f:
        f.truncate(4 * 1024**3)  # sparse: takes no disk
    proc = shapelint("diff", "HEAD", cwd=odd_repo, memory=1_000_000_000)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "Models from HEAD to working tree: 1 changed (1 changed file compared)."
    assert "  changed  conv2d (Conv2D): (None, 26, 26, 32) -> (None, 26, 26, 64)" in lines[2]
    too_large = "larger than the 1.5 MB shapelint analyses; it was skipped"
    assert f"big.py: not compared (HEAD: file is 3.0 MB, {too_large})" in lines
    assert f"big.py: not compared (working tree: file is 3.0 MB, {too_large})" in lines
    assert f"huge.py: not compared (working tree: file is 4295.0 MB, {too_large})" in lines


# --------------------------------------------------------------------- 8. memory per file


def test_a_large_file_is_refused_before_it_costs_gigabytes(tmp_path: Path) -> None:
    """100,000 lines of a Keras call (1.3 MB, under the size cap) peaked at
    3.4 GB on its way to the 20 s time limit. Its 700,000 tokens are now
    counted before LibCST, which would take 0.5-2.8 KB each: SL001, within a
    1 GB address space."""
    text = "import keras\nfrom keras.layers import Dense\n" + "x = Dense(1)\n" * 100_000
    write(tmp_path, "generated.py", text)
    proc = shapelint("check", "generated.py", cwd=tmp_path, memory=1_000_000_000)
    assert proc.returncode == 1, proc.stderr
    [(path, _, line, column, code)] = findings(proc.stdout)
    assert (path, line, column, code) == ("generated.py", 1, 1, "SL001")
    assert "too large to analyse: about 700,0" in proc.stdout
    assert f"more than the {parse.MAX_PARSED_TOKENS:,} shapelint parses" in proc.stdout


WORKER_OUT_OF_MEMORY = """
import sys
from shapelint import processes
processes.MEMORY_PER_WORKER = 150_000_000  # each worker: 150 MB above its start
from shapelint.cli import main
code = main(["check", "-j", "2", "heavy.py", "a.py", "b.py", "c.py"])
sys.stdout.flush()
print("\\nexit", code)
"""


@linux_only
def test_a_worker_out_of_memory_costs_only_its_file(tmp_path: Path) -> None:
    """A worker that reaches its address-space limit (here 150 MB above its
    start instead of ``processes.MEMORY_PER_WORKER``'s 2 GB) gets a
    MemoryError, or dies inside LibCST's native parser (which says so on
    stderr itself): either way that file is an error, and the others are
    checked."""
    heavy = "import keras\n" + "x=1\n" * 50_000 + "m = keras.Sequential([keras.layers.Dense(1)])\n"
    write(tmp_path, "heavy.py", heavy)  # ~200,000 tokens: ~500 MB for LibCST
    for name in ("a.py", "b.py", "c.py"):
        write(tmp_path, name, BUGGY)
    proc = python(WORKER_OUT_OF_MEMORY, tmp_path, memory=MEMORY_LIMIT * 2)
    assert proc.stdout.rstrip().endswith("exit 2"), proc.stderr
    assert sorted(f[0] for f in findings(proc.stdout.rsplit("\nexit", 1)[0])) == [
        "a.py",
        "b.py",
        "c.py",
    ]
    [error] = [line for line in proc.stderr.splitlines() if "heavy.py" in line]
    assert error.startswith("heavy.py: error: ") and "out of memory" in error
    assert "Traceback" not in proc.stderr


# ------------------------------------------------------------ 10. control characters

ESC_NAME = "red\x1b[31mflag.py"
NEWLINE_NAME = "two\nlines.py"


@pytest.mark.skipif(sys.platform == "win32", reason="such file names need a POSIX file system")
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_control_characters_in_names_are_escaped(tmp_path: Path, fmt: str) -> None:
    """An ESC in a file name reached the terminal (its sequence interpreted),
    a newline split the ``path:line:col`` record; so did a layer named with
    control characters. Now each is a backslash escape; GitHub's own
    escaping of newlines stays."""
    named = BUGGY.replace("layers.LSTM(10)", "layers.LSTM(10, name='bell\\x07')")
    write(tmp_path, ESC_NAME, BUGGY)
    write(tmp_path, NEWLINE_NAME, named)
    proc = shapelint("check", "--format", fmt, ESC_NAME, NEWLINE_NAME, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", proc.stdout)  # only line ends
    lines = proc.stdout.splitlines()
    if fmt == "text":
        assert [f[0] for f in findings(proc.stdout)] == ["red\\x1b[31mflag.py", "two\\nlines.py"]
        assert "LSTM 'bell\\x07'" in lines[1]
    else:
        assert len(lines) == 2
        assert lines[0].startswith("::error file=red\\x1b[31mflag.py,line=6,")
        assert lines[1].startswith("::error file=two%0Alines.py,line=6,")


@pytest.mark.skipif(sys.platform == "win32", reason="such file names need a POSIX file system")
def test_control_characters_in_the_summary_table(tmp_path: Path) -> None:
    write(
        tmp_path, ESC_NAME, CLEAN.replace("layers.Dense(10)", "layers.Dense(10, name='\\x1b]0;')")
    )
    proc = shapelint("summary", ESC_NAME, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout
    assert 'Model: "model" (sequential, red\\x1b[31mflag.py:3)' in proc.stdout
    assert "\\x1b]0; (Dense)" in proc.stdout
