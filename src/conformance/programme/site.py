"""``conformance programme site``: the programme's static site, read from the history.

Pages (self-contained HTML: inline CSS, no script, no fetched resource), in English under
``en/`` and in Chinese under ``zh/``, with ``index.html`` choosing between them:

* the overview, made to be read at a glance on a laptop's screen or a phone's: one row per
  participant (failing and changed ones first) with a compact outcome per area (each
  profile's area is the area most of its requirements belong to, from the catalog) that
  expands to the area's profiles, each with its current outcome and its trend over the
  participant's runs; the interop grid (rows produce, columns consume); and the failure rate
  of each requirement over the participants' latest whole runs, the failing ones listed and
  the ones that never failed folded behind their count;
* one page per participant: every run (the failed and interrupted ones too) with its
  outcomes and a link to its report, and its certificates (revoked ones marked).

Links to reports and certificates are relative, to the programme's run folder (``--runs``),
so the site and the run folder are published together.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, TypedDict


from .._catalog.catalog import Catalog
from .._catalog.model import majority_area
from ..report.html import area_titles
from ..report.labels import LABELS as REPORT_LABELS
from .causes import CONSOLE_FILE, run_cause
from .history import History
from .interop import grid
from .sitepages import Pages
from .spec import Programme
from .templating import templates

LANGS = ("en", "zh")
_RANK = {"conformant": 2, "incomplete": 1, "not_conformant": 0}
LABELS: dict[str, dict[str, str]] = {
    "en": {"overview": "Overview", "participants": "Participants and profiles", "participant": "Participant",
           "trend": "trend", "up": "better than the run before", "down": "worse than the run before",
           "same": "as the run before", "new": "first run", "runs": "runs", "latest": "latest run",
           "interop": "Interoperability grid", "interop_note": "Rows produce (first platform), columns consume "
           "(second platform); each cell links to its run's report.", "no_pairs": "No interop pair has run.",
           "rates": "Requirement failure rates", "rates_note": "Over each participant's latest whole run; "
           "a high rate is the drafters' signal that a requirement may be unclear or too strict.",
           "requirement": "Requirement", "failed": "failed", "judged": "judged", "rate": "rate",
           "history": "Run history", "run": "Run", "started": "Started", "status": "Status", "kind": "Kind",
           "outcomes": "Outcomes",
           "failed_requirements": "Failed requirements", "report": "Report", "certificates": "Certificates",
           "no_certificates":
           "No certificate issued.", "certificate": "Certificate", "valid_until": "Valid until",
           "revoked": "revoked",
           "certificate_revoked": "certificate revoked", "valid": "issued",
           "certificate_suspended": "certificate suspended", "suspended_since": "suspended since", "run_word": "run",
           "page": "page", "other_lang": "中文",
           "generated":
           "Generated from the programme's history", "not_run": "not run", "partner_with": "with",
           "areas": "Outcome per area", "areas_note": "Participants with a failing or changed "
           "outcome first; open an area for its profiles.", "other_area": "other", "of_conformant": "conformant",
           "never_failed": "requirements never failed", "never_failed_1": "requirement never failed",
           "none_failed": "No requirement failed.", "kind:participant": "own run", "kind:pair": "interop pair"},
    "zh": {"overview": "概览", "participants": "参与方与配置文件", "participant": "参与方",
           "trend": "趋势", "up": "较上次运行改善", "down": "较上次运行变差", "same": "与上次运行相同",
           "new": "首次运行", "runs": "运行次数", "latest": "最近一次运行",
           "interop": "互操作矩阵",
           "interop_note": "行为产出方（第一平台），列为使用方（第二平台）；每个单元格链接到该次运行的报告。",
           "no_pairs": "尚无互操作配对运行。",
           "rates": "各要求的不通过率",
           "rates_note": "基于每个参与方最近一次完整运行；不通过率高提示起草者该要求可能不清晰或过严。",
           "requirement": "要求", "failed": "不通过", "judged": "已判定", "rate": "比率",
           "history": "运行历史", "run": "运行", "started": "开始时间", "status": "状态", "kind": "类型",
           "outcomes": "结论",
           "failed_requirements": "不通过的要求", "report": "报告", "certificates": "证书",
           "no_certificates": "尚未签发证书。",
           "certificate": "证书", "valid_until": "有效期至", "revoked": "已吊销",
           "certificate_revoked": "证书已吊销", "valid": "已签发",
           "certificate_suspended": "证书已暂停", "suspended_since": "暂停自", "run_word": "运行",
           "page": "页面", "other_lang": "English", "generated": "由项目历史记录生成", "not_run": "未运行",
           "partner_with": "对",
           "areas": "各领域结论",
           "areas_note": "结论不符合或有变化的参与方排在前面；展开领域可查看其配置文件。",
           "other_area": "其他", "of_conformant": "符合",
           "never_failed": "项要求从未不通过", "never_failed_1": "项要求从未不通过",
           "none_failed": "没有不通过的要求。", "kind:participant": "自身运行", "kind:pair": "互操作配对"},
}
_STATUS_ZH = {"finished": "已完成", "bad-input": "输入有误", "incomplete": "不完整", "crashed": "崩溃",
              "timeout": "超时", "interrupted": "已中断", "rejected": "已拒绝"}


def _rel(target: Path, page: Path) -> str:
    relative = os.path.relpath(target, page.parent)
    return relative if os.sep == "/" else Path(relative).as_posix()


def trend(outcomes: list[str]) -> str:
    if len(outcomes) < 2:
        return "new"
    last, before = _RANK.get(outcomes[-1], 0), _RANK.get(outcomes[-2], 0)
    return "up" if last > before else "down" if last < before else "same"


def profile_areas(catalog: Catalog, profiles: list[str]) -> dict[str, str]:
    """Each profile's area: the area most of its requirements belong to (the first by name on a
    tie); "" for a profile the catalog does not know."""
    areas = {}
    for profile in profiles:
        known = catalog.profiles.get(profile)
        areas[profile] = majority_area(catalog.requirements[r].area for r in (known.all_requirements() if known else [])
                                       if r in catalog.requirements)
    return areas


_CHANGED = ("up", "down")


class OverviewCell(TypedDict):
    """A participant's profile on the overview: its outcomes, oldest first, and their trend."""
    participant: str
    name: str
    profile: str
    outcomes: list[str]
    trend: str


