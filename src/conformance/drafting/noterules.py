"""The 编制说明's 三（二）: which decision rule each measured requirement applies and why, after GUM and
ILAC-G8, the same rule its test case's 判定准则 states (decisions.py), from the same catalog entry. A
measured requirement is one with a ``decision_rule``: most are measured by a laboratory's calibrated
instrument (``measures: instrument``), a few measure the product's own digital output, and a behaviour
requirement whose check times the product's answers on the test equipment's clock (``type_b: clock``) is
one too (sixty-third reading, a3/d1: IF-LAT-001 and IF-SES-002 judged their latencies with U against
limits and were counted nowhere). Every count comes from the catalog."""

from __future__ import annotations

from .._catalog.model import Requirement
from .decisions import clock_timed, reason, rule_name
from .uncertaintywords import CLOCK, DECLARED_IN, GRIDS, SERIAL, undeclared
from .writer import Block, Writer


def decision_rules(w: Writer, kept: list[Requirement]) -> list[Block]:
    """三（二）: the measured requirements counted by rule and by how each is read, and each one's rule and
    reason in a table."""
    measured = [r for r in kept if r.decision_rule is not None]
    if not measured:
        return []
    guarded = sum(r.decision_rule is not None and r.decision_rule.kind == "guarded" for r in measured)
    timed = clock_timed(measured)
    sep = "、" if w.lang == "zh" else ", "
    clock = w.t(f"另有 {len(timed)} 项（{sep.join(timed)}）以测试设备自身的单调时钟测量被测平台经网络应答的时延，"
                "同样不读取仪器读数。",
                f" Another {len(timed)} ({sep.join(timed)}) time the answers of the platform under test over the "
                "network on the test equipment's own monotonic clock, reading no instrument either.") if timed else ""
    out = [w.heading(w.t("（二）测量类要求的测量不确定度与判定规则",
                         "3.2 Measurement uncertainty and decision rules of the measured requirements"), 2,
                     "note-3-1", normative=False),
           # twenty-fourth reading, row 25: a requirement is measured when its verdict compares a measured value, with
           # its U, against a limit by a stated decision rule; a few measure the product's own digital output
           w.para(w.t(f"{len(measured)} 项规范性要求为测量类：其判定将测得值与限值按所规定的判定规则比较。其中多数由"
                      "实验室的校准仪器测量被测对象的行为，少数测量被测对象自身的数字输出（如导出的 Ambisonics 声场、"
                      f"解码的判决），不读取仪器读数。{clock}每个测得值连同其扩展"
                      "不确定度 U（k = 2）一并报告。"
                      # seventy-sixth reading, a1/d2: the resolution of a reading is a component of U too; seventy-
                      # seventh, part h143-lab6: 6.2's grids, clock sentence and undeclared-instrument rule, in its
                      # words; seventy-eighth reading, a1: where the type B is declared, the serial no condition of it
                      "U 依 GUM（ISO/IEC 指南 98-3:2008）由各测试用例的判定准则逐条规则所指明的分量按方和根合成（见 6.2）："
                      "所比较统计量的 A 类不确定度；仪器声明的 B 类，即所读仪器在测试用例所读的"
                      f"{DECLARED_IN['zh']}中声明的、其校准证书所给一次读数的不确定度（{SERIAL['zh']}），不读取仪器读数"
                      "或仪器声明的不确定度不是所判定量的不确定度时无此分量；读数的分辨力（含读取时刻的分辨力），即所读值"
                      f"在其读取网格（{GRIDS['zh']}）的一个间隔内按矩形分布（GUM 4.3.7、F.2.2.1，属 B 类"
                      f"评定）。{CLOCK['zh']}{undeclared('zh', 'U')}（见 6.2）。"
                      "每项要求规定其判定规则（ILAC-G8:09/2019 4.2，"
                      f"ISO/IEC 指南 98-4:2012）：{guarded} 项采用保护性接受，保护带 w = U，在限值以内但与限值相距"
                      "不足 U 的值判为不通过，并在报告、控制台与测试用例的判定准则中注明“处于保护带内”；"
                      f"{len(measured) - guarded} 项采用简单接受，测得值在限值处判定，同样报告其 U。"
                      "各项要求所采用的规则及理由如下表。",
                      f"{len(measured)} normative requirements are measured: their verdict compares a measured value "
                      "with a limit by the decision rule they state. Most are measured by a laboratory's calibrated "
                      "instrument on the implementation under test's behaviour; a few measure its own digital output "
                      "(an exported Ambisonics sound field, decoding decisions), reading no instrument."
                      f"{clock} Each measured value is reported with its expanded uncertainty U (k = 2). Per "
                      "GUM (ISO/IEC Guide 98-3:2008), U combines in quadrature the components each test case's verdict "
                      "criteria name rule by rule (see 6.2): type A of the statistic compared; type B of the "
                      "instrument's stated uncertainty, that of one reading as the instrument's calibration "
                      f"certificate states it and the {DECLARED_IN['en']} the test case reads declare it ({SERIAL['en']}), "
                      "absent where no instrument is read or its stated uncertainty is not one of the "
                      "quantity judged; the resolution of the reading (or of the moment read), the value read lying "
                      f"within one interval of the grid it is read on ({GRIDS['en']}), a rectangular distribution "
                      f"(GUM 4.3.7 and F.2.2.1, a type B evaluation). {CLOCK['en']} "
                      f"{undeclared('en', 'U')[:1].upper()}{undeclared('en', 'U')[1:]} (see 6.2). Each "
                      f"requirement states its decision rule (ILAC-G8:09/2019 4.2, ISO/IEC Guide 98-4:2012): {guarded} "
                      "apply guarded acceptance with guard band w = U, so a value within the limit but less than U "
                      "from it fails and the report, the console and the test case's verdict criteria name "
                      f"it as within the guard band; {len(measured) - guarded} apply simple acceptance, judging the "
                      "value at the limit and reporting its U likewise. The table gives each requirement's rule and "
                      "why."), normative=False)]
    rows: list[tuple[str, ...]] = [(w.t("要求", "Requirement"), w.t("判定规则", "Decision rule"),
                                    w.t("理由", "Why"))]
    rows += [(r.id, rule_name(r, w.lang), reason(r, w.lang) or "—") for r in measured]
    out.append(w.table(rows, (25, 35, 105), normative=False))
    return out
