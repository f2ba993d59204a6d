"""The typed seam a suite's test is written against: ``targets.http(role)`` and
``targets.file(role)`` hand the role's adapter as the protocol of its kind, and refuse a role
of another kind (the suite's error, not the product's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance import AdapterContext, FileAdapter, FileTarget, HttpAdapter, HttpTarget, Targets


def _targets(tmp_path: Path) -> Targets:
    context = AdapterContext(tmp_path / "m.yaml", {})
    return Targets({
        "api": HttpAdapter("api", {"adapter": "http", "base_url": "http://127.0.0.1:9/"}, context),
        "did_documents": FileAdapter("did_documents", {"adapter": "file", "paths": ["*.json"]}, context),
    })


def test_each_kind_is_handed_as_its_protocol(tmp_path: Path) -> None:
    targets = _targets(tmp_path)
    api: HttpTarget = targets.http("api")
    files: FileTarget = targets.file("did_documents")
    assert api is targets["api"] and isinstance(api, HttpTarget)
    assert files is targets["did_documents"] and isinstance(files, FileTarget)


def test_a_role_asked_as_another_kind_is_refused_naming_it(tmp_path: Path) -> None:
    targets = _targets(tmp_path)
    with pytest.raises(TypeError, match="'did_documents' is a FileAdapter, not a HttpTarget"):
        targets.http("did_documents")
    with pytest.raises(TypeError, match="'api' is a HttpAdapter, not a FileTarget"):
        targets.file("api")
    with pytest.raises(KeyError, match="no target 'assets'"):
        targets.file("assets")
