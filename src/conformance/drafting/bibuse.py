"""编制说明 三's sentence on what each 参考文献 entry is for (forty-second reading, a4: ISO 9241-392:2015, RFC 2330 and
a dozen more were listed in the 参考文献 and cited nowhere by their number, in neither the draft nor the 编制说明;
GB/T 1.1-2020 lists in the 参考文献 the documents the text cites informatively). Generated from the requirements'
sources, so an entry a requirement draws on cannot stand uncited again."""

from __future__ import annotations

from .spec import bibliography_entries
from .tables import load_tables
from .writer import Block, Writer, normative


def bibliography_uses(w: Writer) -> list[Block]:
    """A paragraph naming, for every 参考文献 entry a requirement's source cites, the requirements it informs."""
    # every entry of a key naming several works (forty-ninth reading, a5: Woodworth's book beside Kuhn's paper)
    numbers = bibliography_entries(w, w.catalog, load_tables(w.catalog))
    uses: dict[int, list[str]] = {}
    # a withdrawn requirement is not in the draft (forty-eighth reading, d4: AS-MINOR-002 was listed here, as 八 lists none)
    for req in sorted((r for r in w.catalog.requirements.values() if r.status != "deprecated"), key=lambda r: r.id):
        for ref in req.source.standards:
            for number in numbers.get(ref.name, ()):
                if req.id not in uses.setdefault(number, []):
                    uses[number].append(req.id)
    if not uses:
        return []
    zh = "；".join(f"参考文献[{n}]（{'、'.join(ids)}）" for n, ids in sorted(uses.items()))
    en = "; ".join(f"Bibliography [{n}] ({', '.join(ids)})" for n, ids in sorted(uses.items()))
    # an entry only annex C's drafts and candidates cite (fifty-eighth reading, a4: the drafts and W3C CCG reports whose
    # proof types ID-VC-003 judged by, normatively in substance, before its 5.0): said so, as no normative case rests on it
    apart = [n for n, ids in sorted(uses.items()) if not any(normative(w.catalog.requirements[i]) for i in ids)]
    letter = w.annex("candidates")
    only_zh = (f"其中参考文献{'、'.join(f'[{n}]' for n in apart)}只为附录 {letter} 所列的草案或候选要求所引，"
               "本文件的规范性要求不以其为依据。") if apart else ""
    only_en = (f" Of these, {', '.join(f'[{n}]' for n in apart)} are cited only by the draft or candidate requirements "
               f"of annex {letter}: no normative requirement of this document rests on them.") if apart else ""
    return [w.para(w.t(f"参考文献所列文件为下列要求提供数值、定义或背景资料（见各要求的来源与附注）：{zh}。{only_zh}",
                       f"The documents of the bibliography inform the requirements named (see each requirement's "
                       f"sources and notes): {en}.{only_en}"))]
