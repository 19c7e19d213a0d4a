"""The result cache (``shapelint.cache``): a second run prints the same bytes
without analysing again; an edit analyses again exactly the files it can
affect; concurrent runs and corrupt entries are safe; old entries go."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from test_cli import BUGGY, CLEAN, cli, write

import shapelint.cache
from shapelint import cache, result_codec
from shapelint.analysis import Options, analyse_path, analyse_source
from shapelint.config import Config
from shapelint.sources import SourceUnit

# a builder in one module, used by another: the shape error is in the user's call
MODELS = """\
import keras
from keras import layers


def build(units):
    return keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(units, 3), layers.LSTM(4)])
"""
MODELS_FIXED = MODELS.replace("layers.Conv2D(units, 3), ", "layers.Reshape((784, 1)), ")
TRAIN = """\
from models import build

model = build(32)
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project (a pyproject.toml) as the current directory, the cache on
    (tests/conftest.py turns it off for the other tests), and the files the
    test writes trusted at once (see ``cache.MODIFIED_MARGIN_NS``)."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(cache.NO_CACHE_VARIABLE, raising=False)
    monkeypatch.setattr(cache, "MODIFIED_MARGIN_NS", 0)
    return tmp_path


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display paths the cached runs analyse (not answered by the cache), in
    this process (``-j 1``)."""
    seen: list[str] = []

    def analyse(path: Path, display: str, options: Options, data: Any = None) -> Any:
        seen.append(display)
        return analyse_path(path, display, options, data)

    monkeypatch.setattr(shapelint.cache, "analyse_path", analyse)
    return seen


def entries(root: Path) -> list[Path]:
    return sorted((root / cache.CACHE_DIR).glob("*/*.json"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return cli(capsys, *args)


# ------------------------------------------------------------------ same bytes, every format

CHECK_FORMATS = [["--format", f] for f in ("text", "json", "sarif", "github")] + [
    ["--statistics"],
    ["--show-source"],
]
SUMMARY_FORMATS = [["--format", f] for f in ("text", "json", "markdown", "mermaid", "dot")]


@pytest.mark.parametrize(
    "command, variants", [("check", CHECK_FORMATS), ("summary", SUMMARY_FORMATS)]
)
def test_every_format_prints_the_same_bytes_with_and_without_the_cache(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    analysed: list[str],
    command: str,
    variants: list[list[str]],
) -> None:
    shutil.copytree(FIXTURES, project / "fixtures")
    files = len([*project.rglob("*.py"), *project.rglob("*.ipynb")])
    for variant in variants:
        expected = run(capsys, command, "-j", "1", "--no-cache", *variant, "fixtures")
        del analysed[:]  # --no-cache never goes through the cache
        cold = run(capsys, command, "-j", "1", *variant, "fixtures")
        cold_count = len(analysed)
        warm = run(capsys, command, "-j", "1", *variant, "fixtures")
        assert cold == expected, variant
        assert warm == expected, variant
        assert len(analysed) == cold_count, f"{variant}: the second run analysed again"
        del analysed[:]
    assert len(expected[1]) > 2000  # models and findings: something was compared
    # one entry per file and set of options (check: 1; summary: with and without graphs)
    assert len(entries(project)) == files * (1 if command == "check" else 2)


def test_a_result_holding_a_lone_surrogate_is_stored_and_read_back(
    project: Path, capsys: pytest.CaptureFixture[str], analysed: list[str]
) -> None:
    """A layer named by an escape that is not a character (``"\\udcff"``)
    reaches the result: storing it raised UnicodeEncodeError (a traceback,
    the run lost)."""
    (project / "m.py").write_text(
        "import keras\n"
        'm = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="\\udcff")])\n'
        'm.add(keras.layers.Reshape((5,), name="a\\udcffb"))\n'
    )
    for command in ("check", "summary"):
        expected = run(capsys, command, "-j", "1", "--no-cache", "--format", "json", "m.py")
        assert "udcff" in expected[1] and expected[0] in (0, 1), expected
        assert run(capsys, command, "-j", "1", "--format", "json", "m.py") == expected
        del analysed[:]
        assert run(capsys, command, "-j", "1", "--format", "json", "m.py") == expected
        assert analysed == []  # read back from the cache
    assert len(entries(project)) == 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers")
def test_workers_store_what_one_process_reads_back(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES, project / "fixtures")
    expected = run(capsys, "check", "-j", "1", "--no-cache", "--format", "json", "fixtures")
    assert run(capsys, "check", "-j", "2", "--format", "json", "fixtures") == expected
    assert len(entries(project)) > 20  # the workers stored their results
    assert run(capsys, "check", "-j", "1", "--format", "json", "fixtures") == expected
    assert run(capsys, "check", "-j", "2", "--format", "json", "fixtures") == expected


def test_results_read_back_equal_those_stored() -> None:
    """Every field of a result (models with graphs, symbolic dimensions,
    notebook cells, related locations) survives the cache's JSON."""
    options = Options(enabled=frozenset(shapelint.codes.CODES), graphs=True)
    paths = sorted([*FIXTURES.rglob("*.py"), *FIXTURES.rglob("*.ipynb")])
    results = [analyse_path(p, p.name, options) for p in paths]
    symbolic = analyse_source(
        SourceUnit(
            "sym.py",
            "import keras\n"
            "def build(maxlen):\n"
            "    inp = keras.Input(shape=(maxlen, 8))\n"
            "    return keras.Model(inp, keras.layers.Reshape((maxlen * 2, 4))(inp))\n",
        ),
        options,
    )
    assert "Sym" in repr(symbolic.models)  # (None, maxlen*2, 4)
    results.append(symbolic)
    assert any(d.related for r in results for d in r.diagnostics)
    assert any(d.span.cell for r in results for d in r.diagnostics)
    assert any(row.inbound for r in results for m in r.models for row in m.layers)
    for result in results:
        encoded = json.loads(json.dumps(result_codec.encode(result)))
        assert result_codec.decode(encoded, result.path) == result


