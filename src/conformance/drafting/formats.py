"""The normative annex of data formats: the data formats the test cases read (the capture file's header, stream
declarations and frames, the device descriptor, the laboratory record), each generated member by
member from the schema the harness validates with (``formats:`` of ``suites/specification.yaml``
names them), so that the text a laboratory reads and the validator a run applies cannot drift
(issue 76: they were cited only as an informative web page while 59 test cases read them).

A test case whose text names what a format holds (``read_as``: 采集文件, 设备描述...) cites the
clauses of the formats it reads, in its initial conditions."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin

from .._catalog.catalog import Catalog
from .._catalog.schemas import BASE_URI
from .bibcites import numbered_pointers
from .bundledcontexts import held_context_clauses
from .corpora import corpus_names
from .crossrefs import schema_anchor
from .corpustables import corpus_clauses
from .encodings import encoding_clauses
from .framepayloads import frame_note, payload_clause
from .owncontexts import own_context_clauses
from .schema_summary import DESCRIPTION_ZH
from .schematables import cited_tables, closed_words, dash_words, keyword_words, required_words, schema_table
from .writer import Block, Writer, clause_ref, general_clause, table_ahead, table_ref, tables_ahead
from .xmlformats import xml_formats
from .xmltables import xml_clauses



#: levels of nested members the data formats annex gives: all of them (the summary stops at a schema that
#: refers back to one being expanded)
FORMAT_DEPTH = 64

def root_description(schema: object, lang: str) -> str:
    """A format's own description (the schema's root, or the definition an entry names) in ``lang``: the
    English ``description``, the Chinese ``x-description-zh`` (the members' annotation; the sixteenth part of
    issue 76: the roots were English only and not rendered); "" when the schema has none in that language."""
    said = schema.get("description" if lang == "en" else DESCRIPTION_ZH) if isinstance(schema, dict) else None
    return cited_tables(said.strip()) if isinstance(said, str) else ""


def common_noun(title: str) -> str:
    """A clause title as a common noun inside an English phrase ("Members of the capture file header", not "of
    Capture file header": thirty-first reading); a title opening with a name or an abbreviation ("OpenXR …",
    "NDJSON …") keeps its capital."""
    first = title.split(" ", 1)[0]
    return title[:1].lower() + title[1:] if first[1:].islower() else title


def format_uri(entry: dict[str, object]) -> str:
    return BASE_URI + str(entry["schema"])


#: the 参考文献 entry of NDJSON, cited where E.1 states the framing of every NDJSON file the cases read
NDJSON = "NDJSON (Newline Delimited JSON) specification"


def ndjson_framing(w: Writer) -> str:
    """E.1's sentence on what a line of an NDJSON file is, as the readers frame it (``codecs/ndjson.blank``: a line
    feed ends a line, a line of JSON white space is blank). Fifty-first reading, a4: the capture file, the asset
    history and the robot records were 「NDJSON」, defined only by a web page the draft never cited."""
    return numbered_pointers(w, w.t(
        "本附录中的 NDJSON 文件（换行分隔的 JSON，见参考文献）为 UTF-8 编码的文本，由行组成：每行以换行符（`U+000A`）结束，"
        "最后一行可以没有换行符；换行符之前的回车符（`U+000D`）属于该行。不含字符或只含 RFC 8259 第 2 节所规定的空白字符"
        "（空格、水平制表符、回车符）的行为空行，不携带数据；其余每行为一个 JSON 文本（RFC 8259）。",
        "An NDJSON file in this annex (newline-delimited JSON, see the bibliography) is UTF-8 text made of lines: each "
        "line ends with a line feed (`U+000A`), and the last line may lack one; a carriage return (`U+000D`) before the line "
        "feed belongs to the line. A line holding nothing or only the white space of RFC 8259 section 2 (space, "
        "horizontal tab, carriage return) is an empty line and carries no data; every other line is one JSON text "
        "(RFC 8259). "), [[NDJSON]])


def ndjson_pointer(w: Writer) -> str:
    """The pointer from a format framed as NDJSON to E.1's framing (「行与空行见 E.1」)."""
    general = clause_ref("annex-formats-general")
    return w.t(f"行与空行见 {general}", f"lines and empty lines as in {general}")


def ndjson_pointed(w: Writer, lead: str) -> str:
    """A format's ``lead`` with the parenthesis naming its NDJSON framing (「（UTF-8 编码的 NDJSON）」) ending in
    :func:`ndjson_pointer`."""
    return re.sub(r"([（(][^（）()]*NDJSON[^（）()]*)([）)])",
                  lambda m: m.group(1) + w.t("，", ", ") + ndjson_pointer(w) + m.group(2), lead, count=1)


