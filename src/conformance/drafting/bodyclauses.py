"""Two clauses of the specification's body: 5 测试环境 (each area's equipment, calibration and ambient conditions)
and the 符合性 chapter (what a product claiming each profile passes). Each opens with a first subclause 「通则」
holding the text that would otherwise hang between the clause's heading and its subclauses."""

from __future__ import annotations

from .._catalog.catalog import Catalog
from .._catalog.model import Profile
from .boundtable import spaced
from .bundledcontexts import contexts_text
from .icsrows import in_draft
from .plural import counted, noun_for
from .readingbounds import bounds_clause, file_defaults, ixit_range, request_timeout, response_defaults
from .schematables import cited_tables
from .uncertaintywords import shared_words
from .writer import (
    LEVEL_ZH,
    Block,
    Writer,
    area_title,
    clause_ref,
    format_clauses,
    general_clause,
    normative,
    tables_ahead,
)


def file_bound_text(w: Writer) -> str:
    """The bound on a file the test equipment reads, stated where the equipment is (fortieth reading b10: 78 不确定
    lines named `max_file_bytes` and no clause gave its value). A target's IXIT may move it (``target-file.json``,
    1 024 B to 1 TiB): that changes which files are read and judged, never a verdict threshold (A.1)."""
    mib, grouped, files = file_defaults()  # max_files: its files past it were a finding until ax1 (44th reading)
    low, high = (spaced(n) for n in ixit_range(w, "file", "max_file_bytes"))
    fewest, most = (spaced(n) for n in ixit_range(w, "file", "max_files"))
    streamed = streamed_files(w)
    return w.t(f"测试设备读取文件的上限为 {mib} MiB（{grouped} B）：所提供的文件不大于此值者方予读取；"
               "IXIT 可为文件目标"
               f"另给此上限（`max_file_bytes`，{low} B 至 {high} B），该上限只决定哪些文件得到读取与判定，不改变任何判定阈值。"
               "大于该上限的文件不予读取，其本身不作为不符合项；相应测试用例的判定见各自的判定准则。"
               f"{streamed}"
               f"一个路径或通配模式所代表的文件，测试设备按名称顺序至多读取 {files} 个（`max_files`，IXIT 可另给 {fewest} 至 {most} 个）；"
               "其余文件不予读取与判定，其本身不作为不符合项，相应测试用例没有其他不符合项时判定为不确定。",
               f"The test equipment reads each file supplied up to {mib} MiB ({grouped} B)"
               f"; the IXIT may give a file target another bound (`max_file_bytes`, {low} B to {high} B), which "
               "decides only which files are read and judged and changes no verdict threshold. A file larger than the "
               "bound is not read and is not by itself a finding; its test cases' verdicts follow their verdict "
               f"criteria. {streamed} Of the files one path or glob stands for, the test equipment reads at most {files} in name "
               f"order (`max_files`; the IXIT may give {fewest} to {most}); the rest are not read or judged, are not by "
               "themselves a finding, and leave the test case inconclusive when nothing else fails.")


def streamed_files(w: Writer) -> str:
    """The files the test equipment reads line by line, whatever their size, with annex E's clauses defining them
    (forty-sixth reading, bx1: 5.1 said a file over the bound was never read, while the asset history, like the
    captures and the CityJSON text sequences, is streamed: their readers open them with the file adapter's ``open``,
    not its bounded ``read_bytes``; tests/drafting/test_reading_fortysixth_h98hist.py finds those readers). Each name
    has its clauses in its own brackets (fifty-sixth reading, ax1: a case's 「附录 E（名称：条号）」 pointer pasted into
    the sentence nested brackets and named each file twice)."""
    captures, history = (_clauses_of(w, name) for name in ("采集文件", "资产历史文件"))
    return w.t(f"采集文件（{captures}）、资产历史文件（{history}）与 CityJSON 文本序列逐行读取，不受此上限限制："
               "测试设备一次只保存其中一行，文件的大小不增加读取所需的内存，而这类文件随采集的时长或所记录的事件增多而增大。",
               f"Capture files ({captures}), asset history files ({history}) and CityJSON Text Sequences are "
               "read line by line and are not subject to this bound: the test equipment holds one line of them at a time, "
               "so a file's size adds nothing to the memory reading it needs, while such files grow with the length of a "
               "capture or the number of events recorded.")


