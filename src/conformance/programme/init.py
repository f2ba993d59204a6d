"""``conformance programme init DIR``: the example cohort copied into a working folder of its
own, so that the walkthroughs (docs/programme.md, docs/certification.md) edit, key and write
nothing in the checkout.

DIR gets the programme file with its certification lines switched on (the plan, the signing
key, the site URL, each participant's signed assessment), the two participants' manifests,
the sample files those name (``samples/``), and the certification plan pinned to this
harness's catalog digest with the example assessor's public key and signed records
(``certification/``). The key (``program.key``), the history and the reports are made there
by the commands it prints. It is built in a hidden sibling folder and renamed into place:
DIR is whole or not there."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .._io.outputs import _umask, disk_failure
from ..errors import HarnessInputError

#: what the example programme file comments out for a first run without a plan, switched on
#: here (the example's form, then the working folder's); the example's paths are relative to
#: examples/programme/, the working folder's to DIR
PROGRAMME_EDITS = (
    ("# plan: ../certification/plan.yaml   # every participant run follows it (put your catalog digest in it first)",
     "plan: certification/plan.yaml   # every participant run follows it (pinned to your catalog's digest by init)"),
    ("# signing_key: program.key", "signing_key: program.key"),
    ("# site_url: ", "site_url: "),
    ("manifest: ../device-export.yaml", "manifest: device-export.yaml"),
    ("manifest: ../platform.yaml", "manifest: platform.yaml"),
    ("    # assessments: [../certification/", "    assessments: [certification/"),
)
MANIFESTS = ("device-export.yaml", "platform.yaml")
#: how the examples' manifests name the reference implementation's sample files
SAMPLES_PREFIX = "../src/conformance/reference/samples/"
#: the test CA `conformance serve --ca-file` writes, as an example names it (relative to
#: examples/, from the checkout's reports/) and as the working folder does (its own reports/)
CA_BUNDLE = ("ca_bundle: ../reports/", "ca_bundle: reports/")
HEADER = """\
# The example cohort, copied by `conformance programme init` from the harness's
# examples/programme/programme.yaml (schema: schemas/programme/programme.json; docs/programme.md).
# Paths are relative to this file. The certification lines are on: create the key first
#   conformance keys generate --out program.key
"""


@dataclass(frozen=True)
class Initialised:
    folder: Path
    files: int


def next_commands(folder: Path) -> list[str]:
    """What to run after ``init``: the walkthrough of docs/programme.md, in ``folder``."""
    return [f"cd {folder}",
            "conformance keys generate --out program.key      # the programme's key: private, stays here",
            "conformance serve --port 8080 --ca-file reports/reference-ca.pem &   # the example platform's API, over TLS",
            "export PLATFORM_TOKEN=any-value",
            "conformance programme run programme.yaml --out reports",
            "conformance programme certify programme.yaml --out reports",
            "conformance programme site programme.yaml --runs reports",
            "conformance verify reports/certificates/example-headset-0.json --trust program.key.pub "
            "--status-list reports/status/revocation.json --log reports/log"]


def examples_folder(package: Path, checkout: Path) -> Path:
    """Where the examples are: inside the installed package (a wheel carries them under
    ``_catalog/shipped/examples``, pyproject.toml), else the clone's ``examples/`` (an editable
    install, which has no shipped copy)."""
    shipped = package / "_catalog" / "shipped" / "examples"
    return shipped if (shipped / "programme" / "programme.yaml").is_file() else checkout / "examples"


def _refuse(folder: Path, checkout: Path) -> None:
    where = f"programme init {folder}"
    if folder.is_symlink():
        raise HarnessInputError(where, "is a symbolic link", "name a new folder")
    if folder.exists() and not folder.is_dir():
        raise HarnessInputError(where, "is a file, not a folder", "name a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise HarnessInputError(where, "is not empty", "name a new or empty folder; nothing was written")
    if not folder.parent.is_dir():
        raise HarnessInputError(where, f"its parent {folder.parent} does not exist", "create it first")
    resolved = folder.resolve()
    if (checkout / ".git").exists() and resolved.is_relative_to(checkout.resolve()):
        raise HarnessInputError(where, f"is inside the checkout {checkout}",
                                "name a folder outside it: the walkthrough makes a private key there")


def _replaced(text: str, edits: tuple[tuple[str, str], ...], name: str) -> str:
    for before, after in edits:
        if before not in text:  # the example changed: this module must follow it (a test holds it)
            raise RuntimeError(f"{name} no longer holds {before!r}")
        text = text.replace(before, after)
    return text


def _programme_text(examples: Path) -> str:
    text = (examples / "programme" / "programme.yaml").read_text(encoding="utf-8")
    body = text[text.index("\nid: ") + 1:]  # the example's header says how to run it from the checkout
    return HEADER + _replaced(body, PROGRAMME_EDITS, "examples/programme/programme.yaml")


def init_cohort(folder: Path, examples: Path, samples: Path, digest: str, checkout: Path) -> Initialised:
    """Copy the example cohort from ``examples`` (and the ``samples`` its manifests name) into
    ``folder``, its plan pinned to ``digest``. Bad input (a non-empty folder, one inside the
    ``checkout``): :class:`HarnessInputError`, nothing written."""
    folder = Path(os.path.abspath(folder))
    if not (examples / "programme" / "programme.yaml").is_file():
        raise HarnessInputError("programme init", f"the example cohort is not installed here ({examples})",
                                "reinstall the package (its wheel carries the examples), or run it from a clone")
    _refuse(folder, checkout)
    files: dict[str, bytes] = {"programme.yaml": _programme_text(examples).encode()}
    named: set[str] = set()
    for name in MANIFESTS:
        text = (examples / name).read_text(encoding="utf-8")
        named |= set(re.findall(re.escape(SAMPLES_PREFIX) + r"([\w.-]+)/", text))
        files[name] = text.replace(SAMPLES_PREFIX, "samples/").replace(*CA_BUNDLE).encode()
    plan = (examples / "certification" / "plan.yaml").read_text(encoding="utf-8")
    plan, pinned = re.subn(r"(?m)^catalog_digest: .*$", f"catalog_digest: {digest}", plan)
    if pinned != 1:
        raise RuntimeError("examples/certification/plan.yaml holds no catalog_digest line")
    files["certification/plan.yaml"] = plan.encode()
    for path in sorted((examples / "certification").iterdir()):
        # README.md too: the assessment records cite it as their evidence (by digest)
        if path.is_file() and path.name != "plan.yaml" and not path.name.endswith(".key"):
            files.setdefault(f"certification/{path.name}", path.read_bytes())
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.init-", dir=folder.parent))
    try:
        for name, data in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(data)
        for kind in sorted(named):
            shutil.copytree(samples / kind, staging / "samples" / kind, symlinks=False)
        staging.chmod(0o777 & ~_umask())
        count = sum(1 for path in staging.rglob("*") if path.is_file())
        os.rename(staging, folder)  # onto a folder that is empty or not there: whole or nothing
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        failure = disk_failure(folder, exc)
        if failure is not None:
            raise failure from None
        raise HarnessInputError(f"programme init {folder}", f"cannot be written: {exc.strerror or exc}",
                                "name a folder you may write") from None
    return Initialised(folder, count)