def lines_of(w: Writer, entry: dict[str, object], lead: str) -> Block:
    """The clause of a file whose every line conforms to a schema annex D tables (forty-sixth reading, a5: the asset
    history export was defined as a file in no normative annex, only its events and the HTTP answer in annex D): the
    file's framing, the schema's own description, and the number of annex D's table, not the table again."""
    table = table_ref(schema_anchor(format_uri(entry)) + "-members")  # annex D's table of the schema (annexes.py)
    framing = w.text(entry["lines"]).format(general=clause_ref("clause-5-general"), ndjson=ndjson_pointer(w))
    return w.para(w.t(f"{framing}{lead}其成员见表 {table}。", f"{framing} {lead} Its members are given in Table {table}."))


def annex_formats(w: Writer, catalog: Catalog) -> list[Block]:
    formats = w.data.formats
    if not formats:
        return []
    registry = catalog.schemas.registry
    letter = w.annex("formats")

    def resolve(at: str, ref: str) -> tuple[object, str]:
        return registry.resolver(base_uri=at).lookup(ref).contents, urldefrag(urljoin(at, ref))[0]

    # the tables by their numbers (thirteenth reading: 「各表」 named none of them)
    tabling = [e for e in formats if not e.get("lines")]  # a file of lines annex D tables has no table here
    named_zh, named_en = tables_ahead(len(tabling))
    tables_zh, tables_en = (f"{named_zh} ", named_en) if len(tabling) > 1 else ("各表", "The tables")
    out = [w.heading(w.t(f"附录 {letter}（规范性）数据格式", f"Annex {letter} (normative) Data formats"), 1,
                     "annex-formats", page=True),
           general_clause(w, f"{letter}.1", "annex-formats-general"),  # the opening text hung above the first format
           w.para(intro := ndjson_framing(w) + w.t("采集文件为 NDJSON 文件"
                      "（可以按 RFC 1952 规定的 gzip 格式压缩）：第一行为文件头，其 `streams` 数组的每个元素声明一个数据流，"
                      "其余每个非空行为一帧。"
                      f"{tables_zh}逐成员给出各格式的 JSON Schema 2020-12 模式所规定的成员、类型、是否必需及约束："
                      "`a.b` 为成员 `a` 之中的成员 `b`，`a[]` 为数组 `a` 的元素，`a.*` 为对象 `a` 中名称由实例自定的任一成员"
                      "（“必需”栏记为“—”），〔*k*〕为第 *k* 种备选形式的成员；"
                      "各层成员逐一给出。" + closed_words(w) +
                      f"模式以其 URI（`$id`）标识，省略共同前缀 `{BASE_URI}`。",
                      "A capture file is an NDJSON file (which may be compressed in the `gzip` format, RFC 1952): its first "
                      "line is the header, each element of whose `streams` array declares a stream, and every other "
                      f"non-empty line is a frame. {tables_en} give, member by member, what each format's JSON Schema "
                      "2020-12 schema requires (each member, its type, whether it is required and its "
                      "constraints): `a.b` is member `b` within member `a`, `a[]` an element of array `a`, `a.*` any "
                      "member of object `a` whose name the instance chooses (marked \"—\" under \"Required\"), 〔*k*〕 a "
                      "member of the *k*-th alternative form; members are given at every level of nesting. "
                      + closed_words(w) + " Schemas are "
                      f"identified by their URI (`$id`), shown without the common prefix `{BASE_URI}`."))]
    framed = next(((f"{letter}.{i + 2}", e) for i, e in enumerate(formats) if e.get("payloads")), None)
    payload_clause_number = f"{letter}.{len(formats) + 2}"  # after the last format's clause
    # each format's table once: a member conforming to another format (the header's `device`, `streams[]`) refers to
    # its table (thirty-first reading: 表 E.1 expanded 表 E.2 and 表 E.4 again, 745 of its rows, as annex D no longer does)
    tabled = {format_uri(e): (f"`{e['schema']}`", f"members-format-{i}") for i, e in enumerate(formats, 1)
              if not e.get("lines")}
    for index, entry in enumerate(formats, 1):
        uri, number = format_uri(entry), index + 1
        out.append(w.heading(f"{letter}.{number} {w.text(entry['title'])}（`{entry['schema']}`）" if w.lang == "zh"
                             else f"{letter}.{number} {w.text(entry['title'])} (`{entry['schema']}`)", 2,
                             f"format-{index}"))
        if entry.get("lines"):  # the file's framing, what each line is, and annex D's table of its members
            out.append(lines_of(w, entry, root_description(resolve(uri, uri)[0], w.lang)))
            continue
        lead = ndjson_pointed(w, root_description(resolve(uri, uri)[0], w.lang))
        if lead and entry.get("cites"):  # its pointers to the 参考文献 by their numbers (sixty-first reading, b1)
            lead = numbered_pointers(w, lead, entry["cites"])
        if lead:  # what it is, then its table
            out.append(w.para(w.t(f"{lead}其成员见表 {table_ahead(1)}。", f"{lead} Its members are given in Table "
                                  f"{table_ahead(1)}.")))
        # every level (fourth reading: 82 objects of the capture and descriptor formats, `device.system.display`
        # among them, whose members TD-DISP-001 reads, were given by their type alone at the third level)
        out.append(schema_table(w, {"$ref": uri}, urldefrag(uri)[0], resolve, depth=FORMAT_DEPTH,
                                title=w.t(f"{w.text(entry['title'])}（`{entry['schema']}`）",
                                          f"the {common_noun(w.text(entry['title']))} (`{entry['schema']}`)"),
                                described=True, named=True,  # a keyed object's members too (twenty-seventh reading)
                                tabled={k: v for k, v in tabled.items() if k != uri}, anchor=f"members-format-{index}"))
        if entry.get("payloads"):  # the payload table comes after the remaining formats' tables
            # the tables still to come: the later formats' (a file of lines has none here), then the payloads'
            out.append(frame_note(w, entry, sum(not e.get("lines") for e in formats[index:]) + 1, payload_clause_number))
    # the legend's notations those the tables print (thirty-third reading: seven copied from annex D's, used by none)
    cells = "\n".join(cell for block in out if block.kind == "table" and block.anchor.startswith("members-format-")
                      for row in block.rows[1:] for cell in row[2:4])
    dashes = dash_words(w, [block for block in out
                            if block.kind == "table" and block.anchor.startswith("members-format-")])
    opening = intro + w.t("", " ") + required_words(w, cells) + (w.t("", " ") + dashes if dashes else "") + w.t(
        "", " ") + keyword_words(w, cells)
    if framed:
        out += payload_clause(w, framed[1], payload_clause_number, framed[0], "format-payloads")
    after_payloads = len(formats) + 2 + bool(framed)
    # the encodings no JSON Schema states (forty-first reading, a10, a11, a13), after the corpora's clauses
    after_corpora = after_payloads + len(corpus_names())
    # then the XML formats' elements (forty-second reading a7: URDF)
    after_xml = after_corpora + len(w.data.encodings) + len(xml_formats())
    own = own_context_clauses(w, letter, after_xml)  # this project's own JSON-LD contexts (48th, a3)
    whole = (out + corpus_clauses(w, letter, after_payloads) + encoding_clauses(w, after_corpora)
             + xml_clauses(w, letter, after_corpora + len(w.data.encodings))
             + own + held_context_clauses(w, letter, after_xml + bool(own)))  # last: each held context's digest (49th, a1)
    whole[2] = w.para(annex_contents(w, whole, letter) + w.t("", " ") + opening)
    return whole


