"""A notebook cell turned into Python as IPython turns it, line for line.

IPython rewrites each cell before Python compiles it: the rules of
``IPython.core.inputtransformer2`` (leading blank lines dropped, the common
indent and pasted ``>>>``/``In [1]:`` prompts removed, a ``%%cell_magic``,
then ``%magic``, ``!shell``, ``x = %magic``, ``x = !shell``, ``obj?`` and the
``/f``, ``,f``, ``;f`` autocall escapes, each recognised by the tokens at the
start of a *logical* line, so a ``!=`` or ``%`` continuing an expression
inside brackets is an operator), then, for a cell of one line only, automagic
(``cd /tmp`` runs ``%cd`` unless ``cd`` is a variable).
This module applies the same rules (IPython 9.19's, read from its source; it
does not import IPython) and writes what IPython writes
(``get_ipython().run_line_magic('pip', 'install x')``, so a magic that is the
only statement of a block still leaves a statement), with two differences that
keep every position of the result mappable to the cell:

- the result has exactly the cell's lines: a construct IPython joins into one
  line (``!cmd \\`` and its continuation) leaves blank lines behind it, and the
  leading blank lines IPython drops stay as blank lines;
- each line records how many columns were removed from its start (the common
  indent, a prompt).

A cell magic whose body IPython runs as Python in the notebook's namespace
(``%%time``, ``%%timeit``, ``%%capture``, ``%%prun``, ``%%debug``) keeps its
body as Python, rewritten as a cell of its own as the magic does; any other
cell magic (``%%bash``, ``%%writefile``, ``%%html``, ...) makes the cell blank.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Callable, Optional

from shapelint.lines import python_lines

#: Cell magics that run their body as Python in the notebook's namespace (each
#: passes the body to ``shell.transform_cell`` or ``shell.run_cell``);
#: ``%%time`` refuses a statement on its own line (a UsageError: nothing runs).
PYTHON_BODY_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug"})

#: The line magics a notebook kernel has by default, which automagic runs
#: without their ``%``: IPython 9.19's own, its default POSIX aliases (``ls``,
#: ``cp``, ...) and ipykernel's (``connect_info``, ``autosave``, ...).
AUTOMAGIC_NAMES = frozenset(
    """
    alias alias_magic autoawait autocall autoindent automagic autosave bookmark cat
    cd clear code_wrap colors conda config connect_info cp cpaste debug dhist dirs
    doctest_mode ed edit env gui hist history killbgscripts ldir less lf lk ll load
    load_ext loadpy logoff logon logstart logstate logstop ls lsmagic lx macro magic
    mamba man matplotlib micromamba mkdir more mv notebook page paste pastebin pdb pdef
    pdoc pfile pinfo pinfo2 pip popd pprint precision prun psearch psource pushd pwd
    pycat pylab qtconsole quickref recall rehashx reload_ext rep rerun reset
    reset_selective rm rmdir run save sc set_env sx system tb time timeit unalias
    unload_ext uv who who_ls whos xdel xmode
    """.split()  # noqa: SIM905 (a word list, read as one)
)

#: IPython's escapes at the start of a logical line, and their two-character forms.
_ESCAPE_SINGLES = frozenset("!?%,;/")
_ESCAPE_DOUBLES = frozenset({"!!", "??"})
#: What a token transform needs (cheap tests, before tokenizing): an escape
#: starting a line, `= %` or `= !`, a `?` ending a line.
_ESCAPE_STARTS_LINE = re.compile(r"^[ \t\f]*[!?%,;/]", re.MULTILINE)
_ESCAPE_ASSIGNED = re.compile(r"=(?:[ \t\f]|\\\r?\n)*[%!]")
_QUESTION_ENDS_LINE = re.compile(r"\?[ \t\f]*\\?$", re.MULTILINE)
_HELP_END = re.compile(
    r"""(%{0,2}
    (?!\d)[\w*]+            # a name
    (\.(?!\d)[\w*]+|\[-?[0-9]+\])*  # .attributes or [0] (literal integers only)
    )
    (\?\??)$                # ? or ??
    """,
    re.VERBOSE,
)
_CELL_MAGIC_HELP = re.compile(r"%%\w+\?")  # `%%time?` asks for help: no cell magic
#: IPython's split of a line into leading space, escape, "function part" and the rest.
_LINE_SPLIT = re.compile(r"^(\s*)([,;/%]|!!?|\?\??)?\s*(%{0,2}[\w\.\*]*)(.*?$|$)")
#: textwrap.dedent's patterns (IPython removes the common indent with it).
_WHITESPACE_ONLY = re.compile(r"^[ \t]+$")
_LEADING_WHITESPACE = re.compile(r"^([ \t]*)[^ \t\n]")
#: IPython's prompts (a pasted session): ``In [1]: ``/``...: `` and doctest's.
_IPYTHON_PROMPT = re.compile(r"^(((\[nav\]|\[ins\])?\ )?In\ \[\d+\]:\ |\s*\.{3,}:\ ?)")
_DOCTEST_FIRST = re.compile(r"^\s*>>>")
_DOCTEST_PS1 = re.compile(r"^\s*>>>[ \t]?")
_DOCTEST_PS2 = re.compile(r"^\s*\.\.\.[ \t]?")
_TRIPLE_QUOTE = re.compile(r"(?<!\\)(\"\"\"|\'\'\')")
_STRING_PREFIX = re.compile(r"(?i)^[rubf]*$")
#: IPython gives up after this many token transforms of one cell.
_TRANSFORM_LOOP_LIMIT = 500


@dataclass
class _Line:
    text: str  # ends with "\n"
    #: Columns of the cell's line removed from the start of ``text``.
    offset: int = 0
    #: False for a line IPython does not have: a leading blank line it drops, or
    #: one it joined into the line before (both blank here).
    kept: bool = True


class Namespace:
    """The names the notebook's earlier cells bound, which shadow automagic
    (IPython reads ``ls -l`` as ``%ls -l`` unless ``ls`` is a variable). Found
    lazily: only a one-line cell starting with a magic's name asks."""

    def __init__(self) -> None:
        self._cells: list[str] = []
        self._names: set[str] = set()
        self._read = 0

    def add_cell(self, python: str) -> None:
        self._cells.append(python)

    def binds(self, name: str) -> bool:
        while self._read < len(self._cells):
            self._names |= module_bindings(self._cells[self._read])
            self._read += 1
        return name in self._names


