"""Which files a run checks: ``.gitignore`` honoured through git's own list,
the walk's order, and excludes applied to named files under ``force-exclude``
(pre-commit names every staged file; ``tests/test_precommit.py`` runs that
through pre-commit itself)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from test_cli import BUGGY, checked_paths, cli, findings, project, write

from shapelint.config import Config, ConfigError, parse_table
from shapelint.discovery import collect_targets, git_listing, is_excluded_path

__all__ = ["project"]  # a fixture of test_cli


def git(repo: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def init_repo(root: Path) -> None:
    git(root, "init", "-q")
    git(root, "config", "user.name", "t")
    git(root, "config", "user.email", "t@example.invalid")
    git(root, "config", "commit.gpgsign", "false")


@pytest.fixture
def repo(project: Path) -> Path:
    """The ``project`` directory (cwd, a pyproject.toml without a shapelint
    table) as a git work tree."""
    init_repo(project)
    return project


def test_gitignored_files_are_skipped_when_walking(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".gitignore").write_text("generated/\n*.gen.py\n/data\n")
    for name in ("model.py", "generated/a.py", "pkg/b.gen.py", "data/c.py", "pkg/data/d.py"):
        write(repo, name, BUGGY)
    git(repo, "add", "model.py", ".gitignore")  # the others stay untracked
    assert checked_paths(capsys, "check", ".") == ["model.py", "pkg/data/d.py"]
    # a subdirectory walked on its own still follows the repository's .gitignore
    assert checked_paths(capsys, "check", "pkg") == ["pkg/data/d.py"]
    # named explicitly, an ignored file is checked (as ruff does)
    assert checked_paths(capsys, "check", "generated/a.py") == ["generated/a.py"]


def test_tracked_files_are_checked_even_if_a_pattern_matches_them(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "gen/kept.py", BUGGY)
    git(repo, "add", "gen/kept.py")
    (repo / ".gitignore").write_text("gen/\n")  # added after: git still tracks it
    write(repo, "gen/new.py", BUGGY)
    assert checked_paths(capsys, "check", ".") == ["gen/kept.py"]


def test_no_respect_gitignore_walks_the_disk(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".gitignore").write_text("generated/\n")
    write(repo, "generated/a.py", BUGGY)
    write(repo, "model.py", BUGGY)
    assert checked_paths(capsys, "check", "--no-respect-gitignore", ".") == [
        "model.py",
        "generated/a.py",
    ]
    (repo / "pyproject.toml").write_text("[tool.shapelint]\nrespect-gitignore = false\n")
    assert checked_paths(capsys, "check", ".") == ["model.py", "generated/a.py"]
    assert checked_paths(capsys, "check", "--respect-gitignore", ".") == ["model.py"]


def test_git_walk_has_the_disk_walks_order_and_excludes(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same files in the same order as the walk on disk when git ignores
    nothing: a directory's files before its subdirectories, default and
    configured excludes applied to every directory on the way."""
    names = ["z.py", "a/y.py", "a/b/x.py", "a/b.py", "ab.py", "a-b/c.py", "nb.ipynb"]
    for name in names:
        write(repo, name, BUGGY if name.endswith(".py") else "{}")
    for skipped in ("venv/lib/m.py", "a/build/m.py", "a/__pycache__/m.py", "legacy/m.py"):
        write(repo, skipped, BUGGY)
    (repo / "pyproject.toml").write_text('[tool.shapelint]\nextend-exclude = ["legacy"]\n')
    git(repo, "add", "z.py", "a/b/x.py")  # tracked and untracked files mix
    on_disk = [t.display for t in collect_targets(["."], _config(respect_gitignore=False))]
    via_git = [t.display for t in collect_targets(["."], _config())]
    assert via_git == on_disk
    assert via_git == ["ab.py", "nb.ipynb", "z.py", "a/b.py", "a/y.py", "a/b/x.py", "a-b/c.py"]


def _config(**values: object) -> Config:
    config = parse_table({"extend-exclude": ["legacy"]}, Path.cwd() / "pyproject.toml")
    for key, value in values.items():
        setattr(config, key, value)
    return config


def test_files_deleted_from_the_work_tree_are_not_listed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "kept.py", BUGGY)
    write(repo, "gone.py", BUGGY)
    git(repo, "add", ".")
    (repo / "gone.py").unlink()  # still in the index
    code, out, err = cli(capsys, "check", ".")
    assert (code, err) == (1, "")
    assert [f[0] for f in findings(out)] == ["kept.py"]