class ShownCell(OverviewCell):
    """A cell shown in a row: with its latest outcome."""
    outcome: str


class AreaGroup(TypedDict):
    """A row's profiles of one area, the worst first."""
    area: str
    profiles: list[ShownCell]
    worst: str
    conformant: int
    total: int
    trend: str


class OverviewRow(TypedDict):
    """A participant's row of the overview."""
    participant: str
    areas: list[AreaGroup]
    status: dict[str, Any] | None
    #: the participant's revoked (or suspended) certificates: the row comes first, each named
    revoked: list[dict[str, Any]]
    attention: int
    order: int


def overview_rows(participants: list[str], cells: dict[tuple[str, str], OverviewCell], areas: dict[str, str],
                  status: dict[str, dict[str, object]],
                  certificates: dict[str, list[dict[str, Any]]] | None = None) -> list[OverviewRow]:
    """One row per participant with its profiles grouped by area: failing and changed
    participants first (then those whose latest run did not finish), and within a row failing
    and changed areas first, and within an area failing and changed profiles first. A
    participant with a revoked (or suspended) certificate comes first, the certificate named:
    green outcomes do not hide it."""
    rows: list[OverviewRow] = []
    by_participant: dict[str, list[tuple[str, OverviewCell]]] = defaultdict(list)
    for (who, profile), cell in cells.items():  # once, not once a participant (N² cells)
        by_participant[who].append((profile, cell))
    for order, participant in enumerate(participants):
        groups: dict[str, list[ShownCell]] = defaultdict(list)
        for profile, cell in by_participant[participant]:
            if cell["outcomes"]:
                groups[areas.get(profile, "")].append(ShownCell(**cell, outcome=cell["outcomes"][-1]))
        summary: list[AreaGroup] = []
        for area, members in groups.items():
            members.sort(key=lambda c: (_RANK.get(c["outcome"], 0), c["trend"] not in _CHANGED, c["profile"]))
            counts = Counter(c["outcome"] for c in members)
            trends = {c["trend"] for c in members}
            summary.append({"area": area, "profiles": members, "worst": members[0]["outcome"],
                            "conformant": counts["conformant"], "total": len(members),
                            "trend": "down" if "down" in trends else "up" if "up" in trends else "same"})
        summary.sort(key=lambda g: (_RANK.get(g["worst"], 0), g["trend"] not in _CHANGED, not g["area"], g["area"]))
        failing = any(g["worst"] == "not_conformant" for g in summary)
        changed = any(g["trend"] in _CHANGED for g in summary)
        latest = status.get(participant)
        unfinished = latest is not None and latest["status"] != "finished"
        revoked = [c for c in (certificates or {}).get(participant, []) if c.get("revoked") or c.get("suspended")]
        rows.append({"participant": participant, "areas": summary, "status": latest, "revoked": revoked,
                     "attention": 0 if failing or revoked else 1 if changed or unfinished else 2, "order": order})
    return sorted(rows, key=lambda r: (r["attention"], r["order"]))


