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


def titled_laws(blocks: list[Block]) -> list[Block]:
    """The Chinese blocks with every law by its official title (the whole document: some tables are written
    without :meth:`~.writer.Writer.fix`, annex B's traceability and the 编制说明's limits among them)."""
    def full(block: Block) -> Block:
        if block.lang != "zh-CN":
            return block
        return replace(block, text=full_law_titles(block.text), title=full_law_titles(block.title),
                       rows=tuple(tuple(full_law_titles(cell) for cell in row) for row in block.rows))
    return [full(block) for block in blocks]
