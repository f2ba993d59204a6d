"""What annex D's operations tables print of an operation beyond its schemas: the status codes the contract
gives and whether the bearer token protects it (twenty-ninth reading b7), and the schema of each further media
type of its successful response (b8: resolveDid's ``application/did-resolution``).

The contract (``schemas/interfaces/*.yaml``) is not part of the document; a case judging "201" or "requires the
bearer token" rests on what the normative annex prints, so the annex prints it from the contract.
"""

from __future__ import annotations

from collections.abc import Callable

from .._catalog.contractops import holder_only
from .._catalog.schemas import BASE_URI
from .contractexamples import LEAD, example_text, has_example
from .contracts import Operation, _resolve, _schema_node, _schema_of
from .englishcode import marked_part
from .writer import NEXT_TABLE, Block, Writer, table_ref

#: (schema URI, schema, contract URI, operation ID, the role's words) -> the schema as the table shows it (with its clause)
Shown = Callable[[str, object, str, str, tuple[str, str]], str]


#: the successful response's words, as the schema column and the heading of its inline schema name it (thirty-second
#: reading b4: the English said "Response", which reads as every answer's schema, though 4xx are problem details)
RESPONSE = ("成功响应", "successful response")


def request_role(op: Operation) -> tuple[str, str]:
    """The request body's words, with the media type the contract gives where a schema describes a body that is not
    JSON (thirty-second reading b5: a form, RFC 7662 2.1, and a glTF document read as JSON objects)."""
    media = "、".join(f"`{m}`" for m in op.request_media)
    if not op.request or not media or op.request_media == ("application/json",):
        return "请求体", "request body"
    return f"请求体（{media}）", f"request body ({media.replace('、', ', ')})"


def response_text(w: Writer, op: Operation, first: str, short: Shown) -> str:
    """The successful response's schemas: without further media types ``first`` (as shown) alone; with them,
    each schema after the media types it answers in (``application/did-resolution``: …)."""
    if not op.response_alternatives:
        return first
    sep, comma = ("；", "、") if w.lang == "zh" else ("; ", ", ")
    others = {media for media, _, _ in op.response_alternatives}
    groups: dict[str, list[str]] = {first: [m for m in op.response_media if m not in others]}
    for media, uri, node in op.response_alternatives:
        groups.setdefault(short(uri, node, op.contract, op.operation_id, RESPONSE), []).append(media)
    return sep.join(comma.join(f"`{m}`" for m in media) + w.t("：", ": ") + shown for shown, media in groups.items())


def error_bodies(w: Writer, op: Operation, document: dict[str, object], short: Shown) -> str:
    """A line for the responses other than the successful one whose body the contract gives: each status code (those
    sharing one body together) with each media type's schema. ID-REG-004 reads resolveDid's 410, problem details or
    a DID resolution result, IR-RES-002 the resolver's 400, 404, 406 and 501 (forty-third reading b1: the annex showed
    the successful response alone, so what a case judged a 410 against stood in the contract only)."""
    sep, comma, colon = ("；", "、", "：") if w.lang == "zh" else ("; ", ", ", ": ")
    groups: dict[str, list[str]] = {}
    responses = op.source.get("responses") if isinstance(op.source, dict) else None
    for code, node in (responses if isinstance(responses, dict) else {}).items():
        response = _resolve(document, node)
        content = response.get("content") if isinstance(response, dict) else None
        if str(code)[0] in "12" or not isinstance(content, dict):  # a range (4XX) or default too (59th reading b1)
            continue
        shown = []
        for media, body in content.items():
            one = {"content": {media: body}}
            uri = _schema_of(op.contract, document, one)
            role = (f"{code} 响应", f"{code} response")  # an inline schema's heading
            shown.append(f"`{media}`" + (colon + short(uri, _schema_node(one), op.contract, op.operation_id, role)
                                         if uri else ""))
        groups.setdefault(sep.join(shown), []).append(status_name(w, str(code)))
    lines = [comma.join(codes) + colon + shown for shown, codes in groups.items()]
    return w.t("\n其他响应：", "\nOther responses: ") + "\n".join(lines) if lines else ""