# ------------------------------------------------------------------ what an edit analyses again


def checked_again(capsys: pytest.CaptureFixture[str], analysed: list[str]) -> tuple[str, list[str]]:
    """``check .`` with the cache: its output, which must be that of a run
    without it, and the files it analysed (the others came from the cache)."""
    expected = run(capsys, "check", "-j", "1", "--no-cache", ".")
    del analysed[:]
    assert run(capsys, "check", "-j", "1", ".") == expected
    return expected[1], sorted(analysed)


def test_an_edit_analyses_again_exactly_the_files_it_can_affect(
    project: Path, capsys: pytest.CaptureFixture[str], analysed: list[str]
) -> None:
    write(project, "models.py", MODELS)
    write(project, "train.py", TRAIN)
    write(project, "other.py", CLEAN)
    write(project, "notes.py", "import os\nprint(os.getcwd())\n")
    out, again = checked_again(capsys, analysed)
    assert "train.py:3:" in out and "SL102" in out
    assert again == ["models.py", "notes.py", "other.py", "train.py"]
    assert checked_again(capsys, analysed) == (out, [])
    # the imported module: it and the file that imports it
    write(project, "models.py", MODELS_FIXED)
    out, again = checked_again(capsys, analysed)
    assert "train.py" not in out  # the finding is gone
    assert again == ["models.py", "train.py"]
    write(project, "other.py", BUGGY)
    out, again = checked_again(capsys, analysed)
    assert "other.py:6:" in out
    assert again == ["other.py"]


def test_a_module_that_appears_or_goes_is_an_edit(
    project: Path, capsys: pytest.CaptureFixture[str], analysed: list[str]
) -> None:
    """``from models import build`` means something else once models.py exists."""
    write(project, "train.py", TRAIN)
    write(project, "other.py", CLEAN)
    out, _ = checked_again(capsys, analysed)
    assert "No problems found" in out
    write(project, "models.py", MODELS)
    out, again = checked_again(capsys, analysed)
    assert "train.py:3:" in out
    assert again == ["models.py", "train.py"]
    (project / "models.py").unlink()
    assert checked_again(capsys, analysed)[1] == ["train.py"]


