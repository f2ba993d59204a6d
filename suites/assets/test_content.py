"""Asset content: each content reference's SHA-256 pins the exact bytes it names."""

import pytest

from conformance import Evidence, Inconclusive, NotApplicable, Targets, msg
from conformance.areas.assets.content import resolve, sha256_file, unreadable


@pytest.mark.requirement("AS-CONT-001")
def test_content_hashes_match(targets: Targets, evidence: Evidence):
    files = targets["asset_metadata"]
    checked = remote = 0
    unread: list[str] = []  # files that exist but cannot be read: no digest to judge
    for doc in files.documents():
        content = doc.data.get("content") if isinstance(doc.data, dict) else None
        for index, item in enumerate(content if isinstance(content, list) else []):
            if not isinstance(item, dict) or not isinstance(item.get("uri"), str):
                continue  # malformed references are AS-META-001 findings
            pointer, uri = f"/content/{index}", item["uri"]
            target = resolve(doc.path.parent, uri)
            if target.remote:
                remote += 1
                continue
            if target.path is None:
                evidence.finding(msg("assets.content-not-followed", uri=repr(uri), reason=target.refused),
                                 file=doc.name, pointer=f"{pointer}/uri", actual=uri, rule="R3")
                continue
            if not target.path.is_file():
                evidence.finding(msg("assets.content-no-file", uri=repr(uri)), file=doc.name,
                                 pointer=f"{pointer}/uri", actual=files.display_name(target.path), rule="R3")
                continue
            try:  # a regular file inside the metadata's folder, within the hashing cap
                digest, size = sha256_file(target.path, root=doc.path.parent)
            except OSError as exc:
                reason = getattr(exc, "problem", None) or exc.strerror or str(exc)
                if unreadable(exc):  # the harness cannot read it: inconclusive, not the reference's fault
                    unread.append(f"{files.display_name(target.path)}: {reason}")
                    continue
                evidence.finding(msg("assets.content-not-followed", uri=repr(uri), reason=reason),
                                 file=doc.name, pointer=f"{pointer}/uri", actual=uri, rule="R3")
                continue
            checked += 1
            if digest != item.get("sha256"):
                evidence.finding(
                    msg("assets.content-sha256-differs", file=files.display_name(target.path)),
                    file=doc.name, pointer=f"{pointer}/sha256", expected=item.get("sha256"),
                    actual=digest, rule="R1",
                )
            if "size" in item and item["size"] != size:
                evidence.finding(
                    msg("assets.content-size-differs", file=files.display_name(target.path), size=size),
                    file=doc.name, pointer=f"{pointer}/size", expected=item["size"], actual=size, rule="R2",
                )
    if remote:
        evidence.note(msg("assets.content-remote", count=remote))
    if unread and not evidence.findings_count:
        raise Inconclusive(msg("assets.content-unreadable", files="; ".join(unread)))
    if unread:
        evidence.note(msg("assets.content-unreadable", files="; ".join(unread)))
    if not checked and not evidence.findings_count:
        raise NotApplicable(msg("assets.content-none-local"))
    evidence.note(msg("assets.content-hashed", count=checked))
