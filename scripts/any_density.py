"""How much of the harness is typed ``Any``: occurrences of ``Any`` in code per 1 000 non-blank lines.

Counts the name ``Any`` where Python reads it (tokens, not comments or docstrings) and in
string annotations (``"dict[str, Any]"``), per package of ``src/conformance`` except the
areas and the reference implementation (the core), and per area (the vendored validators
left out), per 1 000 non-blank lines. The two totals, ``core`` and ``areas``, are what
tests/house/test_types.py holds, so the density does not grow back.

    python scripts/any_density.py            # the table
    python scripts/any_density.py --max 17   # exit 1 when the core's density is above 17
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src" / "conformance"
#: packages that are not the core: the areas (plug-ins, edited elsewhere) and the reference app
NOT_CORE = ("areas", "reference")
#: folders of the areas that are not the areas' code: validators vendored as they ship
NOT_AREAS = ("_vendor",)
_ANY = re.compile(r"\bAny\b")
#: tokens after which a string starts a statement: a docstring or a bare string, not code
_STATEMENT_START = {tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING,
                    tokenize.COMMENT}


@dataclass
class Count:
    files: int = 0
    #: non-blank lines
    lines: int = 0
    anys: int = 0

    @property
    def density(self) -> float:
        """``Any`` per 1 000 non-blank lines."""
        return 1000 * self.anys / self.lines if self.lines else 0.0


def count_any(source: str) -> int:
    """``Any`` in the code of one module: names, and string annotations; not comments or docstrings."""
    if "Any" not in source:  # nothing to count: the tokenizer's walk is most of the script's time
        return 0
    found = 0
    previous = tokenize.ENCODING
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NAME and token.string == "Any":
            found += 1
        elif token.type == tokenize.STRING and previous not in _STATEMENT_START:
            found += len(_ANY.findall(token.string))
        if token.type not in (tokenize.NL, tokenize.COMMENT):
            previous = token.type
    return found


def core_modules(root: Path = ROOT) -> Iterator[tuple[str, Path]]:
    """(package, path) of every module of the core; the package's top-level modules count as ``(top)``."""
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if parts[0] in NOT_CORE:
            continue
        yield (parts[0] if len(parts) > 1 else "(top)"), path


def area_modules(root: Path = ROOT) -> Iterator[tuple[str, Path]]:
    """(``areas/<area>``, path) of every module of the areas, the vendored validators left out."""
    for path in sorted((root / "areas").rglob("*.py")):
        parts = path.relative_to(root / "areas").parts
        if any(part in NOT_AREAS for part in parts):
            continue
        yield f"areas/{parts[0] if len(parts) > 1 else '(top)'}", path


def non_blank(source: str) -> int:
    return sum(1 for line in source.splitlines() if line.strip())


def measure(root: Path = ROOT) -> dict[str, Count]:
    """Counts per package and per area, the core's total under ``"core"`` and the areas'
    under ``"areas"``."""
    counts: dict[str, Count] = {}
    totals = {"core": Count(), "areas": Count()}
    for whole, modules in (("core", core_modules(root)), ("areas", area_modules(root))):
        for package, path in modules:
            source = path.read_text(encoding="utf-8")
            count = counts.setdefault(package, Count())
            for each in (count, totals[whole]):
                each.files += 1
                each.lines += non_blank(source)
                each.anys += count_any(source)
    counts.update(totals)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=float, help="exit 1 when the core's Any per 1 000 lines is above this")
    args = parser.parse_args(argv)
    counts = measure()
    print(f"{'package':<16}{'files':>6}{'lines':>8}{'Any':>6}{'per 1000':>10}")
    for package, count in counts.items():
        if package == "core":
            print("-" * 46)
        print(f"{package:<16}{count.files:>6}{count.lines:>8}{count.anys:>6}{count.density:>10.1f}")
    core = counts["core"].density
    if args.max is not None and core > args.max:
        print(f"the core has {core:.1f} Any per 1 000 lines, more than {args.max:g}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