def _clauses_of(w: Writer, name: str) -> str:
    """The numbers of annex E's clauses giving the format ``name`` (Chinese) names, without the name before them."""
    return format_clauses(w, name).partition(w.t("：", ": "))[2]


def response_bound_text(w: Writer) -> str:
    """The bounds on an HTTP answer the test equipment reads (E.11's ``max_response_bytes``, ``max_json_depth``), stated
    as file_bound_text states a file's: forty-fourth reading, ax1, where an answer past either was a finding against
    this clause. RFC 8259 (9) lets a parser bound the nesting depth, so a deep answer breaks no format either."""
    mib, grouped, depth = response_defaults()
    low, high = (spaced(n) for n in ixit_range(w, "http", "max_response_bytes"))
    shallow, deep = ixit_range(w, "http", "max_json_depth")
    return w.t(f"测试设备读取 HTTP 响应体的上限为 {mib} MiB（{grouped} B），读取 JSON 响应的嵌套层数上限为 "
               f"{depth} 层；IXIT 可为 HTTP 目标另给这两个上限（`max_response_bytes`，{low} B 至 "
               f"{high} B；`max_json_depth`，{shallow} 至 {deep} 层），其只决定哪些响应得到读取与判定，不改变任何判定阈值。"
               "大于前者或嵌套深于后者的响应不予读取与判定，其本身不作为不符合项，相应测试用例没有其他不符合项时判定为不确定。",
               f"The test equipment reads an HTTP response body up to {mib} MiB ({grouped} B) and a JSON response nested "
               f"up to {depth} levels deep; the IXIT may give an HTTP target other bounds "
               f"(`max_response_bytes`, {low} B to {high} B; `max_json_depth`, {shallow} to {deep} levels), which decide only "
               "which responses are read and judged and change no verdict threshold. A response larger than the first "
               "or nested deeper than the second is not read or judged, is not by itself a finding, and leaves the "
               "test case inconclusive when nothing else fails.")


def request_timeout_text(w: Writer) -> str:
    """The time limit of each HTTP request the test equipment makes (the adapter's ``timeout_s``), stated once here so
    that a case cites it as 「5.1 规定的请求时限」 (forty-eighth reading, part h101-timeouts: 「连接失败或超时」 decided
    an inconclusive verdict in six cases with the limit stated nowhere)."""
    seconds, most = request_timeout(w)
    return w.t(f"测试设备经 HTTP 发出的每个请求，自建立连接至读完响应体，至多等待 {seconds} s（请求时限），向 `https` 源所作的 TLS "
               f"握手同样以此为限；IXIT 可为 HTTP 目标另给请求时限（`timeout_s`，大于 0 s、不大于 {most} s）。请求时限只决定"
               "测试设备等待多久，不是对被测对象响应时间的要求；超过请求时限仍未完成的请求，其所得由各测试用例的"
               "判定准则规定。IXIT 所给的请求时限只改变测试设备对未得到应答即判为不确定的请求等待多久；测试用例以请求未在时限内"
               f"得到应答判定通过或不通过时，所用的时限固定为 {seconds} s，不随 IXIT 改变。测试用例以其自身的时限判定响应时间时，该时限"
               "在测试用例中给出。",
               f"The test equipment waits at most {seconds} s for each HTTP request it makes, from opening the connection "
               "to reading the response body whole (the request time limit), and as long for a TLS handshake with an "
               f"`https` origin; the IXIT may give an HTTP target another limit (`timeout_s`, above 0 s and at most "
               f"{most} s). The request time limit decides only how long "
               "the test equipment waits and is no requirement on the response times of the implementation under "
               "test; what a request still unfinished past it gives is each test case's verdict criteria's. The limit "
               "the IXIT gives changes only how long the equipment waits for a request whose going unanswered leaves "
               "the case inconclusive; where a test case passes or fails on a request not answered in time, the limit "
               f"is {seconds} s, whatever the IXIT gives. A test case judging a response time by a limit of its own "
               "gives that limit itself.")


#: the root list 5.1 falls back on, as suites/specification.yaml's ``text_sources`` names it (forty-sixth reading, a1)
ROOT_LIST = "Mozilla Included CA Certificate List"


