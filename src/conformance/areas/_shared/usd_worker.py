"""One USD stage opened and validated by OpenUSD, in a process of its own (run by openusd.py).

Run as a script (``python usd_worker.py``), it imports nothing of the harness: it reads one JSON
request on stdin and prints one JSON answer on stdout. The parent caps its memory (RLIMIT_AS) and
its time, so a stage whose composition explodes ends this process, never the run.

Before OpenUSD composes anything, the guards run on what the files say, not on what composing
them would do:

- a USDZ package (a zip archive) is read from its central directory: at most ``max_entries``
  entries, each at most ``max_entry_bytes`` and all together at most ``max_package_bytes``
  uncompressed, no entry named with an absolute path or a ``..`` segment; a package inside the
  package is read the same way;
- every layer the root layer brings in (sublayers, references, payloads, in every variant, as
  ``Sdf.Layer.GetCompositionAssetDependencies`` lists them) and every asset path it holds must
  resolve inside the input folder: a URI a resolver plug-in would fetch or a ``..`` path leading
  out of it is refused before it is opened (a ``scheme:`` path no plug-in registers, ``asset:``,
  ``file:``, ``http:`` in the usd-core wheel, is a path to OpenUSD's default resolver, anchored
  inside the folder as OpenUSD alone anchors it, and judged as one; Sdf's format arguments,
  ``:SDF_FORMAT_ARGS:``, are no scheme); a layer is opened only once (cyclic sublayers end there), at most
  ``max_layers`` layers, each at most ``max_layer_bytes``. A path that resolves inside the folder
  to nothing is no refusal: OpenUSD composes without it and its validators report it (a missing
  reference), as they do on their own.
- an absolute asset path (``/...``, ``C:/...``, ``\\\\server\\share``) is a defect of the file, not
  a refusal (it resolves only where it was written): answered in ``defects``; one that names a
  place outside the folder is not opened, so the stage is not composed (guard
  ``usd-path-absolute``).

OpenUSD's default resolver looks for a bare asset name (``part.usd``, no ``./``) beside the layer
and then in the working directory, so the worker works in the root file's own folder (inside the
input folder): the harness's working directory is never read.

A refusal is reported as a guard (code and arguments; the parent words it) and the stage is not
composed. Otherwise the stage is opened and every registered validator runs on it.
"""

from __future__ import annotations

import json
import os
import re
import sys
import zipfile
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:  # the worker runs without the harness: its types are read by mypy only
    from conformance.area import JsonValue

    from .usd_types import Layer, Request, SdfPath, Site, Stage


#: the layers the guards opened, held until the stage is composed (OpenUSD's layer registry
#: keeps a layer only while something holds it)
_HELD: list[object] = []


class Refused(Exception):
    def __init__(self, code: str, **args: object) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


#: an absolute path as any platform writes it: POSIX, a Windows drive, a UNC share
_ABSOLUTE = re.compile(r"^(?:[/\\]|[A-Za-z]:(?:[/\\]|$))")


def _is_absolute(path: str) -> bool:
    return bool(_ABSOLUTE.match(path))


def _is_uri(path: str) -> bool:
    head = path.split("/", 1)[0]
    return ":" in head and not _is_absolute(path)  # a Windows drive is not a scheme


def _uri_schemes() -> frozenset[str]:
    """The URI schemes a resolver plug-in of this OpenUSD handles (none in the usd-core wheel).
    Ar hands an asset path to a URI resolver only when its scheme is registered; any other path,
    ``asset:``, ``file:`` or ``http:`` included, goes to the default resolver as a path anchored
    to its layer or looked for in the working directory, as it does in OpenUSD alone."""
    from pxr import Ar

    return frozenset(s.lower() for s in Ar.GetRegisteredURISchemes())


def _resolver_uri(path: str, schemes: frozenset[str]) -> bool:
    """A URI a resolver plug-in would fetch (the harness declines it): one of ``schemes``."""
    return _is_uri(path) and path.split(":", 1)[0].lower() in schemes


def _file_part(identifier: str) -> str:
    """A layer identifier's file: without Sdf's format arguments (``:SDF_FORMAT_ARGS:...``, no
    scheme) and, for a layer inside a package, the package's own file."""
    from pxr import Sdf

    return str(Sdf.Layer.SplitIdentifier(identifier)[0]).split("[", 1)[0]


