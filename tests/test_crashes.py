"""Inputs that crashed shapelint (a traceback or an "internal error"), each
now a clear error for its file or a correct result."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import analyse
from test_cli import BUGGY, CLEAN, cli, findings, project, write

import shapelint.config
from shapelint.config import find_pyproject

__all__ = ["project"]  # a fixture

#: keras.io's StyleGAN example builds a custom layer (its weights made in
#: build()) on two paths shapelint cannot tell apart: the layer's weights
#: differed between the paths, and summary crashed (AttributeError: '_Unknown'
#: object has no attribute 'total'). Keras 3.15.1 counts 8 parameters on the
#: first path and 40 on the second (Dense(4) 36, the layer 4): unknown.
TWO_PATHS = """\
import sys
import keras
from keras import layers


class Scale(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],))

    def call(self, x):
        return x * self.w


scale = Scale()
inputs = keras.Input((8,))
if len(sys.argv) > 1:
    x = scale(inputs)
else:
    x = scale(layers.Dense(4)(inputs))
model = keras.Model(inputs, x)
"""


def test_a_layer_built_on_two_paths_has_unknown_weights() -> None:
    [model] = analyse(TWO_PATHS).models
    scale = next(row for row in model.layers if row.class_name == "Scale")
    assert scale.params is None and scale.trainable_params is None
    assert model.total_params is None


@pytest.mark.keras
def test_a_layer_built_on_two_paths_in_keras(
    keras_module: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    totals = []
    for argv in (["x", "first"], ["x"]):
        monkeypatch.setattr(sys, "argv", argv)
        namespace: dict[str, Any] = {}
        exec(TWO_PATHS, namespace)
        totals.append(namespace["model"].count_params())
    assert totals == [8, 40]


# ------------------------------------------------------------------ paths


def _symlinks(*pairs: tuple[Path, Path]) -> None:
    try:
        for link, target in pairs:
            link.symlink_to(target)
    except (OSError, NotImplementedError):
        pytest.skip("cannot create symlinks here")


@pytest.mark.parametrize("command", ["check", "summary"])
def test_symlink_loop_named_on_the_command_line(
    project: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """``c.py -> d.py -> c.py``: the configuration lookup resolved the path
    and raised (RuntimeError: Symlink loop)."""
    write(project, "bad.py", BUGGY)
    _symlinks((project / "c.py", project / "d.py"), (project / "d.py", project / "c.py"))
    code, out, err = cli(capsys, command, "c.py")
    assert code == 2
    assert err.startswith("c.py: error: cannot read the file: ") and err.count("\n") == 1
    code, out, err = cli(capsys, "check", "c.py", "bad.py")
    assert code == 2 and err.count("\n") == 1 and err.startswith("c.py: error: ")
    assert [f[0] for f in findings(out)] == ["bad.py"]


def test_dangling_symlink_named_on_the_command_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _symlinks((project / "gone.py", project / "nowhere.py"))
    write(project, "good.py", CLEAN)
    code, out, err = cli(capsys, "check", "gone.py", "good.py")
    assert code == 2
    assert err.startswith("gone.py: error: cannot read the file: ") and err.count("\n") == 1
    assert out == "1 path could not be checked; no findings in the 2 files checked.\n"


def test_config_lookup_through_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.shapelint]\n")
    _symlinks((tmp_path / "c.py", tmp_path / "d.py"), (tmp_path / "d.py", tmp_path / "c.py"))
    assert find_pyproject(tmp_path / "c.py") == tmp_path / "pyproject.toml"


def _deny(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """os.stat and os.open of anything under ``denied`` fail as a directory
    that cannot be searched makes them fail (the tests chmod it when not
    root: root reads anything)."""
    for name in ("stat", "open"):
        real = getattr(os, name)

        def refuse(path: Any, *args: Any, _real: Any = real, **kwargs: Any) -> Any:
            if os.path.abspath(path).startswith(str(denied) + os.sep):
                raise PermissionError(13, "Permission denied", str(path))
            return _real(path, *args, **kwargs)

        monkeypatch.setattr(os, name, refuse)


def test_a_parent_that_cannot_be_searched(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file named under a directory the user cannot search: one error line,
    exit 2, the other files checked (the config lookup and the discovery
    raised PermissionError)."""
    write(project, "locked/pyproject.toml", "[tool.shapelint]\nbogus = 1\n")
    write(project, "locked/m.py", BUGGY)
    write(project, "open/bad.py", BUGGY)
    locked = project / "locked"
    if os.geteuid() != 0:
        locked.chmod(0)
    else:
        _deny(monkeypatch, locked)
    try:
        assert find_pyproject(locked / "m.py") == project / "pyproject.toml"
        code, out, err = cli(capsys, "check", "locked/m.py", "open/bad.py")
    finally:
        locked.chmod(0o755)
    assert code == 2
    assert err.startswith("locked/m.py: error: cannot read the file: ") and err.count("\n") == 1
    assert [f[0] for f in findings(out)] == ["open/bad.py"]


def test_a_deleted_current_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    code, _, err = cli(capsys, "check", "x.py")
    assert (code, err) == (2, "shapelint: error: x.py: no such file or directory\n")
    assert shapelint.config.load_config().path is None