def trust_anchors_text(w: Writer) -> str:
    """Which trust anchors the test equipment verifies a TLS connection with, the same in every laboratory: the IXIT's
    file for the target, else one named list, never a computer's own store (twenty-fourth reading, row 39: only the
    cases judging a chain named the file, and a server with a private CA was reachable in one laboratory and not in
    another). The harness does so (adapters/auth.py, default_anchors_file) and records the list in the report; the
    MQTT broker and WebSocket connections a check opens itself take the same anchors (twenty-fifth reading, row 22:
    5.1 named https alone, and a broker behind an http service root was verified with the machine's store). A chain
    that does not verify stops the connection; what that gives is each case's (row 22: 「无法访问」 read as a general
    rule made IF-TLS-001's R6 and R7, which judge the chain, unfailable). The list is named as the Program publishes it,
    not by the package the harness takes it from (forty-first reading, a15: a package and its installed version).
    The case judging the chain does so against the IXIT's file alone, and the clause says so (forty-first reading, bx4: two rules for a missing ``ca_bundle``)."""
    # its entry's number; a catalog without the entry (a one-requirement test catalog) names the list alone
    listed = w.bibliography.get(ROOT_LIST)
    return w.t("测试设备经 TLS 连接被测目标时（`https://`，以及测试设备自行建立的 `wss://` 连接与被测目标所声明的 "
               "`mqtts://`、`wss://` MQTT 代理连接），以 IXIT 为该目标给出的信任锚文件（`ca_bundle`，PEM（RFC 7468），见附录 A）中的 "
               "CA 证书验证服务器的证书链；IXIT 未给出该文件时，以 Mozilla CA 证书计划所收录的根证书列表"
               + (f"（见参考文献[{listed}]）" if listed else "") + "验证，不使用其他任何信任锚（如测试设备所在计算机的操作系统自带的根证书）。所用的信任锚（信任锚文件的 SHA-256 摘要，"
               "或所用列表的发布日期及其 SHA-256 摘要）记入测试报告。证书链不能据此验证时不建立该连接，其结论由各测试用例的"
               "判定准则给出：判定证书链本身的测试用例只依据 IXIT 给出的信任锚文件评判证书链与主机名，不以上述列表代替提供者的"
               "信任锚，证书链不能据此验证时判为不通过，IXIT 未给出该文件时不评判证书链与主机名，无其他不符合项时其结论为不确定；"
               "其他测试用例按其对无法访问的目标或连接失败的规定判定。IXIT 将某一目标的证书验证关闭（`verify_tls` 为否）时，"
               "测试报告所载的 IXIT 记录这一点；判定证书链本身的测试用例仍以其自身的握手依据信任锚文件评判证书链与主机名；"
               "这样的运行不能支持符合性声明，在认证计划下不予运行。",
               "The test equipment verifies the certificate chain of a target it connects to over TLS (`https://`, and "
               "the `wss://` connections the equipment opens itself and the `mqtts://` and `wss://` connections to an "
               "MQTT broker the target declares) against the CA certificates of the trust-anchor file the IXIT gives "
               "for that target (`ca_bundle`, PEM (RFC 7468), see annex A); where the IXIT gives none, against the root "
               "certificates the Mozilla CA Certificate Program includes"
               + (f" (see Bibliography [{listed}])" if listed else "") + ", and no "
               "other anchors (such as the root certificates the operating system of the equipment's computer "
               "carries). The trust anchors used (the file's SHA-256 digest, or the date of the list used and its SHA-256 "
               "digest) are recorded in the test report. Where the chain does not verify against them the connection "
               "is not made, and each test case's verdict criteria give the verdict: the test case that judges the "
               "chain itself judges the chain and the host name against the IXIT's trust-anchor file alone, the list "
               "above never standing in for the anchors of the supplier of the implementation under test; it fails a chain that does not verify against "
               "the file, and where the IXIT gives none it judges neither, its verdict inconclusive with no other "
               "finding; any other test case is judged as it provides for a target that cannot be reached or a "
               "connection that fails. Where the IXIT switches a target's verification off (`verify_tls` false), the "
               "IXIT the test report holds records it; the test case that judges the chain itself still judges the "
               "chain and the host name against the trust-anchor file by handshakes of its own; such a run cannot "
               "support a claim of conformance and is not run under a certification plan.")