def test_submodules_and_nested_repositories_are_walked_with_their_own_ignores(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nested = repo / "vendor" / "lib"
    nested.mkdir(parents=True)
    init_repo(nested)
    (nested / ".gitignore").write_text("out/\n")
    write(nested, "model.py", BUGGY)
    write(nested, "out/gen.py", BUGGY)
    git(nested, "add", ".")
    git(nested, "commit", "-q", "-m", "nested")
    write(repo, "main.py", BUGGY)
    # untracked, the nested repository is listed by git as one directory
    assert git_listing(repo).directories == ("vendor/lib",)  # type: ignore[union-attr]
    assert checked_paths(capsys, "check", ".") == ["main.py", "vendor/lib/model.py"]
    # added as a submodule (a gitlink in the index), the same
    git(repo, "add", "main.py", "vendor/lib")
    assert git_listing(repo).directories == ("vendor/lib",)  # type: ignore[union-attr]
    assert checked_paths(capsys, "check", ".") == ["main.py", "vendor/lib/model.py"]


def test_outside_a_repository_and_a_repository_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory outside any work tree is walked on disk; a repository given
    by a path outside the current one follows its own .gitignore."""
    plain = tmp_path / "plain"
    write(plain, "generated/a.py", BUGGY)
    (plain / ".gitignore").write_text("generated/\n")  # not a repository: no meaning
    other = tmp_path / "other"
    write(other, "pyproject.toml", '[project]\nname = "other"\n')
    init_repo(other)
    (other / ".gitignore").write_text("generated/\n")
    write(other, "generated/a.py", BUGGY)
    write(other, "m.py", BUGGY)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    assert git_listing(plain) is None
    assert checked_paths(capsys, "check", str(plain)) == [str(plain / "generated/a.py")]
    assert checked_paths(capsys, "check", str(other)) == [str(other / "m.py")]


def test_git_variables_of_a_hook_do_not_redirect_the_listing(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside a git hook GIT_DIR and GIT_INDEX_FILE name the hook's repository;
    the walked directory's own repository must be listed."""
    write(repo, "m.py", BUGGY)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    init_repo(elsewhere)
    monkeypatch.setenv("GIT_DIR", str(elsewhere / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(elsewhere / ".git" / "index"))
    assert git_listing(repo).files == ("m.py",)  # type: ignore[union-attr]


# ------------------------------------------------------------------ force-exclude


def test_force_exclude_applies_the_excludes_to_named_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text('[tool.shapelint]\nextend-exclude = ["legacy"]\n')
    write(project, "legacy/old.py", BUGGY)
    write(project, "legacy/deep/older.py", BUGGY)
    write(project, "model.py", BUGGY)
    write(project, "build/gen.py", BUGGY)
    named = ("legacy/old.py", "legacy/deep/older.py", "model.py", "build/gen.py", "legacy")
    # without it (the default, as ruff), a named file is always checked
    assert checked_paths(capsys, "check", *named) == [
        "legacy/old.py",
        "legacy/deep/older.py",
        "model.py",
        "build/gen.py",
    ]
    assert checked_paths(capsys, "check", "--force-exclude", *named) == ["model.py"]
    (project / "pyproject.toml").write_text(
        '[tool.shapelint]\nextend-exclude = ["legacy"]\nforce-exclude = true\n'
    )
    assert checked_paths(capsys, "check", *named) == ["model.py"]
    assert len(checked_paths(capsys, "check", "--no-force-exclude", *named)) == 4
    code, out, err = cli(capsys, "check", "legacy/old.py")
    assert (code, out, err) == (0, "No problems found (0 files checked).\n", "")


def test_force_exclude_matches_below_the_project_root_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project that lives in a folder named like a default exclude (``build``)
    is not excluded as a whole: directories above the configuration's folder
    are not matched."""
    root = tmp_path / "build" / "proj"
    write(root, "pyproject.toml", "[tool.shapelint]\nforce-exclude = true\n")
    write(root, "model.py", BUGGY)
    write(root, "dist/m.py", BUGGY)
    monkeypatch.chdir(root)
    assert checked_paths(capsys, "check", "model.py", "dist/m.py") == ["model.py"]
    config = parse_table({"force-exclude": True}, root / "pyproject.toml")
    assert not is_excluded_path(root / "model.py", config)
    assert is_excluded_path(root / "dist" / "m.py", config)
    # outside the project, only the path's own name is matched
    assert is_excluded_path(tmp_path / "x" / "build", config)
    assert not is_excluded_path(tmp_path / "build" / "x.py", config)


@pytest.mark.parametrize("key", ["force-exclude", "respect-gitignore"])
def test_boolean_keys_are_validated(key: str) -> None:
    assert getattr(parse_table({key: True}), key.replace("-", "_")) is True
    with pytest.raises(ConfigError, match=f"{key} must be true or false, got 'yes'"):
        parse_table({key: "yes"})


def test_compiled_excludes_match_as_fnmatch_does() -> None:
    """Config.is_excluded (one regular expression for all patterns) answers as
    the per-pattern fnmatch it replaced, on names and on paths."""
    import fnmatch
    import itertools

    from shapelint.config import DEFAULT_EXCLUDES, path_matches

    patterns = (*DEFAULT_EXCLUDES, "legacy", "gen_*", "*.ipynb", "docs/*.py", "a/b", "x?z")
    config = Config(exclude=patterns)
    parts = ["legacy", "gen_a", "src", "docs", "a", "b", "xyz", "build", "m.py", "n.ipynb", "v"]
    for n in (1, 2, 3):
        for combo in itertools.product(parts, repeat=n):
            path = Path(*combo)
            expected = any(fnmatch.fnmatch(path.name, p) for p in patterns) or any(
                path_matches(str(path), p) for p in patterns if "/" in p
            )
            assert config.is_excluded(path) == expected, path