def test_an_edit_two_imports_away_reaches_the_file(
    project: Path, capsys: pytest.CaptureFixture[str], analysed: list[str]
) -> None:
    write(project, "pkg/__init__.py", "")
    write(project, "pkg/layers_lib.py", MODELS)
    write(project, "pkg/blocks.py", "from pkg.layers_lib import build\n\nNET = build(8)\n")
    write(project, "train.py", "import keras\nfrom pkg.blocks import NET\n\nNET.summary()\n")
    write(project, "other.py", CLEAN)
    checked_again(capsys, analysed)
    write(project, "pkg/layers_lib.py", MODELS_FIXED)
    assert checked_again(capsys, analysed)[1] == [
        "pkg/blocks.py",
        "pkg/layers_lib.py",
        "train.py",
    ]


def test_a_module_added_to_an_imported_package_is_an_edit(
    project: Path, capsys: pytest.CaptureFixture[str], analysed: list[str]
) -> None:
    """``import pkg`` then ``pkg.models.build()``: which modules the package
    holds decides whether the file can build a model."""
    write(project, "pkg/__init__.py", "")
    write(project, "pkg/util.py", "X = 1\n")
    write(project, "train.py", "import keras\nimport pkg\n\nmodel = pkg.models.build(32)\n")
    write(project, "other.py", CLEAN)
    checked_again(capsys, analysed)
    write(project, "pkg/models.py", MODELS)
    out, again = checked_again(capsys, analysed)
    assert "train.py:4:" in out
    assert again == ["pkg/models.py", "train.py"]


def test_a_package_marker_counts_by_its_existence_not_its_content(
    project: Path, capsys: pytest.CaptureFixture[str], analysed: list[str]
) -> None:
    """Which directories are packages decides where imports are looked for;
    what a package's ``__init__.py`` says matters only to a file that imports it."""
    write(project, "pkg/__init__.py", "")
    write(project, "pkg/net.py", CLEAN)
    checked_again(capsys, analysed)
    write(project, "pkg/__init__.py", '"""The package."""\n')
    assert checked_again(capsys, analysed)[1] == ["pkg/__init__.py"]
    (project / "pkg/__init__.py").unlink()
    assert checked_again(capsys, analysed)[1] == ["pkg/net.py"]


