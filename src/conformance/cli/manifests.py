"""The manifests the CLI writes for a run it starts itself (``validate``'s over the files
named, ``demo``'s over the reference implementation), and the reference implementation the
commands serving it need."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .._areas import ReferenceUnavailable, reference_implementation
from .._catalog.catalog import Catalog
from .._catalog.model import Profile, Testing
from .._io.inputs import check_input_file
from .._version import REFERENCE_PRODUCT, __version__
from ..errors import HarnessInputError

if TYPE_CHECKING:
    from .._areas import ReferenceImplementation


def adhoc_manifest(catalog: Catalog, profile_id: str, files: list[str],
                   root: Path | None = None) -> dict[str, object]:
    """The manifest ``conformance validate`` runs: ``profile_id`` claimed over ``files`` (each
    ``ROLE=FILE``, or a bare file where the profile takes one kind), read inside ``root`` if given."""
    profile = catalog.profile(profile_id)
    if root is not None and not root.is_dir():
        raise HarnessInputError(f"--root {root}", "is not a folder",
                                "name the folder the files' references may resolve in")
    roles = [r for r, spec in profile.targets.items() if spec.kind == "file"]
    if len(roles) != len(profile.targets):
        raise HarnessInputError(
            f"--profile {profile_id}", "needs a live target, not only files", "use `conformance run --manifest`"
        )
    needed = [r for r in roles if not profile.targets[r].optional]
    paths: dict[str, list[str]] = {}
    for item in files:
        role, sep, name = item.partition("=")
        if not sep:
            if len(needed) != 1:
                raise HarnessInputError(item, f"profile {profile_id} takes several kinds of file",
                                        f"prefix each with its role: {', '.join(r + '=' for r in roles)}")
            role, name = needed[0], item  # an optional role's files are named with ROLE=
        if role not in roles:
            raise HarnessInputError(item, f"unknown role {role!r}", f"roles of {profile_id}: {', '.join(roles)}")
        path = Path(name)
        # A data file over its cap is judged (a finding); what cannot be read at all is bad input.
        check_input_file(path, max_bytes=2**62, folders=True)
        try:
            str(path.resolve()).encode("utf-8")
        except UnicodeEncodeError:  # the ad-hoc manifest is UTF-8 YAML: it cannot name this file
            raise HarnessInputError(repr(name), "the file name is not valid UTF-8",
                                    "rename it, or name its folder in a manifest") from None
        if root is not None and not path.resolve().is_relative_to(root.resolve()):
            raise HarnessInputError(item, f"is not inside --root {root}", "name a root folder that holds every file")
        paths.setdefault(role, []).append(str(path.resolve()))
    missing = [r for r in needed if r not in paths]
    if missing:
        raise HarnessInputError(f"--profile {profile_id}", f"no files given for {', '.join(missing)}",
                                f"add {missing[0]}=FILE")
    return {
        "product": {"name": "ad-hoc validation", "version": "n/a"},
        "profiles": [profile_id],
        "targets": {role: {"adapter": "file", "paths": p, **({"root": str(root.resolve())} if root else {})}
                    for role, p in paths.items()},
    }


def http_roles(catalog: Catalog) -> list[str]:
    """The HTTP target roles of all profiles (``api``, and ``api_b`` for two-platform profiles)."""
    return sorted({r for p in catalog.profiles.values() for r, spec in p.targets.items() if spec.kind == "http"})


def automated_features(catalog: Catalog, profile: Profile) -> list[str]:
    """The features of ``profile`` the reference can show: a feature judged by a person only
    (its requirements all manual) would leave a run incomplete (needs assessment)."""
    return sorted(name for name, feature in profile.features.items()
                  if any(catalog.requirements[r].testing is not Testing.MANUAL for r in feature.requirements))


def demo_manifest(catalog: Catalog, base_urls: dict[str, str], samples: Path | None = None,
                  ca_bundles: Mapping[str, Path | None] | None = None) -> dict[str, object]:
    """Claims every profile (and automated feature) the reference implements, with its sample data
    (``samples``, else the reference implementation's); each HTTP role is served by its own
    reference instance (``base_urls``); an https one is trusted through its role's CA in
    ``ca_bundles`` (else the reference's own trust anchor, when it names one)."""
    if samples is None:
        samples = reference_for("demo").SAMPLES
    if ca_bundles is None:
        anchor = (getattr(reference_for("demo"), "trust_anchor", None)
                  if any(url.startswith("https:") for url in base_urls.values()) else None)
        ca_bundles = dict.fromkeys(base_urls, anchor() if anchor is not None else None)

    targets: dict[str, object] = {}
    profiles = []
    for profile in catalog.profiles.values():
        for role, spec in profile.targets.items():
            if spec.kind == "http":
                target = {"adapter": "http", "base_url": base_urls[role]}
                if (bundle := ca_bundles.get(role)) is not None and base_urls[role].startswith("https:"):
                    target["ca_bundle"] = str(bundle)
                targets[role] = target
            elif not spec.optional or (samples / role).is_dir():  # an optional role the samples lack: left out
                targets[role] = {"adapter": "file", "paths": [str(samples / role / "*")]}
        profiles.append({"id": profile.id, "features": automated_features(catalog, profile)})
    return {
        # as the reference's discovery document names itself (IF-DISC-005)
        "product": {"name": REFERENCE_PRODUCT, "version": __version__, "vendor": "metaverse-conformance"},
        "profiles": profiles,
        "targets": targets,
    }


def reference_for(command: str) -> ReferenceImplementation:
    """The reference implementation (entry point ``conformance.references``), or one line saying
    how to install it."""
    try:
        return reference_implementation()
    except ReferenceUnavailable as exc:
        raise HarnessInputError(f"conformance {command}", f"needs the reference implementation ({exc.reason})",
                                exc.fix) from None
