"""Where ``conformance new requirement`` puts a requirement's check and known-bad fixture: in the
shape the area already has, not in files of its own.

An area keeps its checks in one suite module a topic (``suites/<area>/test_<topic>.py``, sharing
helpers) and writes its known-bad fixtures from ``suites/<area>/fixtures/generate.py``. So the
scaffold appends the new check, a marked test function, to the module whose tests already decide
requirements of the new ID's prefix (else of its profile; ``--module`` names another), and, when
the profile reads files, appends a function to ``fixtures/generate.py`` that writes the case's
fixture (called from its ``__main__`` block, so regenerating keeps it) and runs it once. A profile
that reaches the product over HTTP gets a known-bad case whose defect the drafter plants in the
reference implementation (docs/known-bad.md).
"""

from __future__ import annotations

import re
import runpy
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from .._areas import BUILTIN_REFERENCE, REFERENCES_GROUP
from ..errors import HarnessInputError

_IMPORT = re.compile(r"^(from \S+ import .+|import \S+)$")
_FROM_ROOT = re.compile(r"^from conformance import (?P<names>[A-Za-z_, ]+)$")
#: the names the appended check uses from the public root
ROOT_NAMES = ("Evidence", "Targets", "msg")


def function_name(requirement_id: str) -> str:
    return "test_" + requirement_id.lower().replace("-", "_")


def fixture_function(requirement_id: str) -> str:
    return "known_bad_" + requirement_id.lower().replace("-", "_")


def suite_module(area_dir: Path, lock: Mapping[str, list[str]], requirement_id: str, profile_ids: list[str],
                 wanted: str | None) -> Path:
    """The suite module the check goes into: ``wanted`` (``test_hand.py`` or ``hand``), else the
    module deciding most requirements of the ID's prefix, else of the profile's requirements."""
    area = area_dir.name
    if wanted is not None:
        name = wanted if wanted.endswith(".py") else f"test_{wanted.removeprefix('test_')}.py"
        path = area_dir / name
        if not path.is_file():
            known = sorted(p.name for p in area_dir.glob("test_*.py"))
            raise HarnessInputError(f"--module {wanted}", f"no suite module suites/{area}/{name}",
                                    f"one of: {', '.join(known)}" if known else "create the module first")
        return path
    prefix = requirement_id.rsplit("-", 1)[0] + "-"
    for wants in (lambda i: i.startswith(prefix), lambda i: i in profile_ids):
        counts = Counter(node.split("::")[0] for node, ids in lock.items()
                         if node.startswith(f"{area}/") and any(wants(i) for i in ids))
        if counts:
            return area_dir / counts.most_common(1)[0][0].split("/", 1)[1]
    raise HarnessInputError(f"area {area}", "no suite module decides requirements like it yet",
                            "name the module: --module test_<topic>.py")


def with_check(module: Path, requirement_id: str, title: str, template: str, stub_args: str,
               roles: list[str]) -> str:
    """The module's text with the check appended, a stub that fails until its body is written;
    the names it uses imported."""
    text = module.read_text(encoding="utf-8")
    name = function_name(requirement_id)
    if re.search(rf"^def {name}\(", text, re.MULTILINE):
        raise HarnessInputError(str(module), f"already defines {name}", "remove it, or choose another --id")
    text = _with_imports(text)
    role = roles[0] if roles else "<role>"
    check = (
        f"\n\n@pytest.mark.requirement(\"{requirement_id}\")\n"
        f"def {name}(targets: Targets, evidence: Evidence) -> None:\n"
        f'    """{requirement_id}: {title}."""\n'
        f"    # TODO: the check: judge targets[\"{role}\"] and record each finding with\n"
        f"    # evidence.finding(msg(\"{template}\", ...)). A stub never passes: the requirement\n"
        f"    # fails until its check is written.\n"
        f"    evidence.finding(msg(\"{template}\", {stub_args}))\n"
    )
    return text.rstrip("\n") + "\n" + check