_OWN_SCOPES = (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def module_bindings(python: str) -> set[str]:
    """The module-level names a cell binds (assignments, imports, definitions,
    loop and ``with`` targets); none if it does not parse (it would not run)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(python)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    names: set[str] = set()
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            names.update(
                n for sub in ast.walk(node) if isinstance(sub, ast.Global) for n in sub.names
            )
            continue
        if isinstance(
            node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
        ):
            continue  # their own scopes
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        stack.extend(ast.iter_child_nodes(node))
    names.discard("*")
    return names


def python_of_cell(source: str, namespace: Optional[Namespace] = None) -> list[tuple[str, int]]:
    """The Python IPython runs for ``source``, one (text, columns removed)
    pair per line of the cell (lines as Python splits them)."""
    texts = python_lines(source)
    blank = _leading_blank_lines(texts)
    if _is_plain_python(texts[blank:]):  # the common case, at a fraction of the cost
        return [("" if i < blank or _is_blank(text) else text, 0) for i, text in enumerate(texts)]
    lines = _transform(texts, namespace or Namespace())
    return [(line.text[:-1], line.offset) for line in lines]


def ipython_text(source: str, namespace: Optional[Namespace] = None) -> str:
    """The cell as IPython's ``transform_cell`` gives it (the lines IPython
    drops or joins left out), for comparing with IPython."""
    lines = transform_cell(source, namespace or Namespace())
    return "".join(line.text for line in lines if line.kept)


def transform_cell(source: str, namespace: Namespace) -> list[_Line]:
    return _transform(python_lines(source), namespace)


def _transform(texts: list[str], namespace: Namespace) -> list[_Line]:
    lines = [_Line(text + "\n") for text in texts]
    if not lines:
        return lines
    _drop_leading_empty_lines(lines)
    _dedent(lines)
    first = next((i for i, line in enumerate(lines) if line.kept), None)
    if first is not None:
        _strip_doctest_prompts(lines[first:])
        _strip_ipython_prompts(lines[first:])
        if lines[first].text.startswith("%%") and not _CELL_MAGIC_HELP.match(lines[first].text):
            _cell_magic(lines, first, namespace)
            return lines
    _token_transforms(lines)
    _automagic(lines, namespace)
    return lines


def _leading_blank_lines(texts: list[str]) -> int:
    blank = 0
    while blank < len(texts) and (not texts[blank] or texts[blank].isspace()):
        blank += 1
    return blank


def _is_blank(text: str) -> bool:
    """A line of spaces and tabs (dedent empties it)."""
    return bool(text) and not text.strip(" \t")


def _is_plain_python(rest: list[str]) -> bool:
    """Whether IPython leaves a cell (from its first line that is not blank) as
    it is but for its blank lines: two lines or more (no automagic), one that
    starts at column 0 (no common indent), no cell magic, no prompt, nothing a
    token transform needs."""
    if len(rest) < 2 or rest[0].startswith("%%"):
        return False
    if not any(text[0] not in " \t" for text in rest if text and not _is_blank(text)):
        return False
    if _IPYTHON_PROMPT.match(rest[0]) or _IPYTHON_PROMPT.match(rest[1]):
        return False
    text = "\n".join(rest)
    return ">>>" not in text and not _may_be_special(text)


def _may_be_special(text: str) -> bool:
    """Whether a token transform may apply (before tokenizing, which costs)."""
    return bool(
        _ESCAPE_STARTS_LINE.search(text)
        or (("%" in text or "!" in text) and _ESCAPE_ASSIGNED.search(text))
        or ("?" in text and _QUESTION_ENDS_LINE.search(text))
    )


# ------------------------------------------------------------------ cleanup


def _drop_leading_empty_lines(lines: list[_Line]) -> None:
    blank = 0
    while blank < len(lines) and lines[blank].text.isspace():
        blank += 1
    if blank == len(lines):  # IPython keeps a cell of blank lines as it is
        return
    for line in lines[:blank]:
        line.text, line.kept = "\n", False


def _strip(line: _Line, prompt: re.Pattern[str]) -> bool:
    match = prompt.match(line.text)
    if match is None:
        return False
    line.text, line.offset = line.text[match.end() :], line.offset + match.end()
    return True


def _strip_ipython_prompts(lines: list[_Line]) -> None:
    """``In [3]: `` and ``...: `` prompts, when the first line has one or the second."""
    if _IPYTHON_PROMPT.match(lines[0].text) or (
        len(lines) > 1 and _IPYTHON_PROMPT.match(lines[1].text)
    ):
        for line in lines:
            _strip(line, _IPYTHON_PROMPT)


def _strip_doctest_prompts(lines: list[_Line]) -> None:
    """``>>> `` and ``... `` prompts, when a line outside a triple-quoted string
    has ``>>>``; each run of lines where prompts were removed is then dedented."""
    if not any(_DOCTEST_FIRST.match(line.text) for line in lines):
        return
    in_string = _triple_quote_mask([line.text for line in lines])
    if not any(
        not inside and _DOCTEST_FIRST.match(line.text) for line, inside in zip(lines, in_string)
    ):
        return
    stripped = [
        not inside and (_strip(line, _DOCTEST_PS1) or _strip(line, _DOCTEST_PS2))
        for line, inside in zip(lines, in_string)
    ]
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and in_string[end] == in_string[start]:
            end += 1
        if not in_string[start] and any(stripped[start:end]):
            _dedent(lines[start:end])
        start = end


def _triple_quote_mask(texts: list[str]) -> list[bool]:
    """Whether each line is inside a triple-quoted string whose prompts are kept
    (IPython's heuristic for a doctest pasted into a string)."""
    mask: list[bool] = []
    quote: Optional[str] = None
    keep_prompts = False
    seen_prompt = False
    for text in texts:
        mask.append(quote is not None and keep_prompts)
        for match in _TRIPLE_QUOTE.finditer(text):
            if quote is None:
                quote = match.group(1)
                before = text[: match.start()]
                bare = _DOCTEST_PS2.sub("", _DOCTEST_PS1.sub("", before, count=1), count=1)
                prompted = bare != before and seen_prompt
                keep_prompts = not prompted and bool(_STRING_PREFIX.match(bare.strip()))
                mask[-1] = keep_prompts
            elif quote == match.group(1):
                quote, keep_prompts = None, False
        seen_prompt = seen_prompt or bool(_DOCTEST_FIRST.match(text))
    return mask


def _dedent(lines: list[_Line]) -> None:
    """textwrap.dedent over the kept lines, each line's removed columns recorded."""
    margin: Optional[str] = None
    for line in lines:
        body = line.text[:-1]
        if _WHITESPACE_ONLY.match(body):
            continue
        match = _LEADING_WHITESPACE.match(line.text)
        if match is None:
            continue
        indent = match.group(1)
        if margin is None or margin.startswith(indent):
            margin = indent
        elif not indent.startswith(margin):
            margin = margin[: next(i for i, (x, y) in enumerate(zip(margin, indent)) if x != y)]
    for line in lines:
        body = line.text[:-1]
        if _WHITESPACE_ONLY.match(body):
            line.text = "\n"  # (a blank line has no column to map)
        elif margin and line.text.startswith(margin):
            line.text, line.offset = line.text[len(margin) :], line.offset + len(margin)


def _cell_magic(lines: list[_Line], first: int, namespace: Namespace) -> None:
    """A cell starting with ``%%name``: its body rewritten as a cell of its own
    when the magic runs it as Python in the notebook, else nothing."""
    name, _, argument = lines[first].text[2:].rstrip().partition(" ")
    body = lines[first + 1 :]
    lines[first].text, lines[first].kept = "\n", False
    runs_body = name in PYTHON_BODY_CELL_MAGICS and not (name == "time" and argument)
    if not runs_body:
        for line in body:
            line.text, line.kept = "\n", False
        return
    rewritten = transform_cell("".join(line.text for line in body), namespace)
    for line, new in zip(body, rewritten):
        line.text, line.kept, line.offset = new.text, new.kept, line.offset + new.offset


# ---------------------------------------------------------- token transforms


def _token_transforms(lines: list[_Line]) -> None:
    """IPython's token transforms, on the lines IPython has (a line joined into
    the one before leaves the list it tokenizes, and is left blank here)."""
    view = [line for line in lines if line.kept]
    if not _may_be_special("".join(line.text for line in view)):
        return
    for _ in range(_TRANSFORM_LOOP_LIMIT):
        if not _one_token_transform(view):
            return


@dataclass
class _Found:
    """Special syntax found in the tokens, and how to rewrite it."""

    line: int  # 0-based
    column: int
    #: Rewrites the lines: -> (the last line replaced, the new line).
    rewrite: Callable[[list[_Line], _Found], tuple[int, str]]
    #: Lower first, for syntax found at the same place (``%magic?`` is help).
    priority: int = 10
    #: The line of the ``?`` of ``obj?``.
    last: int = 0


def _one_token_transform(lines: list[_Line]) -> bool:
    """Rewrite the first special syntax in the cell; False when there is none."""
    logical = _tokens_by_line([line.text for line in lines])
    found = [f for finder in _FINDERS if (f := finder(logical)) is not None]
    for candidate in sorted(found, key=lambda f: (f.line, f.column, f.priority)):
        try:
            end, new = candidate.rewrite(lines, candidate)
        except SyntaxError:
            continue
        start = candidate.line
        lines[start].text = new
        for line in lines[start + 1 : end + 1]:
            line.text, line.kept, line.offset = "\n", False, 0
        del lines[start + 1 : end + 1]
        return True
    return False


def _tokens_by_line(texts: Sequence[str]) -> list[list[tokenize.TokenInfo]]:
    """The cell's tokens grouped by logical line (IPython's make_tokens_by_line):
    a group ends at a NEWLINE, or at an NL outside brackets."""
    groups: list[list[tokenize.TokenInfo]] = [[]]
    depth = 0
    for token in _tokens(texts):
        groups[-1].append(token)
        if token.type == tokenize.NEWLINE or (token.type == tokenize.NL and depth <= 0):
            groups.append([])
        elif token.type == tokenize.OP and token.string in "([{":
            depth += 1
        elif token.type == tokenize.OP and token.string in ")]}" and depth > 0:
            depth -= 1
    if not groups[-1]:
        groups.pop()
    return groups


#: Tokenizer errors after which IPython adds an empty ERRORTOKEN (its tokenutil).
_CAUGHT_ERRORS = (
    "unterminated string literal",
    "invalid non-printable character",
    "after line continuation character",
    "invalid decimal literal",
    "invalid binary literal",
    "invalid octal literal",
    "invalid hexadecimal literal",
    "in binary literal",
    "in octal literal",
    "expected EOF",
)


def _tokens(texts: Sequence[str]) -> list[tokenize.TokenInfo]:
    """Python's tokens of the lines, up to the first tokenizer error (IPython
    stops there too: what follows is left as it is)."""
    tokens: list[tokenize.TokenInfo] = []
    with warnings.catch_warnings():  # Python 3.12's SyntaxWarnings ("\\d") are not ours
        warnings.simplefilter("ignore")
        try:
            for token in tokenize.generate_tokens(io.StringIO("".join(texts)).readline):
                tokens.append(token)
        except tokenize.TokenError as e:
            if any(error in str(e.args[0]) for error in _CAUGHT_ERRORS):
                # (IPython's own position for it: line and end line)
                where = (tokens[-1].start[0], tokens[-1].end[0]) if tokens else (1, 0)
                tokens.append(tokenize.TokenInfo(tokenize.ERRORTOKEN, "", where, where, ""))
        except Exception:  # an unindent that matches no level; on 3.12+, a NUL (SystemError)
            pass
    return tokens


def _first_assignment(group: Sequence[tokenize.TokenInfo]) -> Optional[int]:
    """Index of the first ``=`` outside brackets in a logical line."""
    depth = 0
    for i, token in enumerate(group):
        if token.string == "=" and depth == 0:
            return i
        if token.string in ("(", "[", "{"):
            depth += 1
        elif token.string in (")", "]", "}") and depth > 0:
            depth -= 1
    return None


def _continued_line(lines: list[_Line], found: _Found) -> tuple[int, str]:
    """From where ``found`` starts to the end of its backslash-continued line:
    (its last line, its pieces joined with spaces)."""
    end = found.line
    while end < len(lines) and lines[end].text.endswith("\\\n"):
        end += 1
    end = min(end, len(lines) - 1)
    parts = [lines[found.line].text[found.column :]]
    parts += [line.text for line in lines[found.line + 1 : end + 1]]
    return end, " ".join([p.rstrip()[:-1] for p in parts[:-1]] + [parts[-1].rstrip()])


def _prefix(lines: list[_Line], found: _Found) -> str:
    return lines[found.line].text[: found.column]


def _find_magic_assign(groups: list[list[tokenize.TokenInfo]]) -> Optional[_Found]:
    """``x = %magic args``."""
    for group in groups:
        i = _first_assignment(group)
        if (
            i is not None
            and len(group) > i + 2
            and group[i + 1].string == "%"
            and group[i + 2].type == tokenize.NAME
        ):
            line, column = group[i + 1].start
            return _Found(line - 1, column, _rewrite_magic_assign)
    return None


def _rewrite_magic_assign(lines: list[_Line], found: _Found) -> tuple[int, str]:
    end, rhs = _continued_line(lines, found)
    name, _, args = rhs[1:].partition(" ")
    return end, f"{_prefix(lines, found)}get_ipython().run_line_magic({name!r}, {args!r})\n"


def _find_system_assign(groups: list[list[tokenize.TokenInfo]]) -> Optional[_Found]:
    """``x = !command`` (``!`` is an operator token from Python 3.12 on, an
    error token before)."""
    for group in groups:
        i = _first_assignment(group)
        if i is None or group[i].line.strip().startswith("=") or len(group) < i + 2:
            continue
        if sys.version_info >= (3, 12):
            bang = group[i + 1] if group[i + 1].type == tokenize.OP else None
        else:
            j = i + 1
            while j < len(group) and group[j].type == tokenize.ERRORTOKEN:
                if group[j].string == "!" or not group[j].string.isspace():
                    break
                j += 1
            bang = group[j] if j < len(group) and group[j].type == tokenize.ERRORTOKEN else None
        if bang is not None and bang.string == "!":
            return _Found(bang.start[0] - 1, bang.start[1], _rewrite_system_assign)
    return None


def _rewrite_system_assign(lines: list[_Line], found: _Found) -> tuple[int, str]:
    end, rhs = _continued_line(lines, found)
    return end, f"{_prefix(lines, found)}get_ipython().getoutput({rhs[1:]!r})\n"


def _find_escaped_command(groups: list[list[tokenize.TokenInfo]]) -> Optional[_Found]:
    """``%magic``, ``!command``, ``!!command``, ``?obj``, ``/f a``, ``,f a``,
    ``;f a`` at the start of a logical line."""
    for group in groups:
        first = next((t for t in group if t.type not in (tokenize.INDENT, tokenize.DEDENT)), None)
        if first is not None and first.string in _ESCAPE_SINGLES:
            return _Found(first.start[0] - 1, first.start[1], _rewrite_escaped_command)
    return None


def _rewrite_escaped_command(lines: list[_Line], found: _Found) -> tuple[int, str]:
    end, text = _continued_line(lines, found)
    escape = text[:2] if text[:2] in _ESCAPE_DOUBLES else text[:1]
    translate = _ESCAPES.get(escape)  # (a token's column can be off on Python 3.12+)
    call = translate(text[len(escape) :]) if translate is not None else ""
    return end, _prefix(lines, found) + call + "\n"


def _find_help_end(groups: list[list[tokenize.TokenInfo]]) -> Optional[_Found]:
    """``obj?`` and ``obj.attr??``: the whole logical line becomes a help call."""
    for group in groups:
        if len(group) > 2 and group[-2].string == "?":
            first = next(t for t in group if t.type not in (tokenize.INDENT, tokenize.DEDENT))
            line, column = first.start
            return _Found(line - 1, column, _rewrite_help_end, 5, group[-2].start[0] - 1)
    return None


def _rewrite_help_end(lines: list[_Line], found: _Found) -> tuple[int, str]:
    piece = "".join(line.text for line in lines[found.line : found.last + 1])
    match = _HELP_END.search(piece[found.column :])
    if match is None:
        raise SyntaxError(piece)
    return found.last, piece[: found.column] + _help_call(match.group(1), match.group(3)) + "\n"


_FINDERS = (_find_magic_assign, _find_system_assign, _find_escaped_command, _find_help_end)


# ------------------------------------------------------------------- escapes


def _help_call(target: str, escape: str) -> str:
    method = "pinfo2" if escape == "??" else "psearch" if "*" in target else "pinfo"
    return f"get_ipython().run_line_magic({method!r}, {target!r})"


def _help(content: str, escape: str) -> str:
    return "get_ipython().show_usage()" if not content else _help_call(content, escape)


def _magic(content: str) -> str:
    name, _, args = content.partition(" ")
    return f"get_ipython().run_line_magic({name!r}, {args!r})"


def _quote(content: str) -> str:
    name, _, args = content.partition(" ")
    return '{}("{}")'.format(name, '", "'.join(args.split()))


def _quote_whole(content: str) -> str:
    name, _, args = content.partition(" ")
    return f'{name}("{args}")'


def _paren(content: str) -> str:
    name, _, args = content.partition(" ")
    if not name:
        raise SyntaxError('"/" must be followed by a callable name')
    return "{}({})".format(name, ", ".join(args.split()))


_ESCAPES: dict[str, Callable[[str], str]] = {
    "!": lambda content: f"get_ipython().system({content!r})",
    "!!": lambda content: f"get_ipython().getoutput({content!r})",
    "?": lambda content: _help(content, "?"),
    "??": lambda content: _help(content, "??"),
    "%": _magic,
    ",": _quote,
    ";": _quote_whole,
    "/": _paren,
}


# ----------------------------------------------------------------- automagic


def _automagic(lines: list[_Line], namespace: Namespace) -> None:
    """IPython's prefilter of a cell that is one line after the rewriting
    above: ``name args`` where ``name`` is a line magic runs the magic, unless
    ``name`` is assigned (``ls = 1``, ``ls, x = ...``) or is a variable of the
    notebook, a builtin or a keyword."""
    kept = [i for i, line in enumerate(lines) if line.kept]
    if len("".join(lines[i].text for i in kept).splitlines()) != 1 or len(kept) != 1:
        return
    line = lines[kept[0]]
    text = line.text[:-1]
    if not text.strip():
        return
    match = _LINE_SPLIT.match(text)
    if match is None:
        return
    pre, _escape, function, rest = match.groups()
    rest = rest.lstrip()
    if rest[:1] in ("=", ","):
        return
    if function not in AUTOMAGIC_NAMES or _shadowed(function, namespace):
        return
    name, _, args = f"{function} {rest}".partition(" ")
    line.text = f"{pre}get_ipython().run_line_magic({name.lstrip('%')!r}, {args!r})\n"


def _shadowed(name: str, namespace: Namespace) -> bool:
    import builtins
    import keyword

    return keyword.iskeyword(name) or hasattr(builtins, name) or namespace.binds(name)