def status_and_protection(w: Writer, op: Operation) -> str:
    """The lines the schema column adds: the status codes, then the bearer token (optional where the contract also
    allows a request without one; the asset's holder's alone where the contract reserves the operation to the holder,
    fifty-second reading b1: IF-AUTH-002 picked lock and unlock by a mark annex D gave transfer and burn alone) or
    none."""
    responses = op.source.get("responses") if isinstance(op.source, dict) else None
    # every response the contract records, ranges (4XX) and default too: a case judging "a status code the contract
    # records" reads them here (fifty-ninth reading b1: 404 to a path value that does not exist read as unrecorded)
    named = sorted((str(k) for k in (responses if isinstance(responses, dict) else {})),
                   key=lambda k: (k == "default", "X" in k, k))
    codes = ("、" if w.lang == "zh" else ", ").join(status_name(w, k) for k in named) or "—"
    token = (w.t("可选不记名令牌", "optional bearer token") if op.anonymous else w.t("不记名令牌", "bearer token")) \
        if op.bearer else w.t("无", "none")
    if holder_only(op.source):
        token += w.t(*HOLDER_ONLY)
    return w.t(f"\n状态码：{codes}\n保护：{token}", f"\nStatus codes: {codes}\nProtection: {token}")


def status_name(w: Writer, code: str) -> str:
    """A response's key as annex D prints it: a code or a range (``4XX``) as it is, ``default`` as the other codes."""
    return w.t("其余状态码", "any other status code") if code == "default" else code


#: the mark of an operation only the holder of the asset its path names may perform (``x-mutating``'s ``as: holder``)
HOLDER_ONLY = ("，仅限资产持有者", ", the asset's holder only")


#: D.1's sentence on the operations of optional services (seventy-second reading, b's doubtful 1): those a row says a
#: platform listing a profile offers (``x-profiles``, ``x-features``) and those reached through a discovery member
#: (``x-discovery``) are offered only by a platform declaring them, and a case probing every operation of a kind
#: probes those offered (:func:`conformance.area.offered`)
OFFERED = (
    "标有“由服务发现文档列出测试配置……的平台提供”的操作以及经服务发现文档成员到达的操作属于可选的服务，"
    "仅由其服务发现文档在 `profiles` 中列出所标测试配置之一（标有特性时并在 `features` 中列出该特性）或声明该成员的平台提供；"
    "测试用例探测某类全部操作时，只探测平台所提供的操作，平台未提供的操作记为未探测；"
    "服务发现文档未能读取时，这些操作亦记为未探测，其余操作均满足要求时判定为不确定。",
    "An operation a row says \"offered by a platform whose discovery document lists\" a profile, and one reached "
    "through a member of the discovery document, belongs to an optional service, offered only by a platform whose "
    "discovery document lists one of the profiles marked in `profiles` (and the feature marked, if any, in "
    "`features`) or declares the member; a test case probing every operation of a kind probes only those the "
    "platform offers, and records the others as not probed; when the discovery document cannot be read, these "
    "operations are recorded as not probed too, and the case is inconclusive where the others meet the requirement.",
)


#: D.1's sentences on what the tables add to the general clause: the well-known URI's place (twenty-ninth reading b6),
#: the operations reached through a URL an answer carries (b10), and the lines of the schema column (b7: the codes
#: the contract records, ranges such as 4XX too since the fifty-ninth reading b1; forty-third reading b1: the bodies of
#: the other responses the contract gives)
GENERAL = (
    "众所周知 URI（路径以 `/.well-known/` 开头，如服务发现文档）不相对于基础地址，而位于基础地址所在源的根路径（RFC 8615 第 3 节）。"
    "测试步骤经应答所载 URL 到达的操作（如凭证 `credentialStatus` 中 `statusListCredential` 所指的状态列表）亦列于下表。"
    "“模式”一栏还给出契约为该操作记录的全部响应状态码（成功响应的状态码，契约另行规定的状态码，如已停用 DID 的 410，"
    "以及状态码范围，如 `4XX` 为 400 至 499 中的任一状态码；“其余状态码”为未另列的任一状态码），"
    "以及该操作是否以不记名令牌（RFC 6750）保护：“保护：不记名令牌”的操作应仅受理带有效不记名令牌的请求；"
    "“保护：可选不记名令牌”的操作亦受理不带令牌的请求，请求带有效不记名令牌时以该令牌识别调用者。"
    f"“保护：不记名令牌{HOLDER_ONLY[0]}”的操作应仅由路径中资产标识所指资产的持有者执行。"
    "契约为成功响应以外的响应给出响应体时，“其他响应”一行给出其状态码（响应体相同者并列）及各媒体类型的模式，该响应的响应体应符合所列模式"
    "（如已停用 DID 的 410 为问题详情，其扩展成员 `deactivated` 为 `true`）。"
    "契约为某响应规定头字段时，“响应头”一行给出其状态码、头字段及其所载内容（如 429 响应的 `Retry-After`）。"
    f"{OFFERED[0]}",
    "A well-known URI (a path beginning with `/.well-known/`, such as the discovery document's) is not relative to "
    "the base address but at the root of the base address's origin (RFC 8615 3). An operation a test case's steps "
    "reach through a URL an answer carries (such as the status list a credential's `credentialStatus` names in "
    "`statusListCredential`) is listed too. "
    "The column \"Schemas\" also gives every response status code the contract records for the operation "
    "(that of the successful response, those it defines besides, such as 410 for a deactivated DID, and ranges of "
    "codes, such as `4XX` for any code from 400 to 499; \"any other status code\" for any code not listed), and whether "
    "the operation is protected by the bearer token (RFC 6750): an operation marked \"Protection: bearer token\" "
    "shall accept only a request carrying a valid bearer token; one marked \"Protection: optional bearer token\" "
    "accepts a request without a token too, and identifies the caller by the valid bearer token a request carries. "
    f"An operation marked \"Protection: bearer token{HOLDER_ONLY[1]}\" shall be performed only by the holder of the "
    "asset the asset ID in its path names. "
    "Where the contract gives the body of a response other than the successful one, the line \"Other responses\" gives "
    "its status codes (those sharing a body together) and each media type's schema, and the body of such a response "
    "shall be valid against the schema listed (such as the 410 of a deactivated DID: problem details whose extension "
    "member `deactivated` is `true`). "
    "Where the contract defines header fields of a response, a line \"response header\" gives its status code, the "
    "field and what it carries (such as the `Retry-After` of a 429 response). "
    f"{OFFERED[1]}",
)