def _with_imports(text: str) -> str:
    lines = text.splitlines(keepends=True)
    tops = [i for i, line in enumerate(lines) if _IMPORT.match(line.rstrip("\n"))]
    if not tops:
        raise HarnessInputError("suite module", "has no top-level import to add to", "add the check by hand")
    root = next((i for i in tops if _FROM_ROOT.match(lines[i].rstrip("\n"))), None)
    if root is None:
        lines.insert(tops[-1] + 1, f"from conformance import {', '.join(ROOT_NAMES)}\n")
    else:
        names = {n.strip() for n in _FROM_ROOT.match(lines[root].rstrip("\n"))["names"].split(",")}  # type: ignore[index]
        merged = sorted(names | set(ROOT_NAMES), key=lambda n: (n[0].islower(), n))
        lines[root] = f"from conformance import {', '.join(merged)}\n"
    if not any(line.rstrip("\n") == "import pytest" for line in lines):
        lines.insert(tops[0], "import pytest\n")
    return "".join(lines)


def with_fixture_function(generate: Path, requirement_id: str, role: str) -> str:
    """``fixtures/generate.py`` with a function writing the case's fixture, called from its
    ``__main__`` block: a copy of the reference's first sample of ``role``, cut in half (a file
    most checks refuse), which the drafter turns into the one defect the rule names."""
    text = generate.read_text(encoding="utf-8") if generate.is_file() else _new_generator(generate.parents[1].name)
    name = fixture_function(requirement_id)
    if re.search(rf"^def {name}\(", text, re.MULTILINE):
        raise HarnessInputError(str(generate), f"already defines {name}", "remove it, or choose another --id")
    main = text.rfind('\nif __name__ == "__main__":\n')
    if main < 0:
        raise HarnessInputError(str(generate), "has no `if __name__ == \"__main__\":` block to call the fixture from",
                                "add one")
    folder = requirement_id.lower()
    function = (
        f"\n\ndef {name}() -> Path:\n"
        f'    """{requirement_id}\'s known-bad fixture (known_bad.yaml): the reference\'s first sample of\n'
        f"    {role}, cut in half. TODO: write the sample with the one defect {requirement_id}'s rule\n"
        f'    names instead (a case breaks exactly one rule)."""\n'
        f"    from importlib.metadata import entry_points\n\n"
        f"    # the reference implementation, by the entry point the harness reaches it through\n"
        f"    (builtin,) = entry_points(group=\"{REFERENCES_GROUP}\", name=\"{BUILTIN_REFERENCE}\")\n"
        f"    samples = builtin.load().SAMPLES / \"{role}\"\n"
        f"    sample = sorted(p for p in samples.iterdir() if p.is_file())[0]\n"
        f"    data = sample.read_bytes()\n"
        f"    fixture = Path(__file__).parent / \"{folder}\" / sample.name\n"
        f"    fixture.parent.mkdir(exist_ok=True)\n"
        f"    fixture.write_bytes(data[: len(data) // 2])\n"
        f"    return fixture\n"
    )
    head, tail = text[:main].rstrip("\n") + "\n", text[main:]
    return head + function + "\n" + tail.rstrip("\n").removesuffix("\n    pass") + f"\n    {name}()\n"


def _new_generator(area: str) -> str:
    """An area's first ``fixtures/generate.py`` (its other fixtures are files kept as they are)."""
    return (f'"""Writes known-bad fixtures of the {area} area, deterministically.\n\n'
            f"    python suites/{area}/fixtures/generate.py\n\n"
            "Each function writes one case's fixture (``conformance new requirement`` adds one a requirement);\n"
            '``__main__`` calls each."""\n\n'
            "from __future__ import annotations\n\nfrom pathlib import Path\n\n\n"
            'if __name__ == "__main__":\n    pass\n')


def write_fixture(generate: Path, requirement_id: str) -> Path:
    """Run the new fixture function of ``generate`` (its module loaded, its ``main`` not run),
    its folder first on the import path as ``python generate.py`` has it: a generator imports
    its sibling modules (a fixture table, another generator's helpers) by their names."""
    folder = str(generate.parent)
    sys.path.insert(0, folder)
    try:
        namespace = runpy.run_path(str(generate), run_name="conformance_scaffold")
    finally:
        sys.path.remove(folder)
    written = namespace[fixture_function(requirement_id)]()
    return Path(written)
