"""The README's code table, layer list and operation list are generated from the registries
(`python tests/test_readme.py --write` rewrites them), so they cannot drift."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
RULES_PAGE = ROOT / "docs" / "rules.md"


def codes_block() -> str:
    from shapelint.codes import CODES
    from shapelint.report.rule_doc import DOCS_PATH, anchor

    lines = [
        "| code | severity | default | meaning | example |",
        "| --- | --- | --- | --- | --- |",
    ]
    for c in CODES.values():
        default = "on" if c.enabled_by_default else "off"
        code = f"[{c.code}]({DOCS_PATH}#{anchor(c)})"
        lines.append(f"| {code} | {c.severity} | {default} | {c.summary} | `{c.example}` |")
    return "\n".join(lines)


def layers_block() -> str:
    from shapelint.catalogue import KERAS_HUB_FAMILY, KERAS_HUB_LAYERS, LAYERS
    from shapelint.catalogue.legacy import CLASS_ALIASES

    families: dict[str, list[str]] = {}
    for name, spec in LAYERS.items():
        families.setdefault(spec.family, []).append(name)
    lines = [f"- **{family}**: {', '.join(sorted(names))}" for family, names in families.items()]
    lines.append(f"- **aliases**: {', '.join(sorted(CLASS_ALIASES))}")
    lines.append(f"- **{KERAS_HUB_FAMILY}**: {', '.join(sorted(KERAS_HUB_LAYERS))}")
    return "\n".join(lines)


#: Python operators as written, by the name of their ``operator`` function.
_OPERATOR_SIGNS = {
    "add": "+", "sub": "-", "mul": "*", "truediv": "/", "floordiv": "//", "mod": "%",
    "pow": "**", "matmul": "@", "lt": "<", "le": "<=", "gt": ">", "ge": ">=", "ne": "!=",
    "and_": "&", "or_": "|", "xor": "^", "neg": "-x", "abs": "abs(x)", "invert": "~",
    "getitem": "x[...]",
}  # fmt: skip


def ops_block() -> str:
    from shapelint.catalogue.ops import OPS, SPELLINGS
    from shapelint.catalogue.ops.base import OpModule
    from shapelint.catalogue.ops.spellings import Namespace

    modules: dict[OpModule, list[str]] = {}
    for name, spec in OPS.items():
        modules.setdefault(spec.module, []).append(name)
    lines = []
    for module, names in modules.items():
        if module is OpModule.TENSORFLOW:
            shown = sorted(
                n.replace("tensorflow.", "tf.").replace("keras.backend.", "K.") for n in names
            )
            lines.append(f"- **TensorFlow's own** ({len(names)}): {', '.join(shown)}")
        else:
            where = (
                "keras.random" if module is OpModule.RANDOM else f"keras/src/ops/{module.value}.py"
            )
            shown = sorted(n.split(".", 1)[-1] if "." in n else n for n in names)
            lines.append(f"- **{module.value}** ({where}, {len(names)}): {', '.join(shown)}")
    counts = {ns: 0 for ns in Namespace}
    for spelling in SPELLINGS.values():
        counts[spelling.namespace] += 1
    signs = [
        _OPERATOR_SIGNS[p.split(".", 1)[1]]
        for p, s in SPELLINGS.items()
        if s.namespace is Namespace.OPERATOR
    ]
    lines.append(
        f"- **spellings** ({len(SPELLINGS)}): `keras.ops` with `keras.ops.numpy`/`nn`/`image` "
        f"({counts[Namespace.KERAS_OPS]}), `keras.random` ({counts[Namespace.KERAS_RANDOM]}), "
        f"`tf.*` with `tf.math`/`tf.nn`/`tf.image`/`tf.linalg` ({counts[Namespace.TENSORFLOW]}), "
        f"`K.*` ({counts[Namespace.BACKEND]}), `keras.activations` "
        f"({counts[Namespace.ACTIVATIONS]}), `x.reshape`/`x.squeeze`, and the operators "
        + " ".join(f"`{sign}`" for sign in signs)
    )
    return "\n".join(lines)


BLOCKS = {"codes": codes_block, "layers": layers_block, "ops": ops_block}


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- {name}:start[^\n]*-->\n)(.*?)(\n<!-- {name}:end -->)", re.S)


def current(name: str) -> str:
    match = _pattern(name).search(README.read_text(encoding="utf-8"))
    assert match, f"README.md has no {name} block"
    return match.group(2)


def test_codes_table_matches_registry() -> None:
    assert current("codes") == codes_block()


def test_layer_list_matches_catalogue() -> None:
    assert current("layers") == layers_block()


def test_operation_list_matches_catalogue() -> None:
    assert current("ops") == ops_block()


def test_rules_page_matches_registry() -> None:
    from shapelint.report.rule_doc import rules_page

    assert RULES_PAGE.read_text(encoding="utf-8") == rules_page()


def test_first_screen_has_the_two_newcomer_commands() -> None:
    first_screen = "\n".join(README.read_text(encoding="utf-8").splitlines()[:20])
    assert "pip install . && shapelint check fixtures/" in first_screen
    assert 'pip install -e ".[test]" && python -m pytest' in first_screen


if __name__ == "__main__" and "--write" in sys.argv:
    text = README.read_text(encoding="utf-8")
    for name, make in BLOCKS.items():
        text = _pattern(name).sub(lambda m, make=make: m.group(1) + make() + m.group(3), text)
    README.write_text(text, encoding="utf-8")
    from shapelint.report.rule_doc import rules_page

    RULES_PAGE.parent.mkdir(exist_ok=True)
    RULES_PAGE.write_text(rules_page(), encoding="utf-8")
    # the codes offered for completion by the schema of [tool.shapelint]
    import json

    from shapelint.codes import CODES

    tool_schema = ROOT / "schemas" / "tool-shapelint.schema.json"
    loaded = json.loads(tool_schema.read_text(encoding="utf-8"))
    loaded["definitions"]["selector"]["examples"] = list(CODES)
    tool_schema.write_text(json.dumps(loaded, indent=2) + "\n", encoding="utf-8")