def _check_zip(source: str | IO[bytes], name: str, limits: dict[str, int], depth: int = 0) -> None:
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Refused("usdz-not-zip", file=name, reason=str(exc)) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits["max_entries"]:
            raise Refused("usdz-too-many-entries", file=name, count=len(infos), cap=limits["max_entries"])
        total = 0
        for info in infos:
            entry = info.filename
            parts = entry.replace("\\", "/").split("/")
            if entry.startswith(("/", "\\")) or ".." in parts or _is_uri(entry) or (len(entry) > 1 and entry[1] == ":"):
                raise Refused("usdz-entry-outside", file=name, entry=entry)
            if info.file_size > limits["max_entry_bytes"]:
                raise Refused("usdz-entry-too-large", file=name, entry=entry, size=info.file_size,
                              cap=limits["max_entry_bytes"])
            total += info.file_size
            if total > limits["max_package_bytes"]:
                raise Refused("usdz-too-large", file=name, size=total, cap=limits["max_package_bytes"])
        if depth < 2:
            for info in infos:
                if info.filename.lower().endswith(".usdz"):
                    # within the caps just checked; read to look inside the nested package
                    import io

                    try:
                        data = archive.read(info)
                    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
                        raise Refused("usdz-not-zip", file=f"{name}[{info.filename}]", reason=str(exc)) from None
                    _check_zip(io.BytesIO(data), f"{name}[{info.filename}]", limits, depth + 1)


def _inside(path: str, folder: str) -> bool:
    real = os.path.realpath(path)
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


def _walk_layers(root: str, folder: str, limits: dict[str, int],
                 defects: list[dict[str, str]] | None = None) -> list[str]:
    """The layers the root layer brings in, each checked before it is opened; returns the files
    read. ``defects`` gathers the absolute asset paths (a defect of the file, not a refusal)."""
    defects = [] if defects is None else defects
    from pxr import Sdf

    schemes = _uri_schemes()
    seen: set[str] = set()
    files: list[str] = []
    todo = [root]
    while todo:
        identifier = todo.pop()
        if identifier in seen:
            continue
        seen.add(identifier)
        if len(seen) > limits["max_layers"]:
            raise Refused("usd-too-many-layers", cap=limits["max_layers"])
        outer = _file_part(identifier)
        if not _inside(outer, folder):
            raise Refused("usd-path-outside", path=identifier)
        if not os.path.exists(outer):
            continue  # unresolvable: the validators report it (a missing reference)
        if not os.path.isfile(outer):  # a FIFO or a device would block or never end
            raise Refused("usd-not-regular", path=identifier)
        if "[" not in identifier:
            size = os.path.getsize(outer)
            if size > limits["max_layer_bytes"]:
                raise Refused("usd-layer-too-large", path=identifier, size=size, cap=limits["max_layer_bytes"])
            files.append(outer)
        try:
            layer = Sdf.Layer.FindOrOpen(identifier)
        except Exception:  # noqa: BLE001 - OpenUSD raises Tf errors (a format it has no plug-in for)
            if identifier == root:
                raise
            continue  # composition reports it, as OpenUSD alone would
        if layer is None:
            continue  # unreadable: composition reports it
        _HELD.append(layer)  # kept open, so that composing the stage does not read it again
        for asset in [*layer.GetCompositionAssetDependencies(), *_asset_values(layer)]:
            if not asset:
                continue
            where = _file_part(asset)
            if _is_absolute(where):
                if {"path": asset, "layer": identifier} not in defects:
                    defects.append({"path": asset, "layer": identifier})
                # a POSIX path names this machine's file system: outside the folder, never opened
                if os.path.isabs(where) and not _inside(where, folder):
                    raise Refused("usd-path-absolute", path=asset, layer=identifier)
            elif _resolver_uri(where, schemes):
                raise Refused("usd-uri", path=asset, layer=identifier)
            resolved = layer.ComputeAbsolutePath(asset)
            if _resolver_uri(_file_part(resolved), schemes) or not _inside(_file_part(resolved), folder):
                raise Refused("usd-path-outside", path=asset, layer=identifier)
            if asset in layer.GetCompositionAssetDependencies():
                todo.append(resolved)
    return files


