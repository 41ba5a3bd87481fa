#!/usr/bin/env python3
"""Write static/vendor/bootstrap/css/bootstrap.purged.min.css: Bootstrap with only the rules
the portal can use. Reproducible, no network, no Node: `scripts/purge_css.py` (or
`make purge-css`) after changing templates; tests/config/test_asset_weight.py fails when a
class used in a template is missing from the purged file.

A rule is kept when every class in one of its selectors (outside `:not(...)`) appears as a word
in the portal's sources: templates, the apps' Python (form widgets name classes there), the
site's JavaScript and the crispy-forms Bootstrap 5 templates. A word ending in "-" before a
template tag (`text-bg-{{ colour }}`) keeps every class it starts. Selectors without classes
(:root, elements), @font-face and @keyframes are kept whole.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "static" / "vendor" / "bootstrap" / "css" / "bootstrap.min.css"
TARGET = ROOT / "static" / "vendor" / "bootstrap" / "css" / "bootstrap.purged.min.css"
APPS = ("accounts", "complaints", "config", "demo", "notices", "reports", "reputation",
        "standards", "surveys")  # fmt: skip
GROUPING = ("@media", "@supports", "@container", "@layer")
WORD = re.compile(r"[A-Za-z0-9_-]+")
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
NOT = re.compile(r":not\([^()]*\)")


def source_files() -> list[Path]:
    files = [*(ROOT / "templates").rglob("*.html"), *(ROOT / "static" / "js").rglob("*.js")]
    for app in APPS:
        files += (ROOT / app).rglob("*.py")
        files += (ROOT / app).rglob("*.html")
    for site in (ROOT / ".venv" / "lib").glob("python*/site-packages"):
        files += (site / "crispy_bootstrap5" / "templates").rglob("*.html")
        files += (site / "django_filters" / "templates").rglob("*.html")
    return sorted(f for f in files if "migrations" not in f.parts)


def used_words(files: list[Path]) -> tuple[set[str], tuple[str, ...]]:
    words: set[str] = set()
    for path in files:
        words.update(WORD.findall(path.read_text(errors="ignore")))
    prefixes = tuple(sorted(w for w in words if w.endswith("-") and len(w) > 2))
    return words, prefixes


def _block_end(css: str, start: int) -> int:
    """Index of the "}" closing the block whose "{" is at css[start - 1]."""
    depth, i = 1, start
    while depth:
        ch = css[i]
        if ch in "'\"":
            i = css.index(ch, i + 1)
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        i += 1
    return i - 1


def purge(css: str, keep: callable) -> str:
    out, i = [], 0
    while i < len(css):
        brace = css.find("{", i)
        if brace == -1:
            out.append(css[i:])
            break
        semicolon = css.find(";", i)
        if css[i] == "@" and -1 < semicolon < brace:  # @charset …; @import …;
            out.append(css[i : semicolon + 1])
            i = semicolon + 1
            continue
        prelude = css[i:brace].strip()
        end = _block_end(css, brace + 1)
        body = css[brace + 1 : end]
        if prelude.startswith(GROUPING):
            inner = purge(body, keep)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            selectors = [s for s in prelude.split(",") if keep(s)]
            if selectors:
                out.append(f"{','.join(selectors)}{{{body}}}")
        i = end + 1
    return "".join(out)


def main() -> int:
    words, prefixes = used_words(source_files())

    def keep(selector: str) -> bool:
        classes = CLASS.findall(NOT.sub("", selector))
        return all(c in words or c.startswith(prefixes) for c in classes)

    css = SOURCE.read_text()
    header = css[: css.index("*/") + 2] if css.startswith("/*") else ""
    purged = purge(css[len(header) :], keep)
    note = "/* Purged by scripts/purge_css.py: only the rules the portal uses. */"
    TARGET.write_text(f"{header}\n{note}\n{purged}\n")
    print(f"{SOURCE.name}: {len(css):,} bytes -> {TARGET.name}: {TARGET.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
