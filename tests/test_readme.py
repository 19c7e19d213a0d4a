"""The README's code table and layer list are generated from the registries
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
    from shapelint.catalogue import LAYERS
    from shapelint.catalogue.legacy import CLASS_ALIASES

    families: dict[str, list[str]] = {}
    for name, spec in LAYERS.items():
        families.setdefault(spec.family, []).append(name)
    lines = [f"- **{family}**: {', '.join(sorted(names))}" for family, names in families.items()]
    lines.append(f"- **legacy aliases**: {', '.join(sorted(CLASS_ALIASES))}")
    return "\n".join(lines)


BLOCKS = {"codes": codes_block, "layers": layers_block}


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
