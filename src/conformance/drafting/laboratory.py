"""The clauses a laboratory applies besides the test cases: the decision rules and measurement
uncertainty (ILAC-G8:09/2019, ISO/IEC Guide 98-3:2008 and 98-4), stated as the measuring areas'
shared uncertainty module computes them, and listing each measured requirement with the rule
its catalog entry states (``decision_rule``); and the test report (ISO/IEC 17025:2017 7.8: what a laboratory's report
contains, with what this document adds: the verdicts, the measured values with their U, the
profile outcomes)."""

from __future__ import annotations

from .._catalog.catalog import Catalog
from .bibcites import informative
from .decisions import rule_name
from .facts import ordered
from .uncertaintywords import CLOCK, DECLARED_IN, GRIDS, SERIAL, undeclared
from .writer import NEXT_TABLE, Block, Writer, normative


def decision_clause(w: Writer, catalog: Catalog, number: int) -> list[Block]:
    measured = [r for r in ordered(catalog) if normative(r) and r.decision_rule is not None]
    guarded = sum(r.decision_rule is not None and r.decision_rule.kind == "guarded" for r in measured)
    out = [w.heading(w.t(f"{number} 判定规则与测量不确定度", f"{number} Decision rules and measurement uncertainty"),
                     1, f"clause-{number}"),
           w.heading(w.t(f"{number}.1 判定结果", f"{number}.1 Verdicts"), 2, "verdicts"),
           # issue 76, the thirty-ninth reading's part mAS: nothing found among the inputs read is no 不适用 while
           # another input was never judged (the engine's unjudged-inputs rule, _run/verdicts.py)
           w.para(w.t("每个测试用例按其判定准则给出通过、不通过、不适用或不确定之一（见第 3 章）。"
                      "测试用例在已读取的输入中未发现其检验的内容，而另有所提供的输入未能得到判定（如测试设备拒绝读取的"
                      "文件）时，该输入可能含有其检验的内容，判定为不确定而非不适用。"
                      "被测对象所声明的测试配置，在该配置决定符合性的全部测试用例均判定为通过（特性所含测试用例在 ICS "
                      "声明支持该特性时计入，判定为不适用者不计），且其中至少有一个测试用例判定为通过时为符合；任一此类测试用例"
                      "判定为不通过时为不符合；否则（有测试用例判定为不确定，有测试用例未执行，或全部判定为不适用）不作符合性结论，"
                      "记为未完成。未执行（见第 3 章）不是判定结果，测试报告给出未执行的测试用例及其原因。"
                      # forty-first reading, part h94-equip (c5, c6): a laboratory whose equipment lacks a program or
                      # fails has not run the case; its state is no verdict on the object. The causes are 3.x 未执行's,
                      # in its words (sixty-fifth reading, part h128-text, d1: the definition named a fault alone)
                      "测试设备缺少测试用例所需的程序或发生故障（如程序运行出错），或测试中断，致使测试用例未得出判定结果时，"
                      "该测试用例记为未执行。",
                      "Each test case gives one of pass, fail, not applicable or inconclusive by its verdict criteria "
                      "(clause 3). A test case that finds nothing it checks in the inputs it read, while another input "
                      "provided could not be judged (such as a file the test equipment refused to read), is "
                      "inconclusive rather than not applicable: that input may hold what it checks. A profile the "
                      "implementation claims is conformed to when every test case that decides its conformance passes (those of a feature counted when the ICS declares it, those not "
                      "applicable left out) and at least one of them passes; it is not conformed to when any of them "
                      "fails; otherwise (a test case inconclusive, a test case not run, or all of them not applicable) no "
                      "conformance statement is made and the outcome is incomplete. Not run (clause 3) is not a "
                      "verdict; the test report gives the test cases not run and why. A test case that reaches no verdict because "
                      "the test equipment lacks a program the test case needs or fails (such as a program failing), or "
                      "because the test is interrupted, is recorded as not run.")),
           w.heading(w.t(f"{number}.2 测量不确定度", f"{number}.2 Measurement uncertainty"), 2, "uncertainty"),
           # the formula on a line of its own, numbered, its symbols explained after 「式中：」 (GB/T 1.1-2020 9.9;
           # fourteenth reading: it stood inside a sentence, and s, n, p were explained nowhere; its leftovers: centred)
           w.para(w.t("测量类测试用例的每个测得值应连同其扩展不确定度 *U* 记录，*U* 按 ISO/IEC 指南 98-3:2008 以式（1）评定：",
                      "Each measured value of a measuring test case shall be recorded with its expanded uncertainty *U*, "
                      "evaluated per ISO/IEC Guide 98-3:2008 by formula (1):")),
           w.para(w.t("*U* = *k*·√(*u*_A² + *u*_B²)　　（1）", "*U* = *k*·√(*u*_A² + *u*_B²)    (1)"), centred=True),
           w.para(w.t("式中：", "where")),
           *[w.para(w.t(zh, en)) for zh, en in (
               ("*U* ——扩展不确定度；", "*U* is the expanded uncertainty;"),
               ("*k* ——包含因子，本文件取 *k* = 2（正态分布时约 95 %）；",
                "*k* is the coverage factor, here *k* = 2 (about 95 % for a normal distribution);"),
               ("*u*_A ——A 类标准不确定度，无 A 类分量时为零；",
                "*u*_A is the type A standard uncertainty, zero where there is no type A component;"),
               # seventy-sixth reading, a1/d2: the criteria name a reading's resolution as a second type B component,
               # where u_B was the certificate's alone; u_B is now the root sum of squares of those they name
               ("*u*_B ——B 类标准不确定度，为判定准则所指明的各 B 类分量（仪器声明的 B 类、读数的分辨力）的方和根，"
                "未指明 B 类分量时为零。",
                "*u*_B is the type B standard uncertainty, the root sum of squares of the type B components the verdict "
                "criteria name (type B of the instrument's stated uncertainty, the resolution of the reading), zero "
                "where they name none."))],
           w.para(w.t("A 类分量 *u*_A 为所比较的统计量由其样本求得的标准不确定度（*s* 为样本标准差，*n* 为样本量，*p* 为样本中的"
                      "比例）：平均值为 *s*/√*n*，中位数为 √(π / 2)·*s*/√*n*，均方根按其方差传递求得，百分位数由次序统计量"
                      "求得（不依赖分布），标准差为 *s*/√(2(*n*−1))，比例为 √(*p*(1−*p*) / *n*)，事件率为 √(事件数)/观察量；"
                      "极值（峰值、最大误差）为单次读数，无 A 类分量。",
                      "Type A, *u*_A, is the standard uncertainty of the statistic compared, from its sample (*s* the "
                      "sample standard deviation, *n* the sample size, *p* the proportion in the sample): *s*/√*n* for a "
                      "mean, √(π / 2)·*s*/√*n* for a median, propagated from its "
                      "variance for a root mean square, from the order statistics for a percentile (distribution "
                      "free), *s*/√(2(*n*−1)) for a standard deviation, √(*p*(1−*p*) / *n*) for a proportion, "
                      "√(count)/exposure for a rate of events; an extreme (a peak, a largest error) is one reading and has "
                      "no type A.")),
           # the type B components the criteria name (seventy-sixth reading, a1/d2; GUM F.2.2.1 for a resolution, d1)
           # seventy-seventh reading, part h143-lab6: a) names every measuring data file an instrument is declared in
           # (a1: the capture file alone, where two criteria read a tracker capture and a scent analyses record) and
           # what a value whose instrument declares no uncertainty comes to (read77d's doubtful 1); the grids and the
           # clock's sentence are the note's lead's words too (uncertaintywords.py; read77a's d1, read77d's doubtful 2);
           # the serial is no condition of the declared type B (seventy-eighth reading, a1: no format requires one)
           w.para(w.t("B 类分量有下列两种，各测试用例的判定准则逐条规则指明其 *U* 取用何者："
                      f"a) 仪器声明的 B 类：所读仪器在测试用例所读的{DECLARED_IN['zh']}中声明的、其校准证书"
                      f"给出的单次读数扩展不确定度除以其包含因子，以百分数给出者按所适用的读数计；{SERIAL['zh']}；仪器声明的不确定度不是所判定量"
                      f"的不确定度时不计入；{undeclared('zh', '*U*')}；"
                      f"b) 读数的分辨力：所读值在其读取网格（{GRIDS['zh']}）的一个间隔 *δ* "
                      "内按矩形分布，其标准不确定度为 *δ*/√12（ISO/IEC 指南 98-3:2008 的 4.3.7、F.2.2.1）；所读的是时刻时"
                      f"（读取时刻的分辨力），*δ* 为所读帧或样本的间隔。{CLOCK['zh']}判定准则仅指明 A 类分量时 *u*_B 为零，"
                      "仅指明 B 类分量时 *u*_A 为零。",
                      "There are two kinds of type B component, and each test case's verdict criteria name, rule "
                      "by rule, which its *U* takes: a) type B of the instrument's stated uncertainty: the expanded "
                      "uncertainty of one reading that the calibration certificate of the instrument read states, as "
                      f"the {DECLARED_IN['en']} the test case reads declare it, divided by its coverage factor, "
                      f"one stated in per cent applying to the reading; {SERIAL['en']}; an instrument's stated "
                      f"uncertainty that is not one of the quantity judged is not used; {undeclared('en', '*U*')}; "
                      "b) the resolution of the reading: the value read lies "
                      f"within one interval *δ* of the grid it is read on ({GRIDS['en']}), a rectangular distribution "
                      "whose standard uncertainty is "
                      "*δ*/√12 (ISO/IEC Guide 98-3:2008, 4.3.7 and F.2.2.1); where a moment is read (the resolution "
                      f"of the moment read), *δ* is the interval of the frames or samples read. {CLOCK['en']} Where "
                      "the criteria name type A alone, *u*_B is zero; where they name type B components alone, *u*_A "
                      "is zero.")),
           # how many digits (sixteenth reading: neither 6.2 nor 16 j) said; GUM 7.2.6, the practice JJF 1059.1-2012
           # states for China's laboratories)
           w.para(w.t("报告中的 *U* 应至多取两位有效数字，测得值应修约至其末位与 *U* 的末位对齐（ISO/IEC 指南 98-3:2008 的 "
                      "7.2.6）。",
                      "In a report, *U* shall be given to at most two significant digits and the measured value rounded "
                      "to the same last digit as *U* (ISO/IEC Guide 98-3:2008, 7.2.6).")),
           w.heading(w.t(f"{number}.3 判定规则", f"{number}.3 Decision rules"), 2, "decision-rules"),
           # ILAC-G8, cited by clause, is an informative document: its pointer follows it (fiftieth reading, a1)
           w.para(informative(w, w.t("测得值与限值比较时采用下列判定规则之一（ILAC-G8:09/2019 4.2，ISO/IEC 指南 98-4:2012）："
                      "a) 简单接受：保护带 *w* = 0，测得值在限值以内即通过，超出即不通过；"
                      "b) 保护性接受：保护带 *w* = *U*，测得值在接受限（上限减 *U*，或下限加 *U*）以内方可通过；在限值以内但与限值"
                      "相距不足 *U* 的值处于保护带内，符合性声明为二元声明，故判为不通过，记录注明“处于保护带内”。"
                      f"本文件的测量类测试用例共 {len(measured)} 个，其中 {guarded} 个采用保护性接受，"
                      f"{len(measured) - guarded} 个采用简单接受，列于表 {NEXT_TABLE}；各测试用例的判定准则重述其规则。"
                      # the risk each rule carries (sixteenth reading; GB/T 27025—2019 7.8.6.1, ILAC-G8:09/2019 4.2)
                      "两种规则所带的风险（GB/T 27025—2019 的 7.8.6.1）：简单接受时，测得值恰在限值处的被测对象实际不符合的概率"
                      "可达 50 %；保护性接受（*w* = *U*，*k* = 2，正态分布）时，判为通过者实际不符合的概率不超过约 2.5 %，"
                      "其代价是保护带内实际符合者判为不通过。",
                      "A measured value is compared with its limit by one of these decision rules (ILAC-G8:09/2019 "
                      "4.2, ISO/IEC Guide 98-4:2012): a) simple acceptance: guard band *w* = 0, a value within the limit "
                      "passes and one beyond it fails; b) guarded acceptance: guard band *w* = *U*, a value passes only "
                      "within the acceptance limit (an upper limit less *U*, a lower limit plus *U*); a value within the "
                      "limit but less than *U* from it is within the guard band and, a statement of conformity being "
                      "binary, fails, the record saying so. This document has "
                      f"{len(measured)} measuring test cases, {guarded} judged by guarded and "
                      f"{len(measured) - guarded} by simple acceptance, listed in Table {NEXT_TABLE}; each test case's "
                      "verdict criteria restate its rule. The risk each rule carries (GB/T 27025-2019 7.8.6.1): under "
                      "simple acceptance, an implementation under test whose measured value lies at the limit is "
                      "nonconforming with a "
                      "probability up to 50 %; under guarded acceptance (*w* = *U*, *k* = 2, a normal distribution), "
                      "an implementation under test that passes is nonconforming with a probability of at most about 2.5 %, at the cost of "
                      "failing conforming implementations whose values lie within the guard band.")))]
    rows: list[tuple[str, ...]] = [(w.t("要求", "Requirement"), w.t("名称", "Title"), w.t("判定规则", "Decision rule"))]
    rows += [(r.id, r.title.get(w.lang), rule_name(r, w.lang)) for r in measured]
    out.append(w.table(rows, (30, 100, 35), anchor="decision-rules-table",
                       title=w.t("测量类测试用例的判定规则", "Decision rules of the measuring test cases")))
    return out


