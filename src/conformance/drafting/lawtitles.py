"""The laws and rules the Chinese text cites, each by its full official title, listed in one place (forty-third
reading, b4: 《个人信息保护法》 stood 17 times beside 4 《中华人民共和国个人信息保护法》, with no 「以下简称」; annex A
had 《未成年人保护法》 and 《消费者权益保护法》 only). The catalog's texts may keep the short title; the draft and the
编制说明 print the full one wherever a title stands, so one law has one name."""

from __future__ import annotations

import re
from dataclasses import replace

from .writer import Block

#: a short title the texts use -> the official title (the promulgated document's own title)
LAW_TITLES = {
    "个人信息保护法": "中华人民共和国个人信息保护法",
    "消费者权益保护法": "中华人民共和国消费者权益保护法",
    "未成年人保护法": "中华人民共和国未成年人保护法",
    "网络安全法": "中华人民共和国网络安全法",
    "数据安全法": "中华人民共和国数据安全法",
    "证券法": "中华人民共和国证券法",
    "民法典": "中华人民共和国民法典",
    "电子商务法": "中华人民共和国电子商务法",
    "著作权法": "中华人民共和国著作权法",
    "标识办法": "人工智能生成合成内容标识办法",
}
_SHORT = re.compile("《(" + "|".join(map(re.escape, LAW_TITLES)) + ")》")


def full_law_titles(text: str) -> str:
    """``text`` with each short law title in book-title marks written as the official title."""
    return _SHORT.sub(lambda m: f"《{LAW_TITLES[m.group(1)]}》", text)


#: the NPPA notices the texts name by their year (「国家新闻出版署 2019 年通知」): year -> the notice's title, its 文号
#: and its catalog name, by which the 参考文献 numbers it (fifty-first reading, a6: the nickname stood in ten places
#: of the provisions, the title and the 文号 in the 参考文献 alone)
NOTICES = {
    "2019": ("国家新闻出版署关于防止未成年人沉迷网络游戏的通知", "国新出发〔2019〕34号",
             "NPPA Notice on preventing minors' addiction to online games (国新出发〔2019〕34号)"),
    "2021": ("国家新闻出版署关于进一步严格管理　切实防止未成年人沉迷网络游戏的通知", "国新出发〔2021〕14号",
             "NPPA Notice on further strictly managing and preventing minors' addiction to online games (国新出发〔2021〕14号)"),
}
_NOTICE = re.compile(r"国家新闻出版署 (2019|2021) 年通知(?:（国新出发〔\d{4}〕\d+号）)?")


def _named_notices(texts: list[str], numbers: dict[str, int]) -> list[str]:
    """``texts`` (one block's, in order) with each notice's first mention by its nickname written as its title, 文号
    and 参考文献 entry: 「《…通知》（国新出发〔2019〕34号，见参考文献[36]）」; later mentions keep the short form."""
    done: set[str] = set()

    def full(found: re.Match[str]) -> str:
        title, symbol, name = NOTICES[found.group(1)]
        if found.group(1) in done or name not in numbers:
            return found.group(0)
        done.add(found.group(1))
        return f"《{title}》（{symbol}，见参考文献[{numbers[name]}]）"
    return [_NOTICE.sub(full, text) for text in texts]


def titled_laws(blocks: list[Block], numbers: dict[str, int] | None = None) -> list[Block]:
    """The Chinese blocks with every law by its official title (the whole document: some tables are written
    without :meth:`~.writer.Writer.fix`, annex B's traceability and the 编制说明's limits among them), and, given the
    参考文献's ``numbers``, each NPPA notice by its title at its first mention in a block (a heading keeps the short
    form)."""
    def full(block: Block) -> Block:
        if block.lang != "zh-CN":
            return block
        rows = tuple(tuple(full_law_titles(cell) for cell in row) for row in block.rows)
        text = full_law_titles(block.text)
        if numbers and block.kind != "heading":
            named = iter(_named_notices([text, *(cell for row in rows for cell in row)], numbers))
            text, rows = next(named), tuple(tuple(next(named) for _ in row) for row in rows)
        return replace(block, text=text, title=full_law_titles(block.title), rows=rows)
    return [full(block) for block in blocks]
