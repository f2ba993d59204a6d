"""HTML view: one self-contained file (inline CSS, one inline script allowed by its hash in
the page's Content-Security-Policy, no external assets), everything escaped.

The page reads from the top: a verdict banner (overall and per profile, with a link to the
first failing requirement's evidence), what was tested under which terms (product, plan,
catalog digest, harness, environment, targets, the redacted manifest, changed parameters,
the SHA-256 of every input), then profiles, then requirements failing first, each with its
evidence rendered for reading (HTTP exchanges as request/response panels, findings with the
JSON pointer highlighted in the body it points into).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import re
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2
import jinja2.bccache
import orjson

from .._catalog.model import Report, RequirementResult
from .._record.grouping import by_input, input_of
from ..messages import localize
from .charts import report_charts, series_chart
from .labels import view_labels
from .measurements import label as measurement_label
from .measurements import measurement_line
from .stopped import why_incomplete
from .unicode import SURROGATE

if TYPE_CHECKING:
    from .._catalog.catalog import Catalog

#: The order of requirements on the page: what needs the reader's attention first.
ORDER = ("fail", "error", "inconclusive", "not_applicable", "pass")


@cache
def _script() -> str:
    return files("conformance").joinpath("templates", "report.js").read_text(encoding="utf-8")


class _PrivateBytecodeCache(jinja2.FileSystemBytecodeCache):
    """The compiled page template kept between processes: compiling it costs about 0.1 s of
    CPU, more than rendering it (bench/one_file.py). Jinja2's own per-user folder under the
    temporary directory (mode 0700, its owner checked: a cache holds code, so never the
    catalog cache's folder, which may be shared); a cache entry is used only when the
    template's source checksum and the Python and Jinja2 versions match. A cache that
    cannot be read or written is no cache."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError):  # unreadable or truncated: compile
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """The template cache, or None where caches are off (``CONFORMANCE_CACHE_DIR=off``, as the
    catalog's) or no private folder can be made."""
    from .._catalog.cache import cache_dir

    if cache_dir() is None:
        return None
    try:
        return _PrivateBytecodeCache()
    except (OSError, RuntimeError):  # jinja2 refuses a folder it does not own alone
        return None


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("conformance", "templates"),
        autoescape=True,  # all target-supplied text is escaped, whatever the file name
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["pretty"] = lambda value: orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    env.filters["by_input"] = by_input
    env.filters["anchor"] = anchor
    env.filters["failing_inputs"] = failing_inputs
    env.filters["body_lines"] = body_lines
    env.filters["where"] = target_where
    env.filters["verdict_for"] = RequirementResult.verdict_for
    env.filters["budget_parts"] = budget_parts
    env.filters["budget_words"] = budget_words
    return env


#: The summary line that links a requirement to the evidence of each input it fails on.
FAILING_INPUTS = {"en": "Failing inputs", "zh": "未通过的输入"}


def anchor(requirement: str, input_name: str) -> str:
    """A stable fragment ID for one input's evidence under one requirement (any file name,
    however long or odd, gives a short ID that is valid in HTML)."""
    digest = hashlib.sha256(f"{requirement}\0{input_name}".encode()).hexdigest()[:12]
    return f"ev-{requirement}-{digest}"


def failing_inputs(evidence: list[dict[str, object]]) -> list[str]:
    """The inputs that hold a finding, in the order the evidence shows them."""
    seen: dict[str, None] = {}
    for item in evidence:
        if item.get("kind") == "finding" and input_of(item):
            seen.setdefault(input_of(item))
    return list(seen)


def requirement_areas(report: Report, catalog: Catalog | None = None) -> dict[str, str]:
    """Requirement ID -> its area, for the requirements of ``report``, as ``catalog`` (default:
    the installed one) says: the requirement's own, else that of the catalog's requirements
    whose IDs start as its ID does (a requirement the catalog no longer has), else the ID's
    first part in lower case (a report of a catalog not installed here)."""
    if catalog is None:
        from .._catalog.catalog import load_catalog
        from ..errors import CatalogError

        try:
            catalog = load_catalog(lazy=True)
        except CatalogError:  # a broken plug-in catalog does not keep the report from being read
            catalog = None
    known = catalog.requirements if catalog is not None else {}
    found: dict[str, str] = {}
    by_prefix: dict[str, str] | None = None
    for result in report.requirements:
        requirement = known.get(result.requirement)
        if requirement is not None:
            found[result.requirement] = requirement.area
            continue
        if by_prefix is None:
            by_prefix = _areas_by_prefix(known)
        prefix = _prefix(result.requirement)
        found[result.requirement] = by_prefix.get(prefix, prefix.lower())
    return found


def _prefix(requirement_id: str) -> str:
    return requirement_id.split("-", 1)[0]


def _areas_by_prefix(requirements: Mapping[str, Any]) -> dict[str, str]:
    """ID prefix -> area, for the prefixes all of whose requirements are of one area."""
    areas: dict[str, set[str]] = {}
    for requirement in requirements.values():
        areas.setdefault(_prefix(requirement.id), set()).add(requirement.area)
    return {prefix: next(iter(names)) for prefix, names in areas.items() if len(names) == 1}


def overall(report: Report) -> str:
    """One outcome for the whole run: not conformant if any profile is, conformant if all
    are (and the run completed), else incomplete."""
    outcomes = {p.outcome.value for p in report.profiles}
    if "not_conformant" in outcomes:
        return "not_conformant"
    if outcomes == {"conformant"} and report.complete:
        return "conformant"
    return "incomplete"


def target_where(target: object) -> str:
    """Where a manifest target points: its base URL, or its paths."""
    if not isinstance(target, dict):
        return str(target)
    if "base_url" in target:
        return str(target["base_url"])
    paths = target.get("paths") or target.get("path") or []
    return ", ".join(str(p) for p in paths) if isinstance(paths, list) else str(paths)


#: the words of a run's time budget as ``_run/runguard.run_budget`` writes them (English, in the
#: report's record), in Chinese: (pattern, replacement), applied in order
_BUDGET_ZH = ((re.compile(r"(\d+) requirements × "), r"\1 项要求 × "),
              (re.compile(r"(\d+) requests × "), r"\1 次请求 × "),
              (re.compile(r"([\d.]+) MiB over the default file size cap"), r"超出默认文件大小上限的 \1 MiB"),
              (re.compile(r"([\d.]+) s\b"), r"\1 秒"))


def budget_words(text: str, lang: str) -> str:
    """A term of the time budget's derivation in ``lang`` (the numbers as recorded)."""
    if lang != "zh":
        return text
    for pattern, words in _BUDGET_ZH:
        text = pattern.sub(words, text)
    return text


def area_titles(lang: str) -> dict[str, str]:
    """Each area's title in ``lang``, as the area describes itself (its name when it does not)."""
    from .._areas import descriptions

    return {area: str(about.get("title", {}).get(lang) or area) for area, about in descriptions().items()}


def budget_parts(basis: str) -> tuple[list[str], str | None]:
    """The terms of a run's time budget (as ``_run/runguard.run_budget`` joins them with " + ")
    and the largest of them, so the report's summary shows one short line and folds the sum
    (a demo's has a term per profile). A term's seconds are the product of its ``N × ``
    factors and its closing ``S s``; a parenthesised note inside a term is its own derivation,
    not a further term. None when no term can be read so (a basis of another form)."""
    terms: list[str] = []
    depth, start = 0, 0
    for at, char in enumerate(basis):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and basis.startswith(" + ", at):
            terms.append(basis[start:at])
            start = at + 3
    terms.append(basis[start:])

    def seconds(term: str) -> float | None:
        bare = re.sub(r"\([^()]*\)", "", term.split(": ", 1)[-1])
        factors = re.findall(r"(\d+(?:\.\d+)?) (?:[a-z]+ )?×|(\d+(?:\.\d+)?) s\s*$", bare.strip())
        if not factors or not factors[-1][1]:
            return None
        product = 1.0
        for count, secs in factors:
            product *= float(count or secs)
        return product

    sized = [(s, t) for t in terms if (s := seconds(t)) is not None]
    return terms, max(sized)[1] if sized else None


def body_lines(body: object, pointers: list[str]) -> list[tuple[str, bool]]:
    """An HTTP body for reading: JSON pretty-printed (each line with whether it lies under
    one of ``pointers``, a finding's place), other text as it came."""
    if body is None:
        return []
    text = body if isinstance(body, str) else None
    try:
        value = json.loads(body) if isinstance(body, str) else body
    except (ValueError, RecursionError):  # not JSON, or nested deeper than a reader follows
        value = None
    if text is not None and (value is None or not _shallow(value)):
        return [(line, False) for line in text.splitlines()] or [("", False)]
    if not _shallow(value):
        return [("… (nested too deeply to show)", False)]
    marks = [p for p in pointers if p is not None]
    return [(text, any(at == p or at.startswith(p + "/") for p in marks if p)) for text, at in _json_lines(value)]


def _shallow(value: object, limit: int = 64) -> bool:
    """Nested no deeper than ``limit`` (a hostile body can be thousands deep)."""
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return True


def _json_lines(value: object, at: str = "", indent: int = 0, key: str = "",
                last: bool = True) -> list[tuple[str, str]]:
    """Pretty JSON, one (line, JSON pointer of the value on it) per line."""
    pad = "  " * indent
    head = f"{pad}{json.dumps(key, ensure_ascii=False)}: " if key else pad
    comma = "" if last else ","
    if isinstance(value, dict) and value:
        lines = [(head + "{", at)]
        items = list(value.items())
        for i, (k, v) in enumerate(items):
            child = f"{at}/{str(k).replace('~', '~0').replace('/', '~1')}"
            lines += _json_lines(v, child, indent + 1, str(k) or '""', i == len(items) - 1)
        return [*lines, (pad + "}" + comma, at)]
    if isinstance(value, list) and value:
        lines = [(head + "[", at)]
        for i, v in enumerate(value):
            lines += _json_lines(v, f"{at}/{i}", indent + 1, "", i == len(value) - 1)
        return [*lines, (pad + "]" + comma, at)]
    return [(head + json.dumps(value, ensure_ascii=False) + comma, at)]


def interop_grid(cells: list[Any]) -> list[tuple[str, list[str], dict[tuple[str, str], object]]]:
    """Per capability: the implementations, and the cell (made at row, used at column)."""
    grids: dict[str, dict[tuple[str, str], object]] = {}
    for cell in cells:
        grids.setdefault(cell.capability, {})[(cell.source, cell.target)] = cell
    result = []
    for capability, grid in grids.items():
        names = sorted({n for pair in grid for n in pair})
        result.append((capability, names, grid))
    return result


def context_for(evidence: list[dict[str, object]], input_name: str) -> dict[str, object] | None:
    """The HTTP exchange whose answer a group of findings is about, when the findings name
    it as "METHOD /path (Accept: type)" and the evidence kept it: its body is the context
    the findings' pointers are shown in."""
    method, _, rest = input_name.partition(" ")
    path, _, accept = rest.partition(" (Accept: ")
    if not path.startswith("/"):
        return None
    accept = accept.rstrip(")")
    for item in evidence:
        request = item.get("request") if item.get("kind") == "http" else None
        if not isinstance(request, dict) or not isinstance(item.get("response"), dict):
            continue
        headers = {str(k).lower(): str(v) for k, v in (request.get("headers") or {}).items()}
        if (request.get("method") == method and urlsplit(str(request.get("url", ""))).path == path
                and (not accept or headers.get("accept", accept) == accept)):
            return item
    return None


def pointers_of(items: list[dict[str, object]]) -> list[str]:
    return [str(i["pointer"]) for i in items if i.get("kind") == "finding" and i.get("pointer")]


def render_html(report: Report, lang: str = "en", catalog: Catalog | None = None) -> bytes:
    """The page; each requirement's area as ``catalog`` (default: the installed one) gives it."""
    template = _environment().get_template("report.html.j2")
    script = _script()
    script_hash = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    requirements = sorted(report.requirements, key=lambda r: ORDER.index(r.verdict.value))
    first = next((r for r in requirements if r.verdict.value in ("fail", "error")), None)
    first_link = None
    if first is not None:
        failing = failing_inputs(first.evidence)
        first_link = anchor(first.requirement, failing[0]) if failing else first.requirement
    t = view_labels(lang)
    areas = requirement_areas(report, catalog)
    page = template.render(
        report=report, lang=lang, t=t, tr=lambda message, text=None: localize(message, text, lang),
        failing_label=FAILING_INPUTS.get(lang, FAILING_INPUTS["en"]),
        overall=overall(report), requirements=requirements, first=first, first_link=first_link,
        why=why_incomplete(report, lang),
        areas=sorted(set(areas.values())), area_of=areas, verdicts=ORDER,
        area_titles=area_titles("zh" if lang == "zh" else "en"),
        pointers_of=pointers_of, context_for=context_for, series_chart=series_chart,
        measured=lambda item: measurement_line(item, lang), measured_label=measurement_label(lang),
        script=script, script_hash=script_hash,
        run_charts=report_charts(report, t), interop=interop_grid(report.interop),
    )
    # A lone surrogate (a file name that is not UTF-8) becomes U+FFFD, as in report.json.
    return SURROGATE.sub("\ufffd", page).encode("utf-8")
