"""The kinds of the normative references the 编制说明's 八（一） counts, by the issuer of each (GB/T 20000.1's
international, regional and national standards): the twenty-ninth reading (b25) found FIPS 180-4, a United States
federal standard, and an ETSI standard, a European standards body's, counted among the specifications of
international and industry organisations; the thirtieth reading (b21) the six ITU Recommendations there, ITU being
the third international standardising body beside ISO and IEC (《采用国际标准管理办法》 article 3)."""

from __future__ import annotations

#: (openings of a reference's listed name, Chinese kind, English singular, English plural), in the note's order;
#: a reference matching none is a specification of an international or industry organisation (IETF, W3C, OGC...)
KINDS: tuple[tuple[tuple[str, ...], str, str, str], ...] = (
    (("GB",), "国家标准", "national standard", "national standards"),
    (("ISO", "IEC", "ITU", "Recommendation ITU"), "国际标准（ISO、IEC、ITU）", "international standard (ISO, IEC, ITU)",
     "international standards (ISO, IEC, ITU)"),
    (("FIPS",), "外国国家标准（美国联邦信息处理标准）",
     "foreign national standard (a United States Federal Information Processing Standard)",
     "foreign national standards (United States Federal Information Processing Standards)"),
    (("ETSI",), "区域标准（欧洲电信标准化协会）", "regional standard (of ETSI, a European standards body)",
     "regional standards (of ETSI, a European standards body)"),
)


def reference_kinds(names: list[str]) -> tuple[str, str]:
    """The sentence counting the normative references ``names`` (as clause 2 lists them) by kind, in Chinese
    and in English."""
    counts = [sum(name.startswith(openings) for name in names) for openings, *_ in KINDS]
    rest = len(names) - sum(counts)
    kinds = [(kind, n) for kind, n in zip(KINDS, counts, strict=True) if n]
    zh = "、".join(f"{kind[1]}{'' if kind[1].endswith('）') else ' '}{n} 项" for kind, n in kinds)  # no space after ）
    en = ", ".join(f"{n} {kind[2] if n == 1 else kind[3]}" for kind, n in kinds)
    return (f"本文件规范性引用文件 {len(names)} 项，其中{zh}，其余 {rest} 项为国际组织与行业组织发布的规范。",
            f"This document has {len(names)} normative references: {en}, and {rest} specification"
            f"{'' if rest == 1 else 's'} published by international and industry bodies.")
