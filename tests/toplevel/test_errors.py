"""One located-error type: a Location said as JSONPath and as a JSON pointer, and the errors
about inputs and outputs that share one base and one line."""

from __future__ import annotations

import pickle

import pytest
import yaml
from jsonschema.exceptions import ValidationError

from conformance._run.plan import make_plan
from conformance.errors import (
    CatalogError,
    HarnessInputError,
    LocatedError,
    Location,
    OutputFailed,
    json_path,
    json_pointer,
    one_line,
)


@pytest.mark.parametrize(("path", "as_json_path", "as_pointer"), [
    ((), "$", ""),
    (("profiles", 0, "parameters", "x"), "$.profiles[0].parameters.x", "/profiles/0/parameters/x"),
    (("a.b",), "$['a.b']", "/a.b"),
    (("it's",), r"$['it\'s']", "/it's"),
    (("back\\slash",), r"$['back\\slash']", "/back\\slash"),
    (("[0]", "]"), "$['[0]'][']']", "/[0]/]"),
    (("a/b", "m~n"), "$['a/b']['m~n']", "/a~1b/m~0n"),
    (("ID-DOC-1", "_x", "x_1", ""), "$['ID-DOC-1']['_x'].x_1['']", "/ID-DOC-1/_x/x_1/"),
    (("https://example.org/ctx",), "$['https://example.org/ctx']", "/https:~1~1example.org~1ctx"),
    ((3, "0"), "$[3]['0']", "/3/0"),
])
def test_a_location_is_said_as_json_path_and_as_json_pointer(path, as_json_path, as_pointer):
    location = Location("m.yaml", path)
    assert (location.json_path(), location.pointer()) == (as_json_path, as_pointer)
    assert (json_path(path), json_pointer(path)) == (as_json_path, as_pointer)


@pytest.mark.parametrize("path", [
    ("profiles", 0, "parameters", "x"), ("a.b", "it's", "back\\slash", "[0]"), ("ID-DOC-1", 2, "é", "_x"), (),
])
def test_the_json_path_is_python_jsonschemas(path):
    """A schema error is located as python-jsonschema says it, so its line reads as before."""
    assert json_path(path) == ValidationError("x", path=path).json_path


@pytest.mark.parametrize(("location", "text"), [
    (Location("m.yaml", ("profiles", 0)), "m.yaml at $.profiles[0]"),
    (Location("m.yaml", ()), "m.yaml at $"),  # the whole document is a place
    (Location("m.yaml"), "m.yaml"),  # no place within it
    (Location("cap.ndjson", line=3), "cap.ndjson:3"),
    (Location(None, ("a",)), "$.a"),
    (Location("cap.ndjson", ("pose",), 7, {"stream": "head", "frame": 2, "t": None}),
     "cap.ndjson:7 at $.pose (stream head, frame 2)"),
])
def test_a_location_as_one_line_says_it(location, text):
    assert location.text() == text


def test_the_errors_share_one_base_and_one_line():
    for cls in (HarnessInputError, CatalogError, OutputFailed):
        assert issubclass(cls, LocatedError)
        assert "__init__" not in vars(cls) and "line" not in vars(cls)  # no copied body
    assert issubclass(CatalogError, HarnessInputError) and not issubclass(OutputFailed, HarnessInputError)
    for cls in (HarnessInputError, CatalogError, OutputFailed):
        error = cls("m.yaml at $.targets", "no target", "add one")
        assert error.line() == str(error) == one_line("m.yaml at $.targets", "no target", "add one")
        assert error.line() == "m.yaml at $.targets: no target (add one)"
        assert error.where == "m.yaml at $.targets" and error.location == Location("m.yaml at $.targets")
        assert cls("--profile x", "not claimed").line() == "--profile x: not claimed"


def test_an_error_at_a_path_keeps_the_path_and_says_the_line_a_where_text_said():
    error = HarnessInputError.at("m.yaml", ("profiles", 0, "parameters", "x"), "too loose", "tighten it")
    assert error.location == Location("m.yaml", ("profiles", 0, "parameters", "x"))
    assert error.location.pointer() == "/profiles/0/parameters/x"
    assert error.line() == HarnessInputError("m.yaml at $.profiles[0].parameters.x", "too loose", "tighten it").line()
    assert isinstance(OutputFailed.at("r.json", (), "full"), OutputFailed)


def test_a_located_error_survives_pickling():
    for error in (HarnessInputError.at("m.yaml", ("a", 1), "bad", "fix"), CatalogError("c.yaml", "dup"),
                  OutputFailed("r.json", "disk full")):
        copy = pickle.loads(pickle.dumps(error))
        assert (type(copy), copy.location, copy.line()) == (type(error), error.location, error.line())


def _plan_error(tmp_path, catalog, manifest: dict) -> HarnessInputError:
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(manifest))
    with pytest.raises(HarnessInputError) as caught:
        make_plan(path, catalog)
    return caught.value


MANIFEST = {
    "product": {"name": "P", "version": "1"},
    "profiles": ["interfaces-core"],
    "targets": {"api": {"adapter": "http", "base_url": "http://127.0.0.1:9"}},
}


@pytest.mark.parametrize(("changes", "path", "line"), [
    ({"profiles": ["no-such-profile"]}, ("profiles", 0),
     "at $.profiles[0]: unknown profile 'no-such-profile' (see `conformance list profiles`)"),
    ({"profiles": [{"id": "interfaces-core", "parameters": {"nope": 1}}]}, ("profiles", 0, "parameters", "nope"),
     "at $.profiles[0].parameters.nope: profile interfaces-core has no parameter 'nope' (known: "),
    ({"profiles": [{"id": "interfaces-core", "parameters": {"load_latency_p95_ms": 3000}}]},
     ("profiles", 0, "parameters", "load_latency_p95_ms"),
     "at $.profiles[0].parameters.load_latency_p95_ms: this loosens load_latency_p95_ms"),
    ({"product": {"name": "P", "version": 0.9}}, ("product", "version"),
     "at $.product.version: 0.9 is not of type 'string' (quote the value: version: \"0.9\")"),
    ({"product": {"name": "P"}}, ("product",), "at $.product: 'version' is a required property"),
    ({"targets": {"api": {"adapter": "no-such-adapter"}}}, ("targets", "api", "adapter"),
     "at $.targets.api.adapter: unknown adapter 'no-such-adapter'"),
    ({"catalog_digest": "sha256:" + "0" * 64}, ("catalog_digest",), "at $.catalog_digest: the manifest is pinned"),
    ({"extra": float("nan")}, ("extra",), "at $.extra: nan is not a usable number (use a finite number)"),
])
def test_a_manifest_error_carries_its_path_and_says_the_line_it_said(tmp_path, catalog, changes, path, line):
    error = _plan_error(tmp_path, catalog, {**MANIFEST, **changes})
    assert error.location.file == str(tmp_path / "m.yaml") and error.location.path == path
    assert error.line().startswith(f"{tmp_path / 'm.yaml'} {line}"), error.line()
