"""The data area: data products offered for trade and labelled data sets.

A plug-in of ``conformance.areas`` (:mod:`conformance.hookspecs`): its name, its description
and its message templates (``messages.yaml``). Data product descriptions follow W3C DCAT 3
(read as JSON-LD, expanded offline by the processor the areas share, :mod:`.._shared.jsonld`, with
the contexts the manifest declares served while the suites run) with an ODRL policy or a
licence, a schema.org offer for the price and SPDX checksums of the distributions
(:mod:`.dcat`, :mod:`.pricing`); labelled data sets are COCO annotation files (:mod:`.coco`,
:mod:`.coco_masks`, :mod:`.coco_keypoints`) and W3C Web Annotations of texts
(:mod:`.text_labels`). The tests are in ``suites/data``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path

from conformance import hookimpl
from conformance.area import RunContext

from .. import _shared as shared


@hookimpl
def conformance_area() -> str:
    return "data"


@hookimpl
def conformance_area_description() -> Mapping[str, Mapping[str, str]]:
    from .._shared import jsonld

    # the JSON-LD contexts the equipment holds, which 5.1 lists (forty-first reading, b8): one URL a line
    held = "\n".join(entry["url"] for entry in jsonld.listing())
    # the held contexts no one but this project publishes (forty-eighth reading, a3): annex E gives their terms
    own = json.dumps({e["url"]: jsonld.bundled()[e["url"]] for e in jsonld.listing() if e.get("path") == "this repository"})
    # each held context's SHA-256 (of the file's bytes, checked when loaded) and retrieval date, which annex E
    # tables so a laboratory knows which version of the URL's document is meant (forty-ninth reading, a1)
    pins = json.dumps([[e["url"], e["sha256"], str(e["retrieved"])] for e in jsonld.listing()])
    return {
        "jsonld_contexts": {"zh": held, "en": held},
        "jsonld_context_pins": {"zh": pins, "en": pins},
        "own_jsonld_contexts": {"zh": own, "en": own},
        "title": {"zh": "数据产品与数据标注", "en": "Data products and data labelling"},
        "scope": {"zh": "数据产品与数据标注", "en": "data products and data labelling"},
        "environment": {
            "zh": ("测试工具读取被测产品导出的数据产品描述（W3C DCAT 3，JSON-LD，离线展开）、其分发文件与所分发的"
                   "标注（COCO 标注文件与 W3C Web Annotation 文本标注），核对描述所声明的许可或使用策略、"
                   "价格、校验和与文件本身，以及标注与其类别、图像、文本的一致性。"),
            "en": ("The harness reads the data product descriptions the implementation under test exports (W3C DCAT 3 as "
                   "JSON-LD, expanded offline), their distribution files and labelled data sets (COCO "
                   "annotation files and W3C Web Annotation text labels), and compares the licence or usage "
                   "policy, price and checksums the descriptions declare with the files themselves, and the "
                   "labels with their categories, images and texts."),
        },
    }


@hookimpl
def conformance_message_templates() -> Mapping[str, Path]:
    # the code shared with other areas writes messages of its own (keys shared.*)
    return {"data": Path(__file__).with_name("messages.yaml"), shared.PREFIX: shared.TEMPLATES}


@hookimpl
def conformance_run_surroundings(run: RunContext) -> Iterable[AbstractContextManager[object]]:
    """The JSON-LD contexts the manifest declares (``jsonld_contexts``), served while the suites
    run, as the identity area serves them: the descriptions are expanded whether or not that
    area is installed."""
    from .._shared import jsonld

    return [jsonld.serving(dict(run.jsonld_contexts))]