def build_site(programme: Programme, catalog: Catalog, history: History, runs: Path, site: Path,
               notice: dict[str, str | None] | None = None) -> list[Path]:
    """Write the site into ``site`` (reports linked in ``runs``); the pages written. ``history``
    is the one the programme's log carries (:func:`.believed.believed`); ``notice``, per
    language, what the overview says about the rows left out (or an unlogged history). A page
    whose inputs did not change since the last build is not rendered again (:mod:`.sitepages`):
    after one revocation, the participant's pages and the overviews."""
    runs, site = runs.absolute(), site.absolute()
    series: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in history.outcome_series():
        series[row["participant"], row["profile"]].append(row)
    status = {r["participant"]: r for r in history.status()}
    participants = [p.id for p in programme.participants]
    profiles = sorted({profile for _, profile in series})
    interop = grid(history, runs)
    rates = [{**r, "rate": r["failed"] / r["judged"]} for r in history.failure_rates() if r["judged"]]
    run_outcomes: dict[str, dict[str, str]] = defaultdict(dict)
    for row in history.rows("SELECT run_id, profile, outcome FROM outcomes ORDER BY run_id, profile"):
        run_outcomes[row["run_id"]][row["profile"]] = row["outcome"]
    run_failed: dict[str, list[str]] = defaultdict(list)
    for row in history.rows("SELECT DISTINCT run_id, requirement FROM verdicts WHERE verdict = 'fail'"
                            " ORDER BY run_id, requirement"):
        run_failed[row["run_id"]].append(row["requirement"])
    runs_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in history.runs():  # one query, not one a participant (each a round trip to a database server)
        runs_of[row["participant"]].append(row)
    areas = profile_areas(catalog, profiles)
    issued: dict[str, list[dict[str, Any]]] = defaultdict(list)
    suspended = history.suspended()  # by `programme watch`: since when, and the run that regressed
    for certificate in history.certificates():
        issued[certificate["participant"]].append({**certificate,
                                                   "suspended": suspended.get(certificate["certificate_id"])})
    env = templates(trim=True)
    pages = Pages(site)
    written = []
    def shown(lang: str) -> dict[str, str | None]:  # what the pages of a language show of the programme
        return {"id": programme.id, "title": programme.title_in(lang), "description": programme.description_in(lang)}

    def render(template: str, path: Path, **context: object) -> None:
        if pages.render(env, template, path, context):
            written.append(path)

    for lang in LANGS:
        other = LANGS[1 - LANGS.index(lang)]
        labels = {**REPORT_LABELS[lang], **LABELS[lang], **{f"area:{a}": t for a, t in area_titles(lang).items()}}
        if lang == "zh":
            labels.update({f"status:{k}": v for k, v in _STATUS_ZH.items()})

        def title(text: object, lang: str = lang) -> str:
            return str(getattr(text, lang, None) or getattr(text, "en", "")) if text is not None else ""

        names = {p: title(catalog.profiles[p].title) if p in catalog.profiles else p for p in profiles}

        common = {"lang": lang, "l": labels, "programme": shown(lang), "notice": (notice or {}).get(lang)}
        index = site / lang / "index.html"
        cells = [OverviewCell(participant=p, name=names.get(prof, prof), profile=prof,
                              outcomes=[r["outcome"] for r in series[p, prof]],
                              trend=trend([r["outcome"] for r in series[p, prof]]))
                 for p in participants for prof in profiles]
        pairs = {(c["producer"], c["consumer"]): {**c, "href": _rel(runs / c["report"], index)}
                 for c in interop["cells"]}
        titled = [{**r, "title": title(catalog.requirements[r["requirement"]].title)
                   if r["requirement"] in catalog.requirements else ""} for r in rates]
        by_cell = {(c["participant"], c["profile"]): c for c in cells}
        render("site-index.html.j2", index, **common, other=_rel(site / other / "index.html", index),
               rows=overview_rows(participants, by_cell, areas, status, issued),
               members=interop["participants"], pairs=pairs,
               failing=[r for r in titled if r["failed"]], never_failed=[r for r in titled if not r["failed"]])
        for participant in participants:
            page = site / lang / "participants" / f"{participant}.html"
            run_rows = [{**r, "outcomes": run_outcomes.get(r["run_id"], {}), "failed": run_failed.get(r["run_id"], []),
                         "href": _rel(Path(r["report_dir"]) / "report.html", page)
                         if (Path(r["report_dir"]) / "report.html").is_file() else None,
                         **_cause(r, page, lang)}
                        for r in runs_of[participant]]
            certificates = [{**c, "href": _rel(runs / c["file"], page),
                             "page": _rel(runs / Path(c["file"]).with_suffix(".html"), page)}
                            for c in issued[participant]]
            render("site-participant.html.j2", page, **common,
                   other=_rel(site / other / "participants" / f"{participant}.html", page),
                   home=_rel(index, page), participant=participant, runs=run_rows, certificates=certificates)
    render("site-choose.html.j2", site / "index.html", programme=shown("en"), zh=shown("zh"))
    pages.remove_stale()  # a participant removed from the programme file: its pages go too
    pages.save()
    return written