def test_the_configuration_and_the_build_of_shapelint_are_part_of_the_key(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    analysed: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write(project, "a.py", BUGGY)
    write(project, "b.py", CLEAN)
    assert run(capsys, "check", "-j", "1", ".")[0] == 1
    del analysed[:]
    assert run(capsys, "check", "-j", "1", "--ignore", "SL102", ".")[0] == 0
    assert sorted(analysed) == ["a.py", "b.py"]
    del analysed[:]
    (project / "pyproject.toml").write_text('[tool.shapelint]\ndata-format = "channels_first"\n')
    run(capsys, "check", "-j", "1", ".")
    assert sorted(analysed) == ["a.py", "b.py"]
    del analysed[:]
    run(capsys, "check", "-j", "1", ".")
    assert analysed == []
    # another build of shapelint (its version, or its code) starts afresh
    monkeypatch.setattr(shapelint.cache, "__version__", "99.0")
    shapelint.cache.build_key.cache_clear()
    try:
        run(capsys, "check", "-j", "1", ".")
    finally:
        shapelint.cache.build_key.cache_clear()
    assert sorted(analysed) == ["a.py", "b.py"]


# ------------------------------------------------------------------ what is not stored


def test_internal_errors_and_time_limits_are_not_stored(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, "a.py", BUGGY)
    write(project, "b.py", CLEAN)
    import shapelint.interp.evaluator as interpreter

    def crash(self: Any, module: Any) -> None:
        raise RuntimeError("boom")

    with monkeypatch.context() as patched:
        patched.setattr(interpreter.Evaluator, "run_module", crash)
        code, _, err = run(capsys, "check", "-j", "1", ".")
    assert code == 2 and "internal error: RuntimeError: boom" in err
    assert entries(project) == []
    with monkeypatch.context() as patched:
        patched.setattr(shapelint.analysis, "TIME_LIMIT", 1e-9)
        code, _, err = run(capsys, "check", "-j", "1", ".")
    assert code == 2 and "time limit" in err
    assert entries(project) == []
    code, _, err = run(capsys, "check", "-j", "1", ".")
    assert code == 1 and err == "" and len(entries(project)) == 2


def test_a_result_is_not_stored_while_a_module_it_read_is_being_written(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MODIFIED_MARGIN_NS", 2_000_000_000)  # the real margin
    write(project, "models.py", MODELS)
    write(project, "train.py", TRAIN)
    write(project, "other.py", CLEAN)
    past = time.time() - 60
    for name in ("models.py", "train.py", "other.py"):
        os.utime(project / name, (past, past))
    future = time.time() + 60  # modified "during the run"
    os.utime(project / "models.py", (future, future))
    run(capsys, "check", "-j", "1", ".")
    stored = {json.loads(e.read_text().partition("\n")[2])["content"] for e in entries(project)}
    # models.py's own content is the one analysed; train.py read models.py
    assert stored == {cache._digest((project / n).read_bytes()) for n in ("models.py", "other.py")}


def test_stdin_and_no_cache_and_the_environment_store_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, "a.py", BUGGY)
    run(capsys, "check", "--no-cache", "a.py")
    monkeypatch.setenv(cache.NO_CACHE_VARIABLE, "1")
    run(capsys, "check", "a.py")
    monkeypatch.delenv(cache.NO_CACHE_VARIABLE)
    monkeypatch.setattr(sys, "stdin", _Stdin(BUGGY.encode()))
    assert run(capsys, "check", "--stdin-filename", "a.py", "-")[0] == 1
    assert not (project / cache.CACHE_DIR).exists()


class _Stdin:
    def __init__(self, data: bytes):
        import io

        self.buffer = io.BytesIO(data)


# ------------------------------------------------------------------ where


def test_the_cache_directory_ignores_itself_and_follows_the_configuration(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "src/a.py", BUGGY)
    run(capsys, "check", "src")
    folder = project / cache.CACHE_DIR
    assert (folder / ".gitignore").read_text() == "# Automatically created by shapelint.\n*\n"
    assert (
        (folder / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
    )
    assert len(entries(project)) == 1
    (project / "pyproject.toml").write_text('[tool.shapelint]\ncache-dir = "build/lint"\n')
    run(capsys, "check", "src")  # from the configuration, relative to the pyproject.toml
    assert len(list((project / "build/lint").glob("*/*.json"))) == 1
    run(capsys, "check", "--cache-dir", "elsewhere", "src")  # the command line wins
    assert len(list((project / "elsewhere").glob("*/*.json"))) == 1


def test_a_cache_that_cannot_be_made_is_done_without(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "a.py", BUGGY)
    (project / cache.CACHE_DIR).write_text("a file where the folder should be\n")
    expected = run(capsys, "check", "--no-cache", "a.py")
    assert run(capsys, "check", "a.py") == expected
    assert run(capsys, "check", "a.py") == expected


# ------------------------------------------------------------------ corruption and concurrency


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"",  # empty
        lambda raw: raw.replace(b"SL102", b"SL1O2"),  # a flipped byte: the hash fails
        lambda raw: b"\xff\xfe garbage \x00\n{]",
        # well-formed, hash and all, but not an entry of this form
        lambda raw: _signed({"content": json.loads(raw.partition(b"\n")[2])["content"]}),
        lambda raw: _signed(
            _with(raw, lambda e: e["result"]["diagnostics"][0].__setitem__(2, "x"))
        ),
        lambda raw: _signed(
            _with(raw, lambda e: e["result"]["diagnostics"][0].__setitem__(0, "SL9"))
        ),
        lambda raw: _signed(_with(raw, lambda e: e.__setitem__("reads", [[1, 2, 3]]))),
        lambda raw: _signed([1, 2, 3]),
    ],
    ids=[
        "truncated",
        "empty",
        "flipped",
        "garbage",
        "no-result",
        "bad-span",
        "bad-code",
        "bad-reads",
        "not-an-object",
    ],
)
def test_a_damaged_entry_is_ignored_and_rewritten(
    project: Path, capsys: pytest.CaptureFixture[str], analysed: list[str], damage: Any
) -> None:
    write(project, "a.py", BUGGY)
    expected = run(capsys, "check", "-j", "1", "a.py")
    (entry,) = entries(project)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    del analysed[:]
    assert run(capsys, "check", "-j", "1", "a.py") == expected
    assert analysed == ["a.py"]
    assert entry.read_bytes() == good  # rewritten
    del analysed[:]
    assert run(capsys, "check", "-j", "1", "a.py") == expected
    assert analysed == []


