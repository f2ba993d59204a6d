"""What the 编制说明 says of the harness's self-check, as the repository runs it (sixty-fifth reading, d1): 四（一）'s
known-bad cases, which the test suite runs (``tests/e2e/test_known_bad.py``, on each run of ``.ci/run``, the README's
test command), never the release workflow, and which it skips where a program a case ``requires`` is missing; 四（五）'s
demo test (``tests/e2e/test_cli.py``'s ``test_demo_is_conformant``), what it refuses and what it lets through; and
whether the recorded reference run meets that test. The cases that need a program, and whether the computers named
lacked it, are read from ``known_bad.yaml``, ``.ci/run`` and the inter-laboratory record, never typed."""

from __future__ import annotations

from dataclasses import dataclass

from .._catalog.model import Requirement
from .explanatory_data import NoteData
from .facts import gather
from .interlab_note import interlab_record
from .plural import counted, noun_for
from .writer import Block, Writer

#: the script the project's CI runs (README.md's test command, after the installs it makes)
CI_SCRIPT = ".ci/run"


@dataclass(frozen=True)
class Needing:
    """A known-bad case that needs a program on the test equipment's PATH (its ``requires``)."""

    case: str  # "<requirement>#<index>", as the inter-laboratory record names it
    requirement: str
    program: str


def needing(w: Writer, kept: list[Requirement]) -> list[Needing]:
    """The known-bad cases of the requirements ``kept`` that need a program, in the catalog's order."""
    requires = gather(w.catalog, with_tests=False).case_requires
    return [Needing(f"{r.id}#{i}", r.id, program) for r in kept
            for i, program in enumerate(requires.get(r.id, [])) if program]


def _ci_installs(data: NoteData | None, program: str) -> bool | None:
    """Whether the CI script names (so installs) ``program``; None where the checkout has no such script."""
    path = data.root / CI_SCRIPT if data else None
    if path is None or not path.is_file():
        return None
    return program in path.read_text(encoding="utf-8")


def tests_can_fail(w: Writer, kept: list[Requirement], data: NoteData | None, proven: int, bad: int) -> Block:
    """四（一）: the known-bad cases and how the repository runs them, the cases a missing program leaves unrun named
    with the computers that lacked it (the inter-laboratory record's; the CI's, by its script)."""
    need = needing(w, kept)
    record = interlab_record(data)
    left = {str(item["case"]) for a in (record or {}).get("areas", []) for item in a.get("left_out", [])}
    programs = list(dict.fromkeys(n.program for n in need))
    ci_lacks = [p for p in programs if _ci_installs(data, p) is False]
    listed_zh = "、".join(f"{n.case}（需 `{n.program}`）" for n in need)
    listed_en = ", ".join(f"{n.case} (needs `{n.program}`)" for n in need)
    lacked_zh, lacked_en = [], []
    if any(n.case in left for n in need):
        lacked_zh.append("（四）的记录所用计算机")
        lacked_en.append("the computer of (4)'s record")
    if ci_lacks:
        lacked_zh.append(f"本项目的持续集成（`{CI_SCRIPT}` 不安装 {'、'.join(f'`{p}`' for p in ci_lacks)}）")
        lacked_en.append(f"the project's CI (`{CI_SCRIPT}` installs no {', '.join(f'`{p}`' for p in ci_lacks)})")
    zh = (f"（一）测试能判定不通过：{len(kept)} 项规范性要求中，{proven} 项有已知不合格用例（共 {bad} 个）。"
          "开源一致性测试工具自身的测试 `tests/e2e/test_known_bad.py` 以测试工具运行每个已知不合格用例，要求其判定为"
          f"不通过；该测试随测试套件的每次运行（`{CI_SCRIPT}` 所运行的 README 测试命令 `pytest -n auto`）执行，"
          "不随发布运行：发布流程（`.github/workflows/release.yml`）只构建并检查安装包，再以之运行 `conformance demo`（见（五））。")
    en = (f"(1) The tests can fail: of the {len(kept)} normative requirements, {proven} have known-bad cases ({bad} in "
          "all). The open-source conformance harness's own test `tests/e2e/test_known_bad.py` runs the harness on each "
          f"known-bad case and requires it to be judged failing; the test runs with every run of the test suite (the "
          f"README's test command `pytest -n auto`, which `{CI_SCRIPT}` runs), not with a release: the release workflow "
          "(`.github/workflows/release.yml`) only builds and checks the package and runs `conformance demo` from it "
          "(see (5)).")
    if need:
        zh += (f"其中 {len(need)} 个用例需测试设备另装程序，该程序不在时该测试跳过该用例：{listed_zh}"
               + (f"；{'与'.join(lacked_zh)}{'均' if len(lacked_zh) > 1 else ''}未安装该程序，在其上该测试只对其余 {bad - len(need)} 个用例要求判定为"
                  f"不通过，{'该用例' if len(need) == 1 else '这些用例'}尚无判定为不通过的记录，由起草组安装该程序后运行并记录" if lacked_zh else "") + "。")
        en += (f" {counted(len(need), 'case')} {noun_for(len(need), 'needs', 'need')} a further program on the test "
               f"equipment, and the test skips {noun_for(len(need), 'it', 'each')} where the program is missing: "
               f"{listed_en}" + (f"; {' and '.join(lacked_en)} lack it, so there the test requires only the other "
                                 f"{bad - len(need)} to be judged failing, and no record yet shows "
                                 f"{noun_for(len(need), 'that case', 'those cases')} judged failing; the drafting group "
                                 "runs and records them with the program installed" if lacked_en else "") + ".")
    zh += "其余为人工评估的要求，其测试用例写明了不通过的情形。"
    en += (f" The {noun_for(len(kept) - proven, 'other is', 'others are')} assessed by hand, and "
           f"{noun_for(len(kept) - proven, 'its test case states', 'their test cases state')} what a failure is.")
    return w.para(w.t(zh, en), normative=False)