def environment_clause(w: Writer, areas: list[str]) -> list[Block]:
    # the supplier's items (the platform's test identities, the terminal and its recording facility) were listed as
    # 测试设备, which 3.x defines as the laboratory's (fifty-eighth reading, a6): they have a row of their own
    labels = (("equipment", "测试设备", "Equipment"), ("provided", "被测对象提供", "Provided with the implementation under test"),
              ("calibration", "校准", "Calibration"),
              ("conditions", "环境条件", "Ambient conditions"))
    # the opening sentence names the tables it introduces (thirteenth reading: 「在下列环境中」 named none)
    tables = sum(any(key in w.data.environment.get(area, {}) for key, _, _ in labels) for area in areas)
    # the table of reading bounds in 5.1 comes first (forty-first reading, part h94-equip)
    named_zh, named_en = tables_ahead(tables + 1, skip=1)
    where = w.t(f"{named_zh} 所列的", f"the environment of {named_en}")
    # 5.1 通则 holds the opening text, which hung between clause 5's heading and its subclauses (thirteenth reading)
    out = [w.heading(w.t("5 测试环境", "5 Test environment"), 1, "clause-5"), general_clause(w, "5.1", "clause-5-general"),
           w.para(w.t(f"各领域的测试在{where if tables else '下列'}环境中进行。测试设备的型号、"
                      "编号、版本与校准状态记入测试报告；所用软件的名称与版本记入测试报告。各表“被测对象提供”一行所列"
                      "属于被测对象，由提供者为测试提供，不是测试设备，测试实验室不对其校准。",
                      f"Each area is tested in {where if tables else 'the environment below'}. The model, number, "
                      "version and calibration state of the test equipment, and the name and version of any software used, "
                      "are recorded in the test report. What a table's row \"Provided with the implementation under test\" "
                      "lists is part of the implementation under test, provided by its supplier for the test, not test "
                      "equipment, and the test laboratory does not calibrate it.")), w.para(trust_anchors_text(w)), w.para(file_bound_text(w)),
           w.para(response_bound_text(w)), w.para(request_timeout_text(w)),
           w.para(contexts_text(w)), *bounds_clause(w)]
    for number, area in enumerate(areas, 2):
        area_zh, area_en = area_title(area)
        env = w.data.environment.get(area, {})
        out.append(w.heading(f"5.{number} {w.t(area_zh, area_en)}", 2, f"environment-{area}"))
        # a clause an environment text cites, 「{clause:clause-5-general}」, is numbered by Writer.fix (crossrefs.KEYED)
        # a calibration row's serial, 「{words:serial}」, in 6.2 a)'s words (seventy-eighth reading, a1)
        rows = [(w.t(zh, en), cited_tables(shared_words(w.text(env[key]), w.lang)))
                for key, zh, en in labels if key in env]
        if rows:
            titled = w.t(f"{area_zh}测试环境", f"{area_en} test environment")
            out.append(w.table(rows, (30, 135), header=False, title=titled))
    return out


def conformance_chapter(w: Writer, catalog: Catalog, chapter: int) -> list[Block]:
    """The 符合性 chapter: a first subclause 「通则」 counting the profiles (it hung above the first profile's
    subclause, thirteenth reading), then a subclause a profile."""
    claimable = sum(bool(catalog.normative_requirements(p)) for p in catalog.profiles.values())
    out = [w.heading(w.t(f"{chapter} 符合性", f"{chapter} Conformance"), 1, "conformance"),
           general_clause(w, f"{chapter}.1", "conformance-general"),
           w.para(w.t(f"本章列出 {len(catalog.profiles)} 个测试配置。其中 {claimable} 个含规范性要求，可用于声称符合本文件；"
                      f"其余 {len(catalog.profiles) - claimable} 个不含规范性要求，不能用于声称符合本文件。",
                      f"This clause lists {len(catalog.profiles)} profiles. {claimable} of them hold normative requirements "
                      f"and can be claimed for conformance to this document; the other "
                      f"{len(catalog.profiles) - claimable} hold none and cannot be claimed."))]
    for number, profile in enumerate(sorted(catalog.profiles.values(), key=lambda p: p.id), 2):
        out += conformance_clause(w, profile, f"{chapter}.{number}")
    return out