def _asset_values(layer: Layer) -> list[str]:
    """The asset paths a layer's attributes hold (textures, audio): each must stay inside the folder."""
    from pxr import Sdf

    found: list[str] = []

    def visit(path: SdfPath) -> None:
        if not path.IsPropertyPath():
            return
        spec = layer.GetAttributeAtPath(path)
        if spec is None or spec.typeName not in (Sdf.ValueTypeNames.Asset, Sdf.ValueTypeNames.AssetArray):
            return
        values = [spec.default] if spec.HasDefaultValue() else []
        values += [layer.QueryTimeSample(path, t) for t in layer.ListTimeSamplesForPath(path)]
        for value in values:
            if isinstance(value, Sdf.AssetPath):
                found.append(value.path)
            elif isinstance(value, Iterable):  # an asset array
                found.extend(item.path for item in value if isinstance(item, Sdf.AssetPath))

    layer.Traverse(Sdf.Path.absoluteRootPath, visit)
    return found


def _site(site: Site) -> dict[str, str]:
    out: dict[str, str] = {}
    if site.IsProperty():
        out["path"] = str(site.GetProperty().GetPath())
    elif site.IsPrim():
        out["path"] = str(site.GetPrim().GetPath())
    else:  # a site in a layer: the spec's path, where it names one
        spec = site.GetPropertySpec() or site.GetPrimSpec()
        if spec:
            out["path"] = str(spec.path)
    layer = site.GetLayer()
    if layer is not None:
        out["layer"] = layer.identifier
    return out


def _facts(stage: Stage) -> dict[str, object]:
    """What the harness reads of a composed stage beyond the validators' verdicts."""
    from pxr import UsdGeom

    root = stage.GetRootLayer()
    prim = stage.GetDefaultPrim()
    info = prim.GetAssetInfo() if prim else {}
    return {"upAxis": str(UsdGeom.GetStageUpAxis(stage)),
            "metersPerUnit": float(UsdGeom.GetStageMetersPerUnit(stage)),
            "defaultPrim": str(prim.GetPath()) if prim else None,
            "customLayerData": _plain(root.customLayerData),
            "assetInfo": _plain(dict(info)),
            **_summary(stage)}


def _summary(stage: Stage) -> dict[str, object]:
    """What a glTF export of the same asset must agree with (the asset-pair comparison): the
    names of the transformable prims, the meshes and materials, and the bounding box in the
    stage's units and axes (default time, default and render purposes)."""
    from pxr import Usd, UsdGeom, UsdShade

    names: list[str] = []
    meshes = materials = 0
    for prim in stage.Traverse(Usd.TraverseInstanceProxies(Usd.PrimDefaultPredicate)):
        if prim.IsA(UsdGeom.Xformable):
            names.append(prim.GetName())
        if prim.IsA(UsdGeom.Mesh):
            meshes += 1
        if prim.IsA(UsdShade.Material):
            materials += 1
    cache = UsdGeom.BBoxCache(Usd.TimeCode.Default(), [UsdGeom.Tokens.default_, UsdGeom.Tokens.render])
    box = cache.ComputeWorldBound(stage.GetPseudoRoot()).ComputeAlignedRange()
    bounds = None if box.IsEmpty() else [list(box.GetMin()), list(box.GetMax())]
    return {"names": names, "meshes": meshes, "materials": materials, "bounds": bounds}


