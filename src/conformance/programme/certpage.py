"""A certificate's printable page: what the certificate says in English and Chinese, its status
(valid, revoked, suspended) as of the page's generation, and a QR code of its verification link;
restated when the status the programme log gives it changes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markupsafe
import orjson

from .._io.outputs import atomic_write
from .._io.vendorfiles import MAX_DOCUMENT_BYTES, read_capped
from . import audit
from .certformat import CERTIFICATES
from .templating import templates


@dataclass(frozen=True)
class PageStatus:
    """A certificate's status as its printable page states it: ``valid``, ``revoked`` or
    ``suspended``, since when (the issue, the revocation, the suspension) and why, as of when
    the page was generated (a printed page cannot change: it says when it was true)."""

    state: str
    since: str
    as_of: str
    reason: str = ""
    run_id: str = ""

    def key(self) -> str:
        """What the page records of its status: a page stating another is generated again."""
        return hashlib.sha256(orjson.dumps([self.state, self.since, self.reason, self.run_id])).hexdigest()


def page_status(view: audit.LogView, certificate_id: str, issued: str, as_of: str) -> PageStatus:
    """The status the programme log gives ``certificate_id`` (a revocation outranks a suspension)."""
    revoked = view.revoked.get(certificate_id)
    if revoked is not None:
        return PageStatus("revoked", str(revoked["revoked"]), as_of, str(revoked.get("reason") or ""))
    suspended = view.suspended.get(certificate_id)
    if suspended is not None:
        return PageStatus("suspended", str(suspended["changed"]), as_of, str(suspended.get("reason") or ""),
                          str(suspended.get("run_id") or ""))
    return PageStatus("valid", issued, as_of)


def restate_pages(view: audit.LogView, site: str, out: Path, as_of: str) -> list[Path]:
    """Generate again the printable page of each certificate whose status changed since its
    page was generated (revoked, suspended, reinstated): the pages written."""
    written = []
    for certificate_id, (_, row) in sorted(view.certificates.items()):
        json_path = out / str(row["file"])
        html_path = json_path.with_suffix(".html")
        status = page_status(view, certificate_id, str(row["issued"]), as_of)
        try:
            page = read_capped(html_path, MAX_DOCUMENT_BYTES, root=out)
        except OSError:
            continue  # no page to restate (the run folder is not the one it was issued to)
        if _STATUS_MARK.format(status.key()).encode() in page:
            continue
        try:
            certificate = orjson.loads(read_capped(json_path, MAX_DOCUMENT_BYTES, root=out))
        except (OSError, orjson.JSONDecodeError):
            continue
        atomic_write(html_path, render_page(certificate, site + f"{CERTIFICATES}/{json_path.name}", status).encode())
        written.append(html_path)
    return written


#: The printable page's words, one sheet a language (each with its lang attribute); the
#: profiles' outcomes are the report's labels.
PAGE_LABELS: dict[str, dict[str, str]] = {
    "en": {"title": "Certificate of conformance", "revoked": "Revoked", "revoked_since": "since",
           "suspended": "Suspended", "suspended_since": "since", "run": "run", "reason_sep": ": ",
           "valid": "Valid", "issued": "issued", "not_revoked": ", not revoked or suspended",
           "as_of": "Status as of {}, when this page was generated; the status list online is the current word.",
           "profiles": "Profiles", "valid_from": "Valid from", "valid_until": "Valid until",
           "participant": "Participant", "plan": "Certification plan", "catalog": "Catalog digest",
           "report": "Report", "issuer": "Issuer", "certificate": "Certificate", "status_entry": "status list entry",
           "verify": "Verify this certificate:",
           "verify_how": "Scan the QR code for the verifiable credential (W3C VC 2.0, Data Integrity proof {}) and "
                         "verify its signature, validity, revocation status and the report it names offline with "
                         "the command above."},
    "zh": {"title": "符合性证书", "revoked": "已吊销", "revoked_since": "吊销时间", "suspended": "已暂停",
           "suspended_since": "暂停时间", "run": "运行", "reason_sep": "；原因：", "valid": "有效",
           "issued": "签发于", "not_revoked": "，未被吊销或暂停",
           "as_of": "以上为本页生成时（{}）的状态；当前状态以在线状态列表为准。",
           "profiles": "配置文件", "valid_from": "生效时间", "valid_until": "有效期至", "participant": "参与方",
           "plan": "认证计划", "catalog": "目录摘要", "report": "测试报告", "issuer": "签发方",
           "certificate": "证书编号", "status_entry": "状态列表条目", "verify": "验证本证书：",
           "verify_how": "扫描二维码获取可验证凭证（W3C VC 2.0，数据完整性证明 {}），并以上述命令离线验证签名、"
                         "有效期、吊销状态与所引用的报告。"},
}

#: how a printable page records the status it states (see PageStatus.key)
_STATUS_MARK = '<meta name="certificate-status" content="{}">'


def render_page(certificate: dict[str, Any], link: str, status: PageStatus) -> str:
    """The printable page: what the certificate says, in English and Chinese, its status as of
    the page's generation, and a QR code of its verification link (segno: pure Python, no
    imaging library, writes SVG that is inlined, so the page stays one self-contained file)."""
    import segno

    from ..report.labels import labels as report_labels

    qr = segno.make(link, error="m")
    env = templates()
    return env.get_template("certificate.html.j2").render(
        c=certificate, s=certificate["credentialSubject"], link=link, status=status, labels=PAGE_LABELS,
        outcomes={lang: report_labels(lang) for lang in PAGE_LABELS},
        status_mark=markupsafe.Markup(_STATUS_MARK.format(status.key())),  # noqa: S704  (a hex digest)
        qr=markupsafe.Markup(qr.svg_inline(scale=4, title=link)))  # noqa: S704  (segno's own SVG)
