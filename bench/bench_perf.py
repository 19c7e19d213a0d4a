"""How fast shapelint is, side by side with what it replaces: one table per
question of issues 7 and 16 (see bench/README.md).

    python bench/bench_perf.py [--quick] [--keras-python PATH] [--only a,b,c,d,e,f,g]

a. one model file end to end: ``shapelint check FILE`` as a process (without
   the result cache, and answered from it), a Python process that imports
   Keras, builds the same model and calls ``summary()``, and the floor
   ``python -c "import libcst; libcst.parse_module(src)"``;
b. re-checking one file after an edit, in process, as the language server
   does (configuration read, analysis with the document's parse cache), for
   generated files of about 50, 300 and 1,000 lines;
c. whole trees without the result cache: the installed ``keras`` package
   (and ``tensorflow`` with ``--with-tensorflow``) and a generated tree of
   2,000 model files, with 1 and 2 worker processes, against parsing every
   file with LibCST; peak memory;
d. how the cost grows with the size of a file and the depth of a model;
e. the result cache on a copy of the installed ``keras`` package: no cache,
   cold, warm, and after an edit to the module most files read;
f. the editor on real files: the ten largest files of ``../shared/corpus``,
   opened (with the result cache empty, then holding the file) and edited one
   character at a time, through the language server's path: wall time and
   the process's CPU time per edit (other processes on the machine lengthen
   the first, much less the second), and the Python calls per edit (cProfile,
   on a few edits run again: a count that does not depend on the load);
g. the garbage collector between files (``shapelint.collector``) against the
   allocation thresholds alone, on the installed ``keras/src/layers``.

Child processes run without PYTHONDONTWRITEBYTECODE, after a warm-up run, so
that every Python (shapelint's, LibCST's, Keras') loads byte-compiled modules
as an installed copy does. It prints tables and asserts nothing; every figure
is a median over repeated runs, and the load average of the machine is
printed with each table (other processes slow everything down equally, but
they take CPUs away from the worker pool).
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import gen_models  # noqa: E402

#: ``../shared/corpus`` beside the repository (or beside a folder that holds it)
CORPUS = next(
    (d / "shared" / "corpus" for d in ROOT.parents if (d / "shared" / "corpus").is_dir()),
    ROOT.parent / "shared" / "corpus",
)

# -- helpers ----------------------------------------------------------------


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    env.setdefault("PYTHONHASHSEED", "0")
    return env


_LAST_CPU: list[tuple[int, int]] = []


def _cpu_times() -> tuple[int, int]:
    """(steal, total) jiffies of all CPUs since boot, from /proc/stat."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    return (fields[7] if len(fields) > 7 else 0), sum(fields[:8])