def self_check(w: Writer, kept: list[Requirement]) -> tuple[str, str]:
    """四（五）'s self-check as ``test_demo_is_conformant`` makes it (and the release's demo run), with the verdict it lets
    through: a requirement at the 宜 or 可 level whose check the harness leaves inconclusive when the program its
    known-bad case needs is missing (the CI cannot install it; an error there would leave the demo incomplete)."""
    lenient = list(dict.fromkeys((n.requirement, n.program) for n in needing(w, kept)
                                 if next(r for r in kept if r.id == n.requirement).level.value != "MUST"))
    zh = ("测试工具的自检，即其自身的测试 `tests/e2e/test_cli.py` 中的 `test_demo_is_conformant`，随测试套件的每次运行执行这一运行，"
          "并要求：每个测试配置的结论为符合，没有不通过的判定，也没有未执行的测试用例（未执行不是判定，见 3.44），未判定为通过的要求只能是不适用或“宜”“可”级的"
          "不确定，且均写明原因；发布流程另以所构建的安装包运行 `conformance demo`，要求其退出码为 0（每个测试配置的结论为符合）。")
    en = (" The harness's self-check, its own test `test_demo_is_conformant` (`tests/e2e/test_cli.py`), makes that run with every run of "
          "the test suite and requires every profile's outcome to be conformant, no verdict to be fail, no test case "
          "left not run (not run is no verdict, 3.44), and each requirement not passed to be not applicable, or inconclusive at the SHOULD or MAY level, "
          "with its reason; the release workflow also runs `conformance demo` from the package it built and requires "
          "its exit code 0 (every profile conformant).")
    if lenient:
        named_zh = "、".join(f"{i}（缺少 `{p}` 时）" for i, p in lenient)
        named_en = ", ".join(f"{i} (without `{p}`)" for i, p in lenient)
        zh += (f"该自检不区分不确定的原因：测试设备缺少所需程序时，测试工具将“宜”级的 {named_zh}判为不确定，而不按 6.1 "
               "记为未执行，该自检予以接受，因此通过该自检的运行可含这些未经该程序判定的要求。测试工具有意保留这一判定："
               "本项目的持续集成所用的软件包仓库不提供该程序，其中的 `conformance demo` 运行无法安装它，"
               "若记为未执行，该运行将不完整。")
        en += (f" The self-check does not look at why a verdict is inconclusive: without the program it needs, the harness "
               f"judges the SHOULD-level {named_en} inconclusive rather than not run as 6.1 says, the self-check accepts that, "
               "and a run passing it may so hold requirements that program never judged. The harness keeps that "
               "verdict on purpose: the package registry the project's CI reaches does not serve the program, the "
               "`conformance demo` run there cannot install it, and a case not run would leave that run incomplete.")
    return zh, en


#: what the self-check 四（五） states refuses in a run, by the recorded verdict: a fail, a case not run, and an
#: inconclusive verdict of a requirement at the 应 level
_REFUSED = {"fail": ("不通过", "fail"), "error": ("未执行", "not run"),
            "inconclusive": ("“应”级的不确定", "inconclusive at the MUST level")}


def run_meets(w: Writer, kept: list[Requirement], verdicts: dict[str, str], outcome: dict[str, str]) -> tuple[str, str]:
    """Whether the recorded run meets the self-check the paragraph before states, by its recorded verdicts (forty-sixth
    reading, d2), and which of them 6.1 counts as not run though the harness judged them inconclusive (sixty-fifth
    reading, d1: the note said the run failed a check the test does not make). The record holds no profile's
    outcome, so the sentence speaks of the verdicts only."""
    level = {r.id: r.level.value for r in kept}
    recorded = {r.id: verdicts[r.id].replace("_", " ") for r in kept if r.id in verdicts}
    broken = [(i, v) for i, v in recorded.items()
              if v in ("fail", "error") or v == "inconclusive" and level[i] == "MUST"]
    unrun = [i for i, v in recorded.items() if outcome.get(i) == "error" and v != "error"]
    if broken:
        zh = f"该次运行未通过上述自检：{'、'.join(f'{i} {_REFUSED[v][0]}' for i, v in broken)}"
        en = f" That run does not pass the self-check stated above: {', '.join(f'{i} {_REFUSED[v][1]}' for i, v in broken)}"
    else:
        zh, en = "该次运行的各项判定满足上述自检要求", " That run's verdicts meet the self-check stated above"
    if unrun:
        zh += f"，但按 6.1，{'、'.join(unrun)} 未执行（测试工具判为不确定，见上）"
        en += (f", but by 6.1 {', '.join(unrun)} {noun_for(len(unrun), 'was', 'were')} not run (judged inconclusive by "
               "the harness, see above)")
    if broken or unrun:
        return (zh + "；送审前由起草组消除其原因后重新记录。",
                en + "; the drafting group records the run again, the cause removed, before the draft for approval.")
    return zh + "。", en + "."