def _with(raw: bytes, change: Any) -> Any:
    entry = json.loads(raw.partition(b"\n")[2])
    change(entry)
    return entry


def _signed(value: Any) -> bytes:
    payload = json.dumps(value).encode()
    return cache._digest(payload).encode() + b"\n" + payload


def test_writers_and_readers_of_one_entry_see_a_whole_entry_or_none(tmp_path: Path) -> None:
    """Many threads rewrite the same entry while others read it: a reader gets
    one writer's whole entry, or nothing, never a mix or a part."""
    target = tmp_path / "entry.json"
    texts = [
        f"{cache._digest(p.encode())}\n{p}"
        for p in (json.dumps({"n": n, "pad": "x" * 50_000 * n}) for n in range(1, 5))
    ]
    stop = threading.Event()
    seen: list[Any] = []
    failures: list[str] = []

    def write_loop(text: str) -> None:
        while not stop.is_set():
            if not cache._write_atomically(target, text):
                failures.append("a write failed")

    def read_loop() -> None:
        while not stop.is_set():
            entry = cache._read_entry(target)
            if entry is not None:
                seen.append(entry["n"])
            elif target.exists():
                failures.append("an entry that exists could not be read")

    threads = [threading.Thread(target=write_loop, args=(t,)) for t in texts]
    threads += [threading.Thread(target=read_loop) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    stop.set()
    for thread in threads:
        thread.join()
    assert failures == []
    assert set(seen) <= {1, 2, 3, 4} and len(set(seen)) > 1
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]  # no temporary file left


def test_concurrent_runs_share_one_cache(project: Path) -> None:
    """Four processes check the same tree at once, then one more: every run
    prints what a run without the cache prints, and the entries are whole."""
    shutil.copytree(FIXTURES, project / "fixtures")
    env = {k: v for k, v in os.environ.items() if k != cache.NO_CACHE_VARIABLE}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(shapelint.__file__).parent.parent), env.get("PYTHONPATH", "")]
    )
    command = [
        sys.executable,
        "-m",
        "shapelint",
        "check",
        "--format",
        "json",
        "-j",
        "1",
        "fixtures",
    ]
    expected = subprocess.run(
        [*command, "--no-cache"], cwd=project, env=env, capture_output=True, timeout=300
    )
    runs = [
        subprocess.Popen(
            command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=300) for p in runs]
    again = subprocess.run(command, cwd=project, env=env, capture_output=True, timeout=300)
    for out, err in [*outputs, (again.stdout, again.stderr)]:
        assert err == b""
        assert out == expected.stdout
    for entry in entries(project):
        assert cache._read_entry(entry) is not None, entry
    assert not list((project / cache.CACHE_DIR).glob("*/.*.tmp"))


# ------------------------------------------------------------------ pruning