def _success_described(op: Operation) -> tuple[str, str]:
    """(English, Chinese) of the successful response the contract describes in both languages (``x-description-zh``
    on the response), as 「成功响应：…」; ("", "") without. A body given by media type only says there what a case reads
    of it: renderStream's MP4 is fragmented, one movie fragment a frame (fifty-fourth reading c1: SC-RENDER-002 and
    SC-RENDER-004 time the frames by it, and only the English contract said so)."""
    responses = op.source.get("responses") if isinstance(op.source, dict) else None
    for code, node in (responses if isinstance(responses, dict) else {}).items():
        if str(code).startswith("2") and isinstance(node, dict) and node.get("x-description-zh"):
            return (f"{RESPONSE[1][0].upper()}{RESPONSE[1][1:]}: {str(node.get('description', '')).strip()}",
                    f"{RESPONSE[0]}：{str(node['x-description-zh']).strip()}")
    return "", ""


def described_operations(w: Writer, ops: list[Operation], table: str) -> list[Block]:
    """The operations of one contract whose contract says more than their summary (``description``, in Chinese
    ``x-description-zh``): a table after the operations table ``table`` (its anchor), so that what a case judges
    against, such as renderStream's test scene, stands in the annex (forty-first reading a5)."""
    # the English marks as code what the Chinese marks (twenty-third reading, row 29, as for the cases)
    # and each JSON request body's example the cases build requests from (fifty-eighth reading b1)
    rows = [(f"`{op.operation_id}`", "\n".join(filter(None, (w.t("", " ").join(
        zh if w.lang == "zh" else marked_part(en, zh, w.allowed, w.literals) for en, zh in said), example_text(w, op)))))
            for op in ops if (said := [p for p in (op.description, _success_described(op)) if p[0]]) or has_example(op)]
    if not rows:
        return []
    named = ops[0].contract.removeprefix(BASE_URI)
    lead = w.t(LEAD[0], " " + LEAD[1]) if any(has_example(op) for op in ops) else ""
    return [w.para(w.t(f"表 {table_ref(table)} 所列操作在其模式之外的规定见表 {NEXT_TABLE}。",
                       f"What the operations of {table_ref(table)} do beyond their schemas is given in Table {NEXT_TABLE}.")
                   + lead),
            w.table([(w.t("操作", "Operation"), w.t("规定", "Provision")), *rows], (40, 125),
                    # titled by its contract, as the parameters' tables are (thirteenth reading: a table's title says
                    # what it holds, and an annex D table not of a contract lists a schema's members)
                    title=w.t(f"`{named}` 的操作在其模式之外的规定", f"Provisions of the operations of `{named}` beyond "
                              "their schemas"), anchor=f"provisions-{named}")]  # a case's 「{table:provisions-…}」