def conformance_clause(w: Writer, profile: Profile, number: str) -> list[Block]:
    levels = ("、" if w.lang == "zh" else ", ").join(
        LEVEL_ZH[level.value] if w.lang == "zh" else level.value for level in profile.pass_rule.require)
    reqs = w.catalog.requirements
    kept = [i for i in profile.all_requirements() if i in reqs and normative(reqs[i])]
    # annex C's rows: a deprecated requirement is in no annex, so not counted (fifty-fourth reading, a1)
    held = sum(in_draft(w.catalog, i) for i in profile.all_requirements())
    informative = held - len(kept)
    # N counts what decides the claim (the levels the pass rule requires); the profile's other normative
    # requirements (宜, 可) are run and reported but decide nothing (twenty-sixth reading, row 9)
    deciding = w.catalog.normative_requirements(profile)
    reported = [i for i in kept if i not in deciding]
    heading = w.heading(f"{number} {profile.title.get(w.lang)}（`{profile.id}`）" if w.lang == "zh"
                        else f"{number} {profile.title.en} (`{profile.id}`)", 2, f"profile-{profile.id}")
    if not w.catalog.normative_requirements(profile):
        # information in a note (注), sixth reading; a note states no permission (不可): 不能 (fourteenth reading)
        return [heading, Block("para", w.t("注：", "NOTE ") + w.t(
            f"该测试配置（版本 {profile.version}）不含决定符合性的规范性要求，因此不能据以声称符合本文件；"
            f"其所选 {held} 项要求的测试结果仅供参考。",
            f"This profile (version {profile.version}) holds no normative requirement that decides conformance, "
            f"so conformance to it cannot be claimed. The results of its "
            f"{counted(held, 'requirement')} are for information only."), lang=w.tag,
            normative=False)]
    verdicts = clause_ref("verdicts")  # 6.1, numbered once the document is whole
    # the outcome as the verdicts' clause decides it: a case not applicable does not block the claim
    # (fortieth reading b7: 「应通过……的测试用例」 contradicted 6.1 and profile_outcome); 未执行 is no verdict (3, 41st a4)
    out = [heading,
           w.para(w.t(f"声称符合测试配置“{profile.title.zh}”（版本 {profile.version}）的被测对象，"
                      f"在该配置所选全部“{levels}”级"
                      f"规范性要求（共 {len(deciding)} 项）的测试用例（特性所含要求在 ICS 声明支持该特性时适用）中，"
                      f"应无判定为不通过或不确定者，亦无未执行者，且应至少有一个判定为通过（判定为不适用者不计，见 {verdicts}），"
                      "并应提交填写完整的 ICS 与 IXIT（附录 A）。",
                      f"An implementation claiming conformance to profile \"{profile.title.en}\" (version "
                      f"{profile.version}) shall have, among the test cases of every {levels} normative requirement the "
                      f"profile selects ({len(deciding)} in all; those of a feature when its ICS declares the feature), "
                      f"none that fails or is inconclusive and none not run, and at least one that passes (those not "
                      f"applicable left out; see {verdicts}), and shall supply a completed ICS and IXIT (annex A)."))]
    if reported:
        out.append(_reported(w, [reqs[i].level.value for i in reported]))
    if informative:
        out.append(w.para(w.t(f"该配置另选有 {informative} 项草案或候选要求（附录 {w.annex('candidates')}），"
                              "其结果仅供参考，不影响符合性结论。",
                              f"The profile also selects {counted(informative, 'draft or candidate requirement')} "
                              f"(annex {w.annex('candidates')}); "
                              f"{noun_for(informative, 'its result is', 'their results are')} for information and "
                              f"{noun_for(informative, 'does', 'do')} not decide conformance.")))
    return out


def _reported(w: Writer, levels: list[str]) -> Block:
    """The paragraph saying what the profile's normative requirements of the levels its pass rule does not
    require are for: their cases are run and reported, their verdicts decide no claim (as their own verdict
    lines say: a 宜 failure is reported, a 可 result decides nothing)."""
    counts = [(level, levels.count(level)) for level in LEVEL_ZH if level in levels]
    zh = "与 ".join(f"{n} 项“{LEVEL_ZH[level]}”级" for level, n in counts)
    en = " and ".join(f"{n} {level}" for level, n in counts)
    return w.para(w.t(f"该配置另选的 {zh}规范性要求，其测试用例亦予执行，结果记入测试报告，不影响符合性结论。",
                      f"The test cases of the {en} normative {noun_for(len(levels), 'requirement')} the profile also "
                      "selects are run as well and their results reported; they do not decide conformance."))