def load() -> str:
    """The load average, and the share of CPU time the hypervisor took away
    (steal) since the last call: both make timings slower and noisier."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load average unknown"
    steal, total = _cpu_times()
    since = ""
    if _LAST_CPU and total > _LAST_CPU[-1][1]:
        share = 100 * (steal - _LAST_CPU[-1][0]) / (total - _LAST_CPU[-1][1])
        since = f", steal {share:.0f}% since the last line"
    _LAST_CPU.append((steal, total))
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs{since}"


def shapelint_command() -> list[str]:
    script = Path(sys.executable).parent / "shapelint"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "shapelint"]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def table(heads: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[str(h) for h in heads], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(heads))]
    for n, row in enumerate(cells):
        print(
            "  "
            + "  ".join(
                c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))
            )
        )
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))


class Memory:
    """Samples the resident memory of a process and of its children (the
    worker processes) every 20 ms: the peak of the largest process (each
    one's own high-water mark) and of their sum. It takes CPU from what it
    watches, so runs that are timed do without it."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_one = 0
        self.peak_sum = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _pids(self) -> list[int]:
        pids, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            try:
                todo.extend(
                    int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
                )
            except OSError:
                pass
        return pids

    @staticmethod
    def _kb(pid: int, field: str) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith(field):
                    return int(line.split()[1])
        except (OSError, ValueError, IndexError):
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = self._pids()
            self.peak_one = max([self.peak_one, *(self._kb(p, "VmHWM:") for p in pids)])
            self.peak_sum = max(self.peak_sum, sum(self._kb(p, "VmRSS:") for p in pids))
            self._stop.wait(0.02)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run(
    argv: Sequence[str],
    cwd: Optional[Path] = None,
    memory: bool = False,
    output: Optional[Path] = None,
) -> dict[str, float]:
    """Wall seconds, CPU seconds (with children) and peak memory (MB) of one
    run; its stdout goes to ``output`` if given."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    sink = open(output, "wb") if output is not None else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(
        list(argv),
        cwd=cwd,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        stdout=sink,
        stderr=subprocess.DEVNULL,
    )
    sampler = Memory(proc.pid) if memory and Path("/proc").is_dir() else None
    code = proc.wait()
    wall = time.perf_counter() - started
    if output is not None:
        sink.close()  # type: ignore[union-attr]
    if sampler is not None:
        sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    out = {"wall": wall, "cpu": cpu, "code": code}
    if sampler is not None:
        out["rss_one"] = sampler.peak_one / 1024
        out["rss_sum"] = sampler.peak_sum / 1024
    return out


def runs(
    commands: dict[str, list[str]], repeat: dict[str, int], cwd: Path
) -> dict[str, list[dict[str, float]]]:
    """Each command ``repeat`` times, interleaved (a burst of load hits all of them)."""
    results: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
    for argv in commands.values():
        run(argv, cwd)  # warm-up: byte-compiles, fills the page cache
    for i in range(max(repeat.values())):
        for name, argv in commands.items():
            if i < repeat[name]:
                results[name].append(run(argv, cwd))
    return results


# -- a. one file ----------------------------------------------------------------

FLOOR = "import sys, libcst; libcst.parse_module(open(sys.argv[1]).read())"


def one_file(work: Path, keras_python: Optional[str], repeat: int) -> None:
    print(f"\n(a) One model file end to end ({load()})")
    folder = work / "one"
    folder.mkdir(parents=True, exist_ok=True)
    source = gen_models.model_file("sequential", 1, task="image", spelling=0, bug=False, fit=False)
    path = folder / "cnn.py"
    path.write_text(source)
    commands = {
        "shapelint check cnn.py": [*shapelint_command(), "check", "--no-cache", "cnn.py"],
        "... its result cached (a second run)": [*shapelint_command(), "check", "cnn.py"],
        'floor: python -c "import libcst; parse_module(src)"': [
            sys.executable,
            "-c",
            FLOOR,
            "cnn.py",
        ],
        "python -c pass": [sys.executable, "-c", "pass"],
    }
    counts = {name: repeat for name in commands}
    if keras_python:
        commands["Keras: python cnn.py (import, build, summary())"] = [keras_python, "cnn.py"]
        counts["Keras: python cnn.py (import, build, summary())"] = max(3, repeat // 4)
    results = runs(commands, counts, folder)
    med = {name: median([r["wall"] for r in rs]) for name, rs in results.items()}
    ours = med["shapelint check cnn.py"]
    rows = []
    for name, rs in results.items():
        codes = sorted({int(r["code"]) for r in rs})
        rows.append(
            (
                name,
                len(rs),
                f"{med[name] * 1000:.0f}",
                f"{min(r['wall'] for r in rs) * 1000:.0f}",
                f"{med[name] / ours:.2f}x",
                ",".join(map(str, codes)),
            )
        )
    print(
        f"  {len(source.splitlines())}-line Sequential CNN (bench/gen_models.py), "
        "every process started anew"
    )
    table(("process", "runs", "median ms", "min ms", "vs shapelint", "exit"), rows)
    floor = med['floor: python -c "import libcst; parse_module(src)"']
    print(f"  shapelint / libcst floor: {ours / floor:.2f}x (target <= 1.3x)")
    keras = next((v for k, v in med.items() if k.startswith("Keras")), None)
    if keras is not None:
        print(f"  Keras process / shapelint: {keras / ours:.1f}x (target >= 10x)")


# -- b. editor ----------------------------------------------------------------


def edit_sequence(text: str, count: int, seed: int) -> list[str]:
    """Keystrokes: a digit changed on a line that has one (a layer size, a
    kernel, a constant), as someone tuning a model types."""
    rng = random.Random(seed)
    lines = text.splitlines(keepends=True)
    candidates = [i for i, line in enumerate(lines) if any(c.isdigit() for c in line)]
    out = []
    for _ in range(count):
        index = rng.choice(candidates)
        line = lines[index]
        digit = rng.choice([i for i, c in enumerate(line) if c.isdigit()])
        lines[index] = line[:digit] + str(rng.randrange(1, 10)) + line[digit + 1 :]
        out.append("".join(lines))
    return out


def editor(work: Path, edits: int) -> None:
    from shapelint import collector
    from shapelint.analysis import analyse_source, options_for
    from shapelint.config import load_config
    from shapelint.incremental import DocumentCache
    from shapelint.parallel import tune_gc
    from shapelint.sources import SourceUnit

    print(
        "\n(b) Re-checking a file after an edit, in process, as the language server does "
        f"({load()})"
    )
    tune_gc()
    folder = work / "editor"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for lines in (50, 300, 1000):
        text = gen_models.sized_file(lines, seed=1)
        sequence = edit_sequence(text, edits, seed=lines)
        timings: dict[str, list[float]] = {"cache": [], "whole": []}
        for mode in ("cache", "whole"):
            cache = DocumentCache() if mode == "cache" else None
            analyse_source(
                SourceUnit("model.py", text),
                options_for(load_config(None, folder), "model.py"),
                cache=cache,
            )
            for edited in sequence:
                started = time.perf_counter()
                config = load_config(None, folder)  # read again at every analysis
                result = analyse_source(
                    SourceUnit("model.py", edited), options_for(config, "model.py"), cache=cache
                )
                timings[mode].append((time.perf_counter() - started) * 1000)
                collector.settle()  # as a language-server worker does after answering
                assert result.error is None, result.error
        rows.append(
            (
                f"{len(text.splitlines())} lines, {len(result.models)} models",
                len(sequence),
                f"{median(timings['cache']):.1f}",
                f"{percentile(timings['cache'], 0.95):.1f}",
                f"{median(timings['whole']):.1f}",
                f"{percentile(timings['whole'], 0.95):.1f}",
            )
        )
    table(("file", "edits", "p50 ms", "p95 ms", "p50 ms, no cache", "p95 ms, no cache"), rows)
    print("  targets: p95 < 40 ms at 300 lines, < 150 ms at 1,000 lines")


# -- c. trees ----------------------------------------------------------------

PARSE_ALL = """
import sys
from pathlib import Path
import libcst
for root in sys.argv[1:]:
    for path in sorted(Path(root).rglob("*.py")):
        try:
            libcst.parse_module(path.read_bytes())
        except Exception:
            pass
"""


def prefilter_counts(roots: Sequence[Path]) -> dict[str, float]:
    """How many files get to each step of the analysis, in process: the text
    test, then ``analysis.gate`` (CPython's parse and the prefilter)."""
    from shapelint.analysis import Options, _imports_keras_code, could_build_models, gate
    from shapelint.results import FileResult
    from shapelint.sources import SourceError, read_source

    options = Options()
    counts = {
        "files": 0,
        "bytes": 0,
        "names keras": 0,
        "to libcst": 0,
        "libcst bytes": 0,
        "seconds": 0.0,
    }
    started = time.perf_counter()
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            counts["files"] += 1
            try:
                unit = read_source(path, str(path))
            except (OSError, SourceError):
                continue
            counts["bytes"] += len(unit.text)
            if not could_build_models(unit.text) and not _imports_keras_code(unit):
                continue
            counts["names keras"] += 1
            if isinstance(gate(unit, options), FileResult):
                continue
            counts["to libcst"] += 1
            counts["libcst bytes"] += len(unit.text)
    counts["seconds"] = time.perf_counter() - started
    return counts


def parallel_auto(files: float) -> str:
    from shapelint.parallel import auto_jobs

    return f"-j {auto_jobs(int(files))}"


def installed_packages(keras_python: Optional[str], names: Sequence[str]) -> list[Path]:
    """Where ``keras_python`` imports these packages from ([] if it cannot)."""
    if not keras_python:
        return []
    found = subprocess.run(
        [
            keras_python,
            "-c",
            "import importlib.util as u\n"
            f"for n in {list(names)!r}:\n"
            "    s = u.find_spec(n)\n"
            "    print(s.submodule_search_locations[0] if s else '')",
        ],
        capture_output=True,
        text=True,
        env=child_env(),
    ).stdout.split()
    return [Path(p) for p in found] if len(found) == len(names) else []


def trees(
    work: Path, keras_python: Optional[str], repeat: int, count: int, tensorflow: bool
) -> None:
    print(f"\n(c) Whole trees, without the result cache ({load()})")
    generated = work / "tree"
    if not generated.is_dir():
        gen_models.write_tree(generated, count=count)
    sets: list[tuple[str, list[Path]]] = []
    keras = installed_packages(keras_python, ["keras"])
    if keras:
        sets.append(("keras (installed)", keras))
    if tensorflow:
        both = installed_packages(keras_python, ["keras", "tensorflow"])
        if both:
            sets.append(("keras + tensorflow (installed)", both))
    sets.append((f"generated, {count} model files", [generated]))
    for name, roots in sets:
        counts = prefilter_counts(roots)
        print(
            f"\n  {name}: {counts['files']:.0f} files, {counts['bytes'] / 1e6:.1f} MB; "
            f"{counts['names keras']:.0f} name Keras, {counts['to libcst']:.0f} "
            f"({counts['libcst bytes'] / 1e6:.1f} MB) get to LibCST; the others are skipped "
            f"after a text test or CPython's parse ({counts['seconds']:.1f} s in process)"
        )
        out = work / "out"
        out.mkdir(exist_ok=True)
        commands = {
            f"shapelint check -j {jobs}": [
                *shapelint_command(),
                "check",
                "--no-cache",
                "--format",
                "json",
                "-j",
                str(jobs),
                *map(str, roots),
            ]
            for jobs in (1, 2)
        }
        commands["parse every file with LibCST (1 process)"] = [
            sys.executable,
            "-c",
            PARSE_ALL,
            *map(str, roots),
        ]
        results: dict[str, list[dict[str, float]]] = {k: [] for k in commands}
        outputs = {key: out / f"{n}.json" for n, key in enumerate(commands)}
        for _ in range(repeat):  # timed without the memory sampler: it takes CPU too
            for key, argv in commands.items():
                results[key].append(run(argv, work, output=outputs[key]))
        peaks = {key: run(argv, work, memory=True) for key, argv in commands.items()}
        same = (
            outputs["shapelint check -j 1"].read_bytes()
            == outputs["shapelint check -j 2"].read_bytes()
        )
        files = counts["files"]
        base = median([r["wall"] for r in results["parse every file with LibCST (1 process)"]])
        one = median([r["wall"] for r in results["shapelint check -j 1"]])
        rows = []
        for key, rs in results.items():
            wall = median([r["wall"] for r in rs])
            cpu = median([r["cpu"] for r in rs])
            rows.append(
                (
                    key,
                    len(rs),
                    f"{wall:.1f}",
                    f"{cpu:.1f}",
                    f"{cpu / wall:.2f}",
                    f"{files / wall:.0f}",
                    f"{base / wall:.1f}x",
                    f"{peaks[key].get('rss_one', 0):.0f}",
                    f"{peaks[key].get('rss_sum', 0):.0f}",
                )
            )
        table(
            (
                "command",
                "runs",
                "wall s",
                "CPU s",
                "CPUs busy",
                "files/s",
                "vs parse-all",
                "peak RSS MB (largest process)",
                "(all processes; one more run, sampled)",
            ),
            rows,
        )
        two = median([r["wall"] for r in results["shapelint check -j 2"]])
        print(
            f"  2 workers: {one / two:.2f}x the throughput of 1 (target >= 1.6x); "
            f"same output with 1 and 2 workers: {'yes' if same else 'NO'}"
        )
        print(
            "  (CPUs busy = CPU s / wall s: near 2.0 for -j 2 when both CPUs were free; "
            "lower means other processes had one)"
        )
        if name.startswith("keras"):
            print(
                f"  than parsing every file: -j 1 {base / one:.1f}x, -j 2 {base / two:.1f}x "
                f"faster (target >= 4x with the default, {parallel_auto(files)} here)"
            )
        print(f"  ({load()} after this tree)")


# -- e. the result cache -----------------------------------------------------------


def most_read_module(cache_dir: Path) -> tuple[Optional[Path], int]:
    """The project module the most stored analyses read, and how many."""
    import json
    from collections import Counter

    counts: Counter[str] = Counter()
    for entry in cache_dir.glob("*/*.json"):
        try:
            reads = json.loads(entry.read_text().partition("\n")[2])["reads"]
        except (OSError, ValueError, KeyError):
            continue
        counts.update(p for p, state in reads if state.startswith("f") and p.endswith(".py"))
    if not counts:
        return None, 0
    path, number = counts.most_common(1)[0]
    return Path(path), number


def cache_runs(work: Path, keras_python: Optional[str], repeat: int) -> None:
    """Cold and warm runs over a copy of the installed keras package."""
    import shutil

    print(f"\n(e) The result cache ({load()})")
    keras = installed_packages(keras_python, ["keras"])
    if not keras:
        print("  needs --keras-python (a Python with Keras installed)")
        return
    tree = work / "cached" / "keras"
    if not tree.is_dir():
        shutil.copytree(keras[0], tree, ignore=shutil.ignore_patterns("__pycache__"))
    cache_dir = work / "cached-results"
    out = work / "out"
    out.mkdir(exist_ok=True)
    base = [*shapelint_command(), "check", "--format", "json", str(tree)]
    cached = [*base[:-1], "--cache-dir", str(cache_dir), str(tree)]
    files = sum(1 for _ in tree.rglob("*.py"))
    print(f"  a copy of the installed keras package ({files} files): check --format json")
    run(base + ["--no-cache"], work)  # warm-up: byte-compiles, fills the page cache
    timings: dict[str, list[dict[str, float]]] = {"none": [], "cold": [], "warm": []}
    for _ in range(repeat):
        timings["none"].append(run([*base, "--no-cache"], work, output=out / "none.json"))
        shutil.rmtree(cache_dir, ignore_errors=True)
        timings["cold"].append(run(cached, work, output=out / "cold.json"))
        for _ in range(3):
            timings["warm"].append(run(cached, work, output=out / "warm.json"))
    module, readers = most_read_module(cache_dir)
    edited: list[dict[str, float]] = []
    again = 0
    if module is not None:
        module.write_text(module.read_text() + "\n# edited\n")
        time.sleep(2.1)  # cache.MODIFIED_MARGIN_NS: results that read it are stored
        before = time.time()
        edited.append(run(cached, work, output=out / "edited.json"))
        again = sum(1 for e in cache_dir.glob("*/*.json") if e.stat().st_mtime >= before)
    entries = len(list(cache_dir.glob("*/*.json")))
    size = sum(e.stat().st_size for e in cache_dir.rglob("*") if e.is_file())
    same = (
        (out / "none.json").read_bytes()
        == (out / "cold.json").read_bytes()
        == (out / "warm.json").read_bytes()
    )
    cold = median([r["wall"] for r in timings["cold"]])
    rows = []
    for key, label in (
        ("none", "--no-cache"),
        ("cold", "cold: an empty cache"),
        ("warm", "warm: nothing changed"),
    ):
        rs = timings[key]
        wall = median([r["wall"] for r in rs])
        rows.append(
            (
                label,
                len(rs),
                f"{wall:.2f}",
                f"{median([r['cpu'] for r in rs]):.2f}",
                f"{cold / wall:.1f}x",
            )
        )
    if edited and module is not None:
        wall = edited[0]["wall"]
        rows.append(
            (
                f"after an edit to {module.relative_to(tree.parent)}",
                1,
                f"{wall:.2f}",
                f"{edited[0]['cpu']:.2f}",
                f"{cold / wall:.1f}x",
            )
        )
    table(("run", "runs", "wall s", "CPU s", "vs cold"), rows)
    print(
        f"  warm: {cold / median([r['wall'] for r in timings['warm']]):.0f}x faster than cold "
        f"(target >= 10x); same bytes without the cache, cold and warm: "
        f"{'yes' if same else 'NO'}"
    )
    if module is not None:
        print(
            f"  the edit: {readers} stored analyses had read that module; {again} files were "
            "analysed and stored again"
        )
    print(f"  the cache: {entries} entries, {size / 1e6:.1f} MB ({load()})")


# -- f. the editor on real files ------------------------------------------------------


def editor_real(work: Path, corpus: Path, edits: int, count: int = 10) -> None:
    """The language server's path on the largest files of a corpus: open (with
    and without the result cache), then one-character edits."""
    from shapelint import collector
    from shapelint.analysis import analyse_source, options_for
    from shapelint.cache import analyse_stored
    from shapelint.config import load_config
    from shapelint.incremental import DocumentCache
    from shapelint.parallel import tune_gc
    from shapelint.sources import SourceUnit

    print(f"\n(f) The editor on real files: the {count} largest of {corpus} ({load()})")
    if not corpus.is_dir():
        print("  no corpus there (--corpus)")
        return
    tune_gc()
    paths = sorted(corpus.rglob("*.py"), key=lambda p: (-p.stat().st_size, str(p)))[:count]
    rows = []
    every: list[float] = []
    every_cpu: list[float] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        display = path.relative_to(corpus).as_posix()
        config = load_config(None, path.parent)
        config.cache_dir = str(work / "editor-results")  # (the corpus is read-only)
        options = options_for(config, display)
        unit = SourceUnit(display, text)
        opened = []
        for _ in range(2):  # the first open stores the result, the second reads it
            document = DocumentCache()
            started = time.perf_counter()
            analyse_stored(
                config,
                path,
                unit,
                options,
                functools.partial(analyse_source, unit, options, cache=document),
            )
            opened.append((time.perf_counter() - started) * 1000)
        document = DocumentCache()
        result = analyse_source(unit, options, cache=document)
        timings: list[float] = []
        cpu: list[float] = []
        sequence = edit_sequence(text, edits, seed=len(text))
        for edited in sequence:
            started, started_cpu = time.perf_counter(), time.process_time()
            config = load_config(None, path.parent)  # read again at every analysis
            result = analyse_source(
                SourceUnit(display, edited), options_for(config, display), cache=document
            )
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            collector.settle()  # as a language-server worker does after answering
        every.extend(timings)
        every_cpu.extend(cpu)
        rows.append(
            (
                display,
                len(text.splitlines()),
                len(result.models),
                f"{opened[0]:.0f}",
                f"{opened[1]:.1f}",
                f"{median(timings):.1f}",
                f"{percentile(timings, 0.95):.1f}",
                f"{median(cpu):.1f}",
                f"{percentile(cpu, 0.95):.1f}",
                f"{_calls_per_edit(display, sequence[:3], options_for(config, display)):,.0f}",
            )
        )
    table(
        (
            "file",
            "lines",
            "models",
            "open ms",
            "open, stored",
            "edit p50",
            "p95",
            "CPU p50",
            "CPU p95",
            "calls/edit",
        ),
        rows,
    )
    print(
        f"  every edit: p50 {median(every):.1f} ms, p95 {percentile(every, 0.95):.1f} ms "
        f"(target p95 < 100 ms); CPU p50 {median(every_cpu):.1f} ms, "
        f"p95 {percentile(every_cpu, 0.95):.1f} ms; {edits} one-digit edits per file ({load()})"
    )


def _calls_per_edit(display: str, texts: Sequence[str], options: Any) -> float:
    """The Python calls (cProfile's count) of an edit, on average over
    ``texts`` analysed one after the other after the first."""
    import cProfile
    import pstats

    from shapelint.analysis import analyse_source
    from shapelint.incremental import DocumentCache
    from shapelint.sources import SourceUnit

    document = DocumentCache()
    analyse_source(SourceUnit(display, texts[0]), options, cache=document)
    profile = cProfile.Profile()
    profile.enable()
    for text in texts[1:]:
        analyse_source(SourceUnit(display, text), options, cache=document)
    profile.disable()
    return pstats.Stats(profile).total_calls / max(1, len(texts) - 1)


# -- g. the collector between files ----------------------------------------------------

#: A child process: the files under argv[1], analysed one after the other in
#: that process as ``-j 1`` does, with the collector policy argv[2]; prints
#: its CPU seconds, the collector's CPU seconds and collections, the objects
#: collected, the peak RSS and a hash of the results.
_COLLECTOR_CHILD = """
import gc, hashlib, json, resource, sys, time
from pathlib import Path
from shapelint import collector, parallel
from shapelint.analysis import options_for
from shapelint.config import load_config
root, policy = Path(sys.argv[1]), sys.argv[2]
files = sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)
config = load_config(None, root)
tasks = [(f, f.relative_to(root).as_posix(), options_for(config, f.relative_to(root).as_posix(),
         summaries=False)) for f in files]
if policy == "thresholds":
    collector.settle = lambda: None
parallel.tune_gc()
gc.enable()
seen = {"cpu": 0.0, "runs": 0, "collected": 0, "start": 0.0}
def watch(phase, info):
    if phase == "start":
        seen["start"] = time.process_time()
    else:
        seen["cpu"] += time.process_time() - seen["start"]
        seen["runs"] += 1
        seen["collected"] += info["collected"]
gc.callbacks.append(watch)
started = time.process_time()
results = parallel.analyse_all(tasks, 1)
cpu = time.process_time() - started
digest = hashlib.sha256(repr([(r.path, [(d.code, d.span, d.message) for d in r.diagnostics],
                               r.error) for r in results]).encode()).hexdigest()[:12]
print(json.dumps({"files": len(files), "cpu": cpu, "gc_cpu": seen["cpu"], "runs": seen["runs"],
                  "collected": seen["collected"], "rss_mb":
                  resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "digest": digest}))
"""


def collector_runs(keras_python: Optional[str], repeat: int) -> None:
    """The collector policy (shapelint.collector) against the allocation
    thresholds alone, on the installed ``keras/src/layers`` in one process,
    the two runs interleaved."""
    import json

    print(f"\n(g) The collector between files, one process ({load()})")
    found = installed_packages(keras_python, ["keras"])
    if not found:
        print("  no installed keras (--keras-python)")
        return
    root = found[0] / "src" / "layers"
    env = child_env()
    env["PYTHONPATH"] = str(ROOT / "src")
    seen: dict[str, list[dict[str, Any]]] = {"thresholds": [], "settle": []}
    for _ in range(repeat):
        for policy in seen:
            out = subprocess.run(
                [sys.executable, "-c", _COLLECTOR_CHILD, str(root), policy],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            ).stdout
            seen[policy].append(json.loads(out.strip().splitlines()[-1]))
    rows = []
    for policy, runs in seen.items():
        rows.append(
            (
                "thresholds alone (50,000, 20, 20)"
                if policy == "thresholds"
                else "collect + freeze after each file",
                runs[0]["files"],
                f"{median([r['cpu'] for r in runs]):.2f}",
                f"{median([r['gc_cpu'] for r in runs]):.2f}",
                runs[0]["runs"],
                f"{runs[0]['collected']:,}",
                f"{median([r['rss_mb'] for r in runs]):.0f}",
                ", ".join(sorted({r["digest"] for r in runs})),
            )
        )
    table(
        (
            "policy",
            "files",
            "CPU s",
            "collector CPU s",
            "collections",
            "objects collected",
            "peak RSS MB",
            "results",
        ),
        rows,
    )


# -- d. growth ----------------------------------------------------------------


def growth(repeat: int) -> None:
    from shapelint.analysis import Options, analyse_source
    from shapelint.parallel import tune_gc
    from shapelint.sources import SourceUnit

    tune_gc()
    print(f"\n(d) How the cost grows, in process, one analysis ({load()})")

    def timed(text: str) -> tuple[float, Any]:
        times, result = [], None
        for _ in range(repeat):
            started = time.perf_counter()
            result = analyse_source(SourceUnit("grow.py", text), Options())
            times.append(time.perf_counter() - started)
        return median(times) * 1000, result

    rows = []
    per_line = []
    for size in (10, 100, 300, 1000, 3000, 10000):
        text = gen_models.sized_file(size, seed=2)
        lines = len(text.splitlines())
        ms, result = timed(text)
        per_line.append(ms / lines)
        truncated = any("budget" in n for m in result.models for n in m.notes)
        rows.append(
            (
                lines,
                len(result.models),
                f"{ms:.1f}",
                f"{1000 * ms / lines:.0f}",
                "yes" if truncated else "",
            )
        )
    print(
        "  file size (bench/gen_models.py sized_file: builders of every style, helpers, "
        "a custom layer)"
    )
    table(("lines", "models", "ms", "us per line", "budget hit"), rows)
    for style in ("functional", "sequential"):
        rows = []
        for depth in (10, 100, 500, 1000, 2000):
            ms, result = timed(gen_models.deep_file(depth, style))
            layers = len(result.models[0].layers) if result.models else 0
            rows.append((depth, layers, f"{ms:.1f}", f"{1000 * ms / depth:.0f}"))
        print(f"  model depth ({style}, one layer per line)")
        table(("layers written", "layers found", "ms", "us per layer"), rows)


# -- main ----------------------------------------------------------------


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_keras = next(
        (p for p in ("/work/tfvenv/bin/python", "/work/tfenv/bin/python") if Path(p).exists()),
        None,
    )
    parser.add_argument(
        "--keras-python", default=default_keras, help="a Python with TensorFlow/Keras"
    )
    parser.add_argument("--only", default="a,b,c,d,e,f,g", help="which tables (a,b,c,d,e,f,g)")
    parser.add_argument(
        "--with-tensorflow", action="store_true", help="(c): also keras + tensorflow"
    )
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="(f): real files (default: ../shared/corpus)"
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument(
        "--work", type=Path, help="where to write generated files (default: a temp dir)"
    )
    parser.add_argument("--tree-files", type=int, default=2000)
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    import shapelint

    print(f"shapelint {shapelint.__version__} from {Path(shapelint.__file__).parent}")
    print(f"python {sys.version.split()[0]} ({sys.executable}); {load()}")
    print("child processes: PYTHONDONTWRITEBYTECODE unset, byte-compiled modules, warm page cache")
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 6000))
    with tempfile.TemporaryDirectory(prefix="shapelint-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if "a" in only:
            one_file(work, args.keras_python, 8 if args.quick else 20)
        if "b" in only:
            editor(work, 30 if args.quick else 100)
        if "c" in only:
            trees(
                work,
                args.keras_python,
                1 if args.quick else 3,
                args.tree_files,
                args.with_tensorflow,
            )
        if "d" in only:
            growth(3 if args.quick else 5)
        if "e" in only:
            cache_runs(work, args.keras_python, 1 if args.quick else 2)
        if "f" in only:
            editor_real(work, args.corpus, 20 if args.quick else 100)
        if "g" in only:
            collector_runs(args.keras_python, 1 if args.quick else 3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