def _plain(value: object) -> JsonValue:
    """A VtDictionary's values as JSON values (asset paths as their text)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (str, bool, int, float)) or value is None:
        return value
    if hasattr(value, "path") and hasattr(value, "resolvedPath"):
        return value.path
    if isinstance(value, Iterable):  # a list, a tuple, a VtArray
        return [_plain(v) for v in value]
    return str(value)


def handle(request: Request) -> dict[str, object]:
    """OpenUSD's answer on one request (a file, its folder, the guards' limits)."""
    path, limits = request["path"], request["limits"]
    folder = os.path.realpath(request["folder"])
    path = os.path.abspath(path)
    #: written with json.dumps(default=str): OpenUSD's values as their text
    answer: dict[str, object] = {}
    # OpenUSD resolves a bare name it finds nowhere else in the working directory: the root
    # file's own folder (inside the input folder), never the harness's
    was = os.getcwd()
    os.chdir(os.path.dirname(path))
    try:
        if path.lower().endswith(".usdz"):
            _check_zip(path, os.path.basename(path), limits)
        from pxr import Usd, UsdValidation

        answer["version"] = ".".join(str(n) for n in Usd.GetVersion())
        defects: list[dict[str, str]] = []
        answer["defects"] = defects
        answer["read"] = _walk_layers(os.path.abspath(path), folder, limits, defects)
        stage = Usd.Stage.Open(os.path.abspath(path), Usd.Stage.LoadAll)
        if stage is None:
            raise Refused("usd-cannot-open", path=path)
        registry = UsdValidation.ValidationRegistry()
        validators = registry.GetOrLoadAllValidators()
        answer["validators"] = sorted(v.GetMetadata().name for v in validators)
        found = []
        for error in UsdValidation.ValidationContext(validators).Validate(stage):
            validator = error.GetValidator()
            found.append({"validator": validator.GetMetadata().name if validator else "?",
                          "name": error.GetName(), "type": str(error.GetType()).rsplit(".", 1)[-1],
                          "message": error.GetMessage(), "sites": [_site(s) for s in error.GetSites()]})
        # OpenUSD composes in parallel: the order it reports errors in varies from run to run
        found.sort(key=lambda e: json.dumps([e["validator"], e["name"], e["sites"], e["message"]]))
        answer["errors"] = found
        answer["facts"] = _facts(stage)
    except Refused as exc:
        answer["guard"] = {"code": exc.code, **exc.args_}
    except MemoryError:  # OpenUSD's std::bad_alloc under the worker's memory cap: the cap, not the file
        answer["guard"] = {"code": "usd-over-memory"}
    except Exception as exc:  # OpenUSD raises Tf errors as exceptions (a malformed layer)  # noqa: BLE001
        answer["guard"] = {"code": "usd-cannot-open", "path": path, "reason": str(exc).strip()[-400:]}
    finally:
        os.chdir(was)
    return answer


def main() -> None:
    answer = handle(json.loads(sys.stdin.read()))
    sys.stdout.write(json.dumps(answer, default=str) + "\n")
    sys.stdout.flush()
    os._exit(0)  # skip OpenUSD's teardown of a large stage: the answer is written


def zygote() -> None:
    """For a warm process (``python usd_worker.py --zygote``): OpenUSD imported and its
    validators loaded once, then one request a line on stdin (``{"request", "memory_mb",
    "seconds"}``), each judged in a child forked for it, under the memory cap (RLIMIT_AS) and
    within the time, as a fresh worker would be; one line answered per request:
    ``{"stdout", "stderr", "status"}`` of the child, or ``{"timeout": true}`` (it was killed).
    Nothing has run a stage in this process when it forks (no OpenUSD worker thread exists)."""
    import resource
    import selectors
    import signal
    import time

    from pxr import Sdf, Usd, UsdGeom, UsdShade, UsdValidation  # noqa: F401 - what each child uses

    UsdValidation.ValidationRegistry().GetOrLoadAllValidators()
    sys.stdout.write('{"ready": true}\n')
    sys.stdout.flush()
    for line in sys.stdin:
        order = json.loads(line)
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(out_r)
                os.close(err_r)
                os.dup2(out_w, 1)
                os.dup2(err_w, 2)
                cap = int(order["memory_mb"]) * 1024 * 1024
                if cap > 0:
                    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
                answer = handle(order["request"])
                os.write(1, (json.dumps(answer, default=str) + "\n").encode())
            except BaseException as exc:  # noqa: BLE001 - a MemoryError under the cap: said on stderr
                with __import__("contextlib").suppress(Exception):
                    os.write(2, f"{type(exc).__name__}: {exc}".encode())
                os._exit(1)
            os._exit(0)
        os.close(out_w)
        os.close(err_w)
        chunks: dict[int, list[bytes]] = {out_r: [], err_r: []}
        deadline = time.monotonic() + float(order["seconds"])
        with selectors.DefaultSelector() as selector:
            for fd in chunks:
                selector.register(fd, selectors.EVENT_READ)
            open_fds = set(chunks)
            while open_fds and time.monotonic() < deadline:
                for key, _ in selector.select(timeout=max(0.0, deadline - time.monotonic())):
                    data = os.read(key.fd, 1 << 16)
                    if data:
                        chunks[key.fd].append(data)
                    else:
                        selector.unregister(key.fd)
                        open_fds.discard(key.fd)
        timed_out = bool(open_fds)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(out_r)
        os.close(err_r)
        reply: dict[str, object] = {"timeout": True} if timed_out else {
            "stdout": b"".join(chunks[out_r]).decode("utf-8", "replace"),
            "stderr": b"".join(chunks[err_r]).decode("utf-8", "replace")[-4000:],
            "status": os.waitstatus_to_exitcode(status)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    if sys.argv[1:] == ["--zygote"]:
        zygote()
    else:
        main()