#: the reasons runner gives a run that did not finish, as the site says them: the console's
#: path (the operator's machine) left out, the row links the console
_DETAIL = ((re.compile(r"the participant's input was refused \(see .+\)"),
            "the participant's input was refused (see console.log)", "参与方的输入被拒绝（见 console.log）"),
           (re.compile(r"the run could not complete \(see .+\)"),
            "the run could not complete (see console.log)", "运行未能完成（见 console.log）"),
           (re.compile(r"the programme was interrupted"), "the programme was interrupted", "项目运行被中断"),
           (re.compile(r"over its budget of (\S+) s"), "over its budget of {0} s", "超出其 {0} 秒的时间预算"),
           (re.compile(r"killed by signal (-?\d+)"), "killed by signal {0}", "被信号 {0} 终止"),
           (re.compile(r"exit code (-?\d+)"), "exit code {0}", "退出码 {0}"))


def _detail(detail: str, lang: str) -> str:
    """A run's recorded reason in the page's language (a reason the programme did not word, as given)."""
    for pattern, en, zh in _DETAIL:
        found = pattern.fullmatch(detail)
        if found:
            return (zh if lang == "zh" else en).format(*found.groups())
    return detail


def _cause(run: dict[str, Any], page: Path, lang: str) -> dict[str, object]:
    """Why a run did not finish, on its row: the recorded reason in the page's language, the
    profiles and requirements its report names (else its console's last line), and a link to
    its console.log."""
    if run["status"] == "finished":
        return {"cause": [], "console": None}
    folder = Path(run["report_dir"])
    console = folder / CONSOLE_FILE
    lines = run_cause(folder, lang, files=False)  # the files: links of the row
    return {"detail": _detail(run.get("detail") or "", lang), "cause": lines if run["status"] != "rejected" else [],
            # without a report, the cause is the console's last line: quoted as the harness wrote it
            "quoted": not (folder / "report.json").is_file(),
            "console": _rel(console, page) if console.is_file() else None}
