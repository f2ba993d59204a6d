"""Labels of report views in English and Chinese."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Conformance report",
        "product": "Product",
        "catalog_digest": "Catalog digest",
        "harness": "Harness",
        "started": "Started",
        "finished": "Finished",
        "complete": "Complete",
        "yes": "yes",
        "no": "no",
        "profiles": "Profiles",
        "profile": "Profile",
        "outcome": "Outcome",
        "requirements": "Requirements",
        "requirement": "Requirement",
        "level": "Level",
        "verdict": "Verdict",
        "message": "Message",
        "evidence": "Evidence",
        "notes": "Notes",
        "blocking": "Blocking",
        "tests": "Tests",
        "pass": "pass",
        "fail": "fail",
        "inconclusive": "inconclusive",
        "not_applicable": "not applicable",
        "error": "error",
        "conformant": "conformant",
        "not_conformant": "not conformant",
        "incomplete": "incomplete",
    },
    "zh": {
        "title": "符合性测试报告",
        "product": "产品",
        "catalog_digest": "目录摘要",
        "harness": "测试工具",
        "started": "开始时间",
        "finished": "结束时间",
        "complete": "运行完整",
        "yes": "是",
        "no": "否",
        "profiles": "测试配置",
        "profile": "配置",
        "outcome": "结论",
        "requirements": "要求",
        "requirement": "要求",
        "level": "级别",
        "verdict": "判定",
        "message": "说明",
        "evidence": "证据",
        "notes": "备注",
        "blocking": "阻断项",
        "tests": "测试",
        "pass": "通过",
        "fail": "不通过",
        "inconclusive": "无法判定",
        "not_applicable": "不适用",
        "error": "错误",
        "conformant": "符合",
        "not_conformant": "不符合",
        "incomplete": "未完成",
    },
}

LANGS = tuple(LABELS)


def labels(lang: str) -> dict[str, str]:
    return LABELS["zh" if lang == "zh" else "en"]