#: what a test report contains (ISO/IEC 17025:2017 7.8.2.1, 7.8.3.1 and 7.8.6), with this document's
#: verdicts, measured values and profile outcomes; (zh, en)
REPORT_ITEMS = (
    ("标题（一致性测试报告）、本文件的编号及所依据的版本", "a title (conformance test report), the number of this "
     "document and the edition applied"),
    ("测试实验室的名称与地址，以及实施测试的地点", "the name and address of the laboratory and where the tests were "
     "done"),
    ("报告的唯一标识，每页的标识及表明报告结束的标识", "a unique identification of the report, on each page, and a "
     "clear identification of its end"),
    ("提供者的名称与联系信息", "the name and contact information of the supplier"),
    ("被测对象的名称、版本与标识，所提交的声明文件（含 ICS 与 IXIT）及收到被测对象的日期",
     "the name, version and identification of the implementation under test, the manifest submitted (with its ICS "
     "and IXIT) and the date it was received"),
    ("所声明的测试配置及其版本，所用测试参数的值（含认证计划改严者）", "the profiles claimed and their versions, "
     "and the values of the test parameters applied (with those a certification plan made stricter)"),
    ("实施测试的日期与报告的签发日期", "the dates of testing and the date the report was issued"),
    # with what clause 5 sends to the report, in 5.1's words (fortieth reading b11)
    ("测试环境（第 5 章）：测试设备的型号、编号、版本与校准状态，所用软件的名称与版本及其所载本文件要求与测试用例的摘要，"
     "环境条件，以及第 5 章要求记入测试报告的"
     "其他内容（所用信任锚、网络往返时延、机器人记录的持续时间与任务、外部跟踪仪的声明、仪器的溯源记录与暗读数）",
     "the test environment (clause 5): the model, number, version and calibration state of the test equipment, the name "
     "and version of the software used with the digest of the requirements and test cases of this document it "
     "holds, the ambient conditions, and what else clause 5 records in the test report "
     "(the trust anchors used, the network round-trip time, the robot recording's duration and task, the external "
     "tracker's declaration, the instruments' traceability records and dark readings)"),
    ("每个测试用例的判定结果（通过、不通过、不适用或不确定）及其记录：不符合项的对象与位置，不适用与不确定的原因；未执行的测试用例及其原因",
     "each test case's verdict (pass, fail, not applicable or inconclusive) with its record: where an item does not "
     "comply, and why a case is not applicable or inconclusive; the test cases not run and why"),
    # twenty-fourth reading, row 22: the laboratory's signed record (5.9) is no input of a case; the report names it
    # (seventy-second reading, h136-robotlab: a robot's tracker capture is measured and signed for too;
    # seventy-fourth reading, d1: and the laboratory's scent analyses record)
    ("测量类测试用例的测得值及其单位、扩展不确定度 U（k = 2）、所用判定规则，以及处于保护带内的值；"
     "所判定的每个测量类数据文件（采集文件、跟踪记录、气味分析记录）的实验室签名记录（E.6）的标识，或该文件未附实验室签名记录的说明",
     "the measured values of the measuring test cases with their units, their expanded uncertainty U (k = 2), the "
     "decision rule applied, and the values within a guard band; the laboratory signed record (E.6) of each measuring "
     "data file judged (a capture, a tracker capture, a scent analyses record), identified, or a statement that such a file came without one"),
    ("各测试配置的符合性结论（符合、不符合或未完成）及其所适用的测试结果", "the outcome for each profile "
     "(conformed, not conformed or incomplete) and the results it applies to"),
    ("对测试方法的偏离、增加或删减", "any deviation from, addition to or exclusion from the test methods"),
    # fifteenth reading: GB/T 27025—2019 7.8.2.2 and 7.8.2.1 p) were missing, while the declaration, the IXIT and
    # every capture file a terminal case reads are the supplier's
    ("由被测对象的提供者提供的信息与数据（声明文件、ICS、IXIT 及其提交的采集文件、记录与其他文件）的标识，"
     "以及这些信息与数据可能影响结果有效性时的声明", "the information and data supplied by the supplier of the "
     "implementation under test (the manifest, ICS, IXIT and the captures, records and other files it submitted) "
     "identified as such, with a disclaimer where they can affect the validity of the results"),
    ("由外部供方提供的测试结果（如有）的标识", "a clear identification of any result from an external provider"),
    ("测试结果仅与该被测对象有关的声明", "a statement that the results relate only to the implementation tested"),
    ("批准报告者的姓名、职务与签名", "the name, function and signature of the person authorizing the report"),
)


def report_clause(w: Writer, number: int) -> list[Block]:
    items = "\n".join(f"{chr(ord('a') + i)}) {w.t(zh, en)}{w.t('；', ';') if i < len(REPORT_ITEMS) - 1 else w.t('。', '.')}"
                      for i, (zh, en) in enumerate(REPORT_ITEMS))
    return [w.heading(w.t(f"{number} 测试报告", f"{number} Test report"), 1, "test-report"),
            w.para(w.t("测试实验室应按 GB/T 27025—2019 的 7.8 出具测试报告。报告应至少包含下列内容：",
                       "The laboratory shall report as GB/T 27025-2019 7.8 requires. The report shall contain at "
                       "least:")),
            w.para(items)]
