"""The explanatory note's account of the interfaces this document defines (issue 74).

The seeds ask for a platform's behaviour to be tested (sessions, moderation, trading, minors,
users' data, cloud rendering...) but define no interface to observe it through, so the interface
annex defines one. A committee reading the note must see that it does, which operations, which
requirements each serves, and which exist only in a test deployment, generated from the same
contracts the annex lists so the two agree.
"""

from __future__ import annotations

from .._catalog.catalog import Catalog
from .._catalog.model import Requirement
from .contracts import named_operations
from .writer import Block, Writer


def defined_interfaces(w: Writer, catalog: Catalog, kept: list[Requirement]) -> list[Block]:
    """Sub-clause 3.3 of the note: the operations of the interface annex, with the requirements
    using each and whether only a test deployment offers it; nothing when the annex is absent."""
    letter = w.annex("contracts")
    if not letter:
        return []
    used, _ = named_operations(catalog, kept)
    test_only = sum(op.test_only for op in used)
    out = [w.heading(w.t("（三）本文件定义的接口", "3.3 The interfaces this document defines"), 2, "note-3-3",
                     normative=False),
           w.para(w.t(
               "种子文件要求对元宇宙平台的身份、资产、内容审核、交易、未成年人保护、多人交互、用户数据与云端渲染等行为进行"
               "测试与评价，但未规定平台经由哪些接口提供这些行为。为使每项义务能经接口被观察，而非取决于平台的自我声明，"
               f"附录 {letter} 规定了规范性要求所用的 {len(used)} 个操作（能沿用现行规范者沿用之），其中 {test_only} 个仅由被测对象的测试部署提供"
               "（测试身份的开通、测试时钟等），使两个实验室能在相同条件下观察同一行为，不属于生产环境的接口。"
               "有现行公开协议可用之处即采用之（会话绑定为 WebSocket 上的 JSON-RPC 2.0，错误应答为 RFC 9457 问题详情）。"
               "一个主题在覆盖表中计为已覆盖，仅以这些接口所能承载的种子义务为限。各操作及使用它的规范性要求见下表。",
               "The seeds ask for a metaverse platform's identity, assets, moderation, trading, protection of minors, "
               "multi-user interaction, users' data and cloud rendering to be tested and evaluated, but define no "
               "interface through which a platform offers them. So that each obligation is observed through an "
               f"interface rather than taken from the platform's description of itself, annex {letter} specifies the "
               f"{len(used)} operations the normative requirements use (following an existing specification where one "
               f"exists), {test_only} of them offered only by the "
               "test deployment of the object under test (provisioning test identities, a test clock...), so that two "
               "laboratories observe the same behaviour under the same conditions; they are not production "
               "interfaces. Existing public protocols are used where one fits (the session binding is JSON-RPC 2.0 "
               "over WebSocket, errors are RFC 9457 problem details). A topic counts as covered in the coverage "
               "table only as far as these interfaces carry the seed's obligation. The table lists each operation "
               "and the normative requirements using it."), normative=False)]
    joiner = "、" if w.lang == "zh" else ", "
    rows: list[tuple[str, ...]] = [(w.t("操作", "Operation"), w.t("使用它的规范性要求", "Normative requirements using it"),
                                    w.t("仅测试部署", "Test deployment only"))]
    rows += [(f"{op.method} {op.path}", joiner.join(op.requirements), w.t("是", "yes") if op.test_only else w.t("否", "no"))
             for op in used]
    out.append(w.table(rows, (60, 80, 25), normative=False))
    return out