def test_entries_no_run_used_for_a_week_are_removed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "a.py", BUGGY)
    write(project, "b.py", CLEAN)
    run(capsys, "check", "a.py")
    (a,) = entries(project)
    run(capsys, "check", "b.py")
    (b,) = set(entries(project)) - {a}
    other_build = project / cache.CACHE_DIR / "0123456789abcdef0123"
    write(other_build, "stale.json", "{}")
    now = time.time()
    month_ago = now - 30 * 24 * 3600
    for path in (a, b, other_build / "stale.json", project / cache.CACHE_DIR / "last-prune"):
        os.utime(path, (month_ago, month_ago))
    store = cache.ResultCache(project / cache.CACHE_DIR)
    options = Options(enabled=Config().enabled_codes("b.py"), summaries=False)
    assert store.lookup(Path("b.py"), "b.py", options) is not None  # a use renews b's entry
    assert b.stat().st_mtime > now - 60
    assert store.prune() == 2  # a.py's entry and the other build's
    assert entries(project) == [b]
    assert not other_build.exists()
    os.utime(b, (month_ago, month_ago))
    assert store.prune() == 0  # looked for at most once a day
    assert entries(project) == [b]


# ------------------------------------------------------------------ the language server


def test_an_editor_opening_a_file_gets_its_stored_result(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, "a.py", BUGGY)
    calls: list[str] = []
    unit = SourceUnit("a.py", BUGGY)
    options = Options()

    def analyse() -> Any:
        calls.append("analysed")
        return analyse_source(unit, options)

    config = Config(path=project / "pyproject.toml")
    first = cache.analyse_stored(config, project / "a.py", unit, options, analyse)
    second = cache.analyse_stored(config, project / "a.py", unit, options, analyse)
    assert calls == ["analysed"] and second == first and second.models
    edited = SourceUnit("a.py", BUGGY.replace("LSTM(10)", "LSTM(11)"))
    cache.analyse_stored(config, project / "a.py", edited, options, analyse)
    assert calls == ["analysed", "analysed"]
    # untitled documents and notebooks are not stored
    cache.analyse_stored(config, None, unit, options, analyse)
    assert len(calls) == 3


def test_the_language_server_answers_an_opened_file_from_the_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file opened in one session is stored; opened in the next, its
    diagnostics come from the cache (an entry doctored here says so), and an
    edit is analysed."""
    pytest.importorskip("pygls")
    from test_lsp import Client, initialize, open_document

    path = write(project, "model.py", BUGGY)
    for session in ("first", "second"):
        client = Client(project, settings={"debounce": 0})
        try:
            initialize(client, project)
            uri = open_document(client, path, BUGGY)
            [diagnostic] = client.diagnostics(uri)
            if session == "first":
                assert "expected ndim=3" in diagnostic["message"]
                (entry,) = entries(project)
                entry.write_bytes(
                    _signed(_with(entry.read_bytes(), _say("said by the stored result")))
                )
                continue
            assert diagnostic["message"].startswith("said by the stored result")
            seen = client.count(uri)
            client.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": 2},
                    "contentChanges": [{"text": BUGGY + "\n"}],
                },
            )
            [diagnostic] = client.diagnostics(uri, after=seen)
            assert "expected ndim=3" in diagnostic["message"]
        finally:
            client.close()


def _say(message: str) -> Any:
    def change(entry: dict[str, Any]) -> None:
        entry["result"]["diagnostics"][0][1] = message

    return change


def test_a_run_that_finds_every_result_stored_loads_no_parser(project: Path) -> None:
    """What makes the second run fast: no LibCST, no evaluator, no workers."""
    write(project, "model.py", BUGGY)
    write(project, "other.py", CLEAN)
    heavy = ("libcst", "shapelint.interp.evaluator", "concurrent.futures")
    script = (
        "import sys\n"
        "from shapelint.cli import main\n"
        "rc = main(['check', '-j', '2', '.'])\n"
        f"print('\\n' + repr((rc, [m for m in {heavy!r} if m in sys.modules])))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != cache.NO_CACHE_VARIABLE}
    seen = []
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-c", script], cwd=project, env=env, capture_output=True, text=True
        )
        assert proc.stderr == ""
        seen.append(eval(proc.stdout.splitlines()[-1]))
    # the first run analyses in two workers; the second needs none
    assert seen == [(1, ["concurrent.futures"]), (1, [])]