def annex_contents(w: Writer, blocks: list[Block], letter: str) -> str:
    """E.1's opening: the data this annex defines, listed from its own clauses' titles (so the list cannot drift
    from the clauses), annex D for the interfaces' messages, and the cited standards for any other data the cases
    read (fifty-seventh reading, ax2: 「测试用例读取的数据应符合本附录规定的格式」 claimed every datum a case reads,
    glTF, IFC, images and the HTTP messages among them, which this annex does not define)."""
    named = [(number, re.sub(r"\s*[（(]`[^`]+`[）)]$", "", title))
             for block in blocks if block.kind == "heading" and block.level == 2
             for number, _, title in [block.text.partition(" ")] if number != f"{letter}.1"]
    items = [w.t(f"{title}（{number}）", re.sub(r"^(?!the )", "the ", f"{common_noun(title)} ({number})"))
             for number, title in named]
    listed = "、".join(items) if w.lang == "zh" else ", ".join(items[:-1]) + ", and " + items[-1]
    contracts = w.annex("contracts")
    messages = w.t(f"测试用例经接口发送与接收的消息与应答的格式见附录 {contracts}；",
                   f"The messages and answers the test cases exchange through the interfaces are specified in Annex "
                   f"{contracts}; ") if contracts else ""
    return w.t(f"测试用例读取的下列数据应符合本附录的规定：{listed}。{messages}测试用例读取的其他数据应符合该测试用例所引用"
               "的标准或规范。",
               f"The following data the test cases read shall conform to this annex: {listed}. {messages}"
               + ("any" if contracts else "Any") + " other data a test case reads shall conform to the standards or "
               "specifications that test case cites.")
