"""Two programmes in two cities recognise each other through a recognising authority's trust
list, end to end by the command line: Hangzhou's programme certifies a headset; Shanghai's
programme and Hangzhou's each hand the authority their signed entry; the authority signs
the list; a relying party in Shanghai verifies Hangzhou's certificate with the list and the
authority's key alone (no programme key given by hand), and the output names the programme
and the list. Each refusal is one line: the programme withdrawn, a list signed by another
key, an expired list, an older list given back (rollback), a key outside its listed
validity at the certificate's issue, a plan the list does not name; a malformed list or a
member the format does not have is bad input (exit 2), nothing written."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
import yaml

from conformance.certification.attestation import generate_keys, load_public_key
from conformance.cli import main
from conformance.programme import trustlist, trustverify
from conformance.programme.certverify import Rejected
from tests.conftest import once_per_session
from tests.programme.test_certificates import certificate, headset_and_dropper

pytestmark = pytest.mark.slow  # a programme run (two participant processes)


@pytest.fixture(scope="module")
def cities(tmp_path_factory, catalog) -> Path:
    """Hangzhou's programme run and certified, Shanghai's programme file, the authority's key
    and the signed list recognising both: made once a test session by whichever xdist worker
    asks first (each worker running one of this module's tests made its own before: a
    programme run of two participants, about 3.6 CPU-s), and copied into this worker's own
    folder, since the tests write their lists, entries and states beside it."""
    made = Path(once_per_session(tmp_path_factory, "trust-cities",
                                 lambda root: _two_cities(root, catalog))["root"])
    root = tmp_path_factory.mktemp("trust")
    shutil.copytree(made, root, dirs_exist_ok=True)
    return root


def _two_cities(root: Path, catalog) -> dict[str, str]:
    hangzhou = root / "hangzhou"
    hangzhou.mkdir()
    # run once, under the city's id (the log's origin is the programme's id)
    path = headset_and_dropper(hangzhou, catalog, "--no-interop",
                               programme={"id": "hangzhou-pilot", "title": "Hangzhou metaverse pilot"})
    raw = yaml.safe_load(path.read_text())
    assert main(["programme", "certify", str(path), "--out", str(hangzhou / "out"),
                 "--participant", "headset"]) == 0
    shanghai = root / "shanghai"
    shanghai.mkdir()
    for name in ("plan.yaml", "headset.yaml"):
        shutil.copy(hangzhou / name, shanghai / name)
    generate_keys(shanghai / "program.key")
    raw.update(id="shanghai-pilot", title="Shanghai metaverse pilot", site_url="https://pilot.shanghai.example/",
               participants=[{"id": "headset", "manifest": "headset.yaml"}])
    (shanghai / "programme.yaml").write_text(yaml.safe_dump(raw))
    generate_keys(root / "authority.key")
    generate_keys(root / "stranger.key")
    listed = root / "list.json"
    assert main(["trust-list", "init", str(listed), "--id", "urn:example:yangtze-delta",
                 "--authority", "Yangtze Delta conformance registry"]) == 0
    for city, code in (("shanghai", "CN-SH"), ("hangzhou", "CN-ZJ")):
        assert main(["trust-list", "entry", str(root / city / "programme.yaml"), "--jurisdiction", code,
                     "--valid-from", "2020-01-01T00:00:00Z", "--out", str(root / f"{city}.entry.json")]) == 0
        assert main(["trust-list", "add", str(listed), str(root / f"{city}.entry.json")]) == 0
    assert main(["trust-list", "sign", str(listed), "--key", str(root / "authority.key")]) == 0
    return {"root": str(root)}




def _verify(root: Path, capsys, listed: Path | None = None, key: str = "authority.key.pub",
            *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["verify", str(certificate(root / "hangzhou")), "--trust-list", str(listed or root / "list.json"),
                 "--trust-list-key", str(root / key), *extra])
    out = capsys.readouterr()
    return code, " ".join((out.out + out.err).split())


def _copy(root: Path, name: str) -> Path:
    path = root / name
    shutil.copy(root / "list.json", path)
    return path


def test_a_certificate_from_another_city_verifies_with_the_list_alone(cities, capsys):
    code, said = _verify(cities, capsys, None, "authority.key.pub", "--trust-list-state", str(cities / "seen.json"))
    assert code == 0, said
    assert "trust list: urn:example:yangtze-delta" in said and "sequence 1" in said
    assert "recognised programme: Hangzhou metaverse pilot (hangzhou-pilot, CN-ZJ)" in said
    assert "listed log: its checkpoint is of " in said and "/hangzhou-pilot, signed by the listed log key" in said
    assert "listed terms: its plan and catalog digest" in said
    assert orjson.loads((cities / "seen.json").read_bytes()) == {"urn:example:yangtze-delta": 1}
    shanghai = orjson.loads((cities / "list.json").read_bytes())["programmes"]
    assert {p["id"]: p["jurisdiction"] for p in shanghai} == {"shanghai-pilot": "CN-SH", "hangzhou-pilot": "CN-ZJ"}


def test_a_list_signed_by_another_key_is_refused(cities, capsys):
    stranger = _copy(cities, "stranger-list.json")
    assert main(["trust-list", "sign", str(stranger), "--key", str(cities / "stranger.key")]) == 0
    code, said = _verify(cities, capsys, stranger)
    assert code == 1 and said.startswith("rejected: the trust list") and "not by the authority key" in said


def test_an_altered_list_is_refused(cities, capsys):
    altered = _copy(cities, "altered.json")
    raw = orjson.loads(altered.read_bytes())
    raw["nextUpdate"] = "2099-01-01T00:00:00Z"
    altered.write_bytes(orjson.dumps(raw))
    code, said = _verify(cities, capsys, altered)
    assert code == 1 and "does not verify" in said


def test_an_expired_list_is_refused_with_its_due_date(cities):
    listed = trustlist.load(cities / "list.json")
    assert listed.nextUpdate is not None
    with pytest.raises(Rejected, match="expired: its next update was due at"):
        trustverify.believed_list(cities / "list.json", load_public_key(cities / "authority.key.pub"),
                                  trustlist.moment(listed.nextUpdate) + timedelta(seconds=1), None)


def test_an_older_list_given_back_is_a_rollback(cities, capsys):
    older = _copy(cities, "older.json")
    newer = _copy(cities, "newer.json")
    assert main(["trust-list", "sign", str(newer), "--key", str(cities / "authority.key")]) == 0
    state = str(cities / "rollback-state.json")
    assert _verify(cities, capsys, newer, "authority.key.pub", "--trust-list-state", state)[0] == 0
    code, said = _verify(cities, capsys, older, "authority.key.pub", "--trust-list-state", state)
    assert code == 1 and "sequence number 1, lower than 2 seen before" in said and "rollback" in said


def test_a_withdrawn_programme_is_refused(cities, capsys):
    withdrawn = _copy(cities, "withdrawn.json")
    assert main(["trust-list", "remove", str(withdrawn), "hangzhou-pilot"]) == 0
    assert main(["trust-list", "sign", str(withdrawn), "--key", str(cities / "authority.key")]) == 0
    code, said = _verify(cities, capsys, withdrawn)
    assert code == 1 and "the programme hangzhou-pilot is withdrawn from the trust list" in said


def test_an_unsigned_list_is_refused(cities, capsys):
    edited = _copy(cities, "edited.json")
    assert main(["trust-list", "remove", str(edited), "shanghai-pilot"]) == 0  # an edit drops the signature
    code, said = _verify(cities, capsys, edited)
    assert code == 1 and "no proof" in said


def test_a_key_outside_its_listed_validity_is_refused(cities, capsys):
    late = _copy(cities, "late.json")
    entry = cities / "late.entry.json"
    assert main(["trust-list", "entry", str(cities / "hangzhou" / "programme.yaml"), "--jurisdiction", "CN-ZJ",
                 "--valid-from", "2099-01-01T00:00:00Z", "--out", str(entry)]) == 0
    assert main(["trust-list", "add", str(late), str(entry)]) == 0
    assert main(["trust-list", "sign", str(late), "--key", str(cities / "authority.key")]) == 0
    code, said = _verify(cities, capsys, late)
    assert code == 1 and "outside that key's validity on the trust list (2099-01-01T00:00:00Z" in said


def test_a_plan_the_list_does_not_name_is_refused(cities, capsys):
    other = _copy(cities, "other-plan.json")
    raw = orjson.loads(other.read_bytes())
    raw.pop("proof")
    for programme in raw["programmes"]:
        programme["plans"] = [{"id": "round-1", "sha256": "0" * 64}]
    other.write_bytes(orjson.dumps(raw))
    assert main(["trust-list", "sign", str(other), "--key", str(cities / "authority.key")]) == 0
    code, said = _verify(cities, capsys, other)
    assert code == 1 and "which the trust list does not list for hangzhou-pilot" in said


@pytest.mark.parametrize(("change", "place"), [
    (lambda raw: raw.update(extra=1), "at $.extra"),
    (lambda raw: raw["programmes"][0].update(name=None, witness=[]), "at $.programmes[0].witness"),
    (lambda raw: raw["programmes"][0].update(status="suspended"), "at $.programmes[0].status"),
    (lambda raw: raw["programmes"][0]["keys"][0].update(id="did:key:zNope"), "at $.programmes[0].keys[0].id"),
    (lambda raw: raw.update(issued="2026-01-01T00:00:00"), "at $.issued"),
])
def test_a_malformed_list_is_bad_input(cities, capsys, change, place):
    bad = _copy(cities, "bad.json")
    raw = orjson.loads(bad.read_bytes())
    change(raw)
    bad.write_bytes(orjson.dumps(raw))
    state = cities / "bad-state.json"
    code, said = _verify(cities, capsys, bad, "authority.key.pub", "--trust-list-state", str(state))
    assert code == 2 and place in said and "Traceback" not in said and not state.exists()


def test_the_options_misused_are_bad_input(cities, capsys):
    capsys.readouterr()
    cert = str(certificate(cities / "hangzhou"))
    assert main(["verify", cert, "--trust-list", str(cities / "list.json")]) == 2
    assert "--trust-list-key" in capsys.readouterr().err
    assert main(["verify", cert, "--trust-list", str(cities / "list.json"), "--trust-list-key",
                 str(cities / "authority.key.pub"), "--trust", str(cities / "authority.key.pub")]) == 2
    assert main(["verify", cert, "--trust-list", str(cities / "missing.json"), "--trust-list-key",
                 str(cities / "authority.key.pub")]) == 2
    assert main(["trust-list", "init", str(cities / "list.json"), "--id", "x", "--authority", "y"]) == 2  # exists


def test_an_entry_not_signed_by_its_programme_is_not_taken(cities, capsys):
    forged = cities / "forged.entry.json"
    raw = orjson.loads((cities / "shanghai.entry.json").read_bytes())
    raw["programme"]["name"] = "Someone else"
    forged.write_bytes(orjson.dumps(raw))
    before = (cities / "list.json").read_bytes()
    capsys.readouterr()
    assert main(["trust-list", "add", str(cities / "list.json"), str(forged)]) == 2
    assert "does not verify" in capsys.readouterr().err and (cities / "list.json").read_bytes() == before


def test_the_trust_example_runs_as_written(tmp_path):
    """examples/trust/README.md's commands, as written, from the repository's root with HOME in
    a temporary folder: Hangzhou's certificate verifies at Shanghai's relying party from the
    authority's list (exit 0, the programme and the list named); withdrawn, it is refused
    (exit 1); nothing is written into the checkout."""
    from tests.paths import ROOT
    from tests.walkthroughs import run_as_written, sh_block

    readme = (ROOT / "examples" / "trust" / "README.md").read_text(encoding="utf-8")
    home = tmp_path / "home"
    done = run_as_written(sh_block(readme), cwd=ROOT, home=home)
    said = " ".join(done.stdout.split())
    assert ("recognised programme: Hangzhou metaverse conformance pilot, round 1 (hangzhou-pilot, CN-ZJ)" in said
            and "trust list: urn:example:trust-list:yangtze-delta (yangtze.json) sequence 1" in said)
    assert ("rejected: the programme hangzhou-pilot is withdrawn from the trust list "
            "urn:example:trust-list:yangtze-delta" in said and said.endswith("refused (exit 1)"))
    listed = orjson.loads((home / "trust-walkthrough" / "yangtze.json").read_bytes())
    assert [(p["id"], p["jurisdiction"], p["status"]) for p in listed["programmes"]] == [
        ("shanghai-pilot", "CN-SH", "recognised"), ("hangzhou-pilot", "CN-ZJ", "withdrawn")]
    assert listed["sequence"] == 2
    assert not (home / "trust-walkthrough" / "shanghai.entry.json").read_text().count("PRIVATE")


def test_a_key_retired_before_the_certificates_issue_is_refused(cities, capsys):
    retired = _copy(cities, "retired.json")
    raw = orjson.loads(retired.read_bytes())
    raw.pop("proof")
    (hangzhou,) = [p for p in raw["programmes"] if p["id"] == "hangzhou-pilot"]
    hangzhou["keys"][0]["retired"] = "2021-01-01T00:00:00Z"
    retired.write_bytes(orjson.dumps(raw))
    assert main(["trust-list", "sign", str(retired), "--key", str(cities / "authority.key")]) == 0
    code, said = _verify(cities, capsys, retired)
    assert code == 1 and "outside that key's validity" in said and "retired 2021-01-01T00:00:00Z" in said


def test_an_entry_with_a_key_another_programme_holds_is_not_taken(cities, capsys):
    copycat = cities / "hangzhou" / "copycat.yaml"
    raw = yaml.safe_load((cities / "hangzhou" / "programme.yaml").read_text())
    copycat.write_text(yaml.safe_dump({**raw, "id": "copycat"}))
    entry = cities / "copycat.entry.json"
    assert main(["trust-list", "entry", str(copycat), "--jurisdiction", "XX", "--out", str(entry)]) == 0
    before = (cities / "list.json").read_bytes()
    capsys.readouterr()
    assert main(["trust-list", "add", str(cities / "list.json"), str(entry)]) == 2
    assert "is listed for the programme hangzhou-pilot already" in capsys.readouterr().err
    assert (cities / "list.json").read_bytes() == before


def test_a_certificate_naming_another_programme_than_its_keys_is_refused(cities, capsys):
    swapped = _copy(cities, "swapped.json")
    raw = orjson.loads(swapped.read_bytes())
    raw.pop("proof")
    for programme in raw["programmes"]:  # the two entries trade ids: Hangzhou's key now listed as Shanghai's
        programme["id"] = {"hangzhou-pilot": "shanghai-pilot", "shanghai-pilot": "hangzhou-pilot"}[programme["id"]]
    swapped.write_bytes(orjson.dumps(raw))
    assert main(["trust-list", "sign", str(swapped), "--key", str(cities / "authority.key")]) == 0
    code, said = _verify(cities, capsys, swapped)
    assert code == 1 and "it names the programme hangzhou-pilot, but its key is listed for shanghai-pilot" in said


def test_a_certificate_by_a_key_no_listed_programme_holds_is_refused(cities, capsys):
    shanghai_only = _copy(cities, "shanghai-only.json")
    raw = orjson.loads(shanghai_only.read_bytes())
    raw.pop("proof")
    raw["programmes"] = [p for p in raw["programmes"] if p["id"] == "shanghai-pilot"]
    shanghai_only.write_bytes(orjson.dumps(raw))
    assert main(["trust-list", "sign", str(shanghai_only), "--key", str(cities / "authority.key")]) == 0
    code, said = _verify(cities, capsys, shanghai_only)
    assert code == 1 and "a key no programme on the trust list urn:example:yangtze-delta holds" in said


def test_a_list_issued_in_the_future_is_refused(cities):
    listed = trustlist.load(cities / "list.json")
    assert listed.issued is not None
    with pytest.raises(Rejected, match="in the future"):
        trustverify.believed_list(cities / "list.json", load_public_key(cities / "authority.key.pub"),
                                  trustlist.moment(listed.issued) - timedelta(seconds=1), None)


@pytest.mark.parametrize("state", [b"[1]", b'{"urn:example:yangtze-delta": "1"}', b"{"])
def test_a_malformed_state_file_is_bad_input_and_left_alone(cities, capsys, state):
    path = cities / "malformed-state.json"
    path.write_bytes(state)
    code, said = _verify(cities, capsys, None, "authority.key.pub", "--trust-list-state", str(path))
    assert code == 2 and "--trust-list-state" in said and "Traceback" not in said and path.read_bytes() == state


def test_a_trust_list_for_a_run_folder_is_bad_input(cities, capsys):
    capsys.readouterr()
    assert main(["verify", str(cities / "hangzhou" / "out"), "--trust-list", str(cities / "list.json"),
                 "--trust-list-key", str(cities / "authority.key.pub")]) == 2
    assert "applies to a certificate" in capsys.readouterr().err


def test_a_certificate_naming_another_url_than_the_list_is_refused(cities, capsys):
    moved = _copy(cities, "moved.json")
    raw = orjson.loads(moved.read_bytes())
    raw.pop("proof")
    for programme in raw["programmes"]:
        programme["url"] = "https://elsewhere.example/"
    moved.write_bytes(orjson.dumps(raw))
    assert main(["trust-list", "sign", str(moved), "--key", str(cities / "authority.key")]) == 0
    code, said = _verify(cities, capsys, moved)
    assert code == 1 and "the trust list names https://elsewhere.example/" in said


@pytest.mark.parametrize(("options", "where"), [
    (["--quorum", "1"], "--quorum 1"),  # the programme names no witness
    (["--valid-from", "2026-01-01"], "--valid-from"),
])
def test_an_entry_with_bad_options_is_bad_input(cities, capsys, options, where):
    out = cities / "bad.entry.json"
    capsys.readouterr()
    assert main(["trust-list", "entry", str(cities / "hangzhou" / "programme.yaml"), "--jurisdiction", "CN-ZJ",
                 "--out", str(out), *options]) == 2
    assert where in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize("change", [{}, {"id": "hangzhou-pilot-2"}])
def test_an_entry_taking_over_a_listed_programme_under_a_new_key_is_refused(cities, capsys, change):
    # An outsider signs an entry with Hangzhou's id and site URL (or only its site URL under
    # another id) with a key of its own: before, `add` answered "replaced" and the signed list
    # refused Hangzhou's genuine certificates. Only Hangzhou's key, or the authority naming the
    # old key and why, changes its entry.
    hangzhou = cities / "hangzhou"
    name = f"outsider{len(change)}"
    generate_keys(hangzhou / f"{name}.key")
    raw = yaml.safe_load((hangzhou / "programme.yaml").read_text())
    (hangzhou / "outsider.yaml").write_text(yaml.safe_dump({**raw, "signing_key": f"{name}.key", **change}))
    entry = cities / "outsider.entry.json"
    assert main(["trust-list", "entry", str(hangzhou / "outsider.yaml"), "--jurisdiction", "CN-ZJ",
                 "--out", str(entry)]) == 0
    listed = _copy(cities, "takeover.json")
    before = listed.read_bytes()
    capsys.readouterr()
    assert main(["trust-list", "add", str(listed), str(entry)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "names the programme hangzhou-pilot" in err, err
    assert "listed already under other keys" in err and listed.read_bytes() == before
    code, said = _verify(cities, capsys, listed)  # the genuine certificate still verifies, naming the entry
    assert code == 0 and "(hangzhou-pilot, CN-ZJ)" in said


def test_the_authority_replaces_a_lost_key_naming_it_and_why(cities, capsys):
    hangzhou = cities / "hangzhou"
    generate_keys(hangzhou / "renewed.key")
    raw = yaml.safe_load((hangzhou / "programme.yaml").read_text())
    (hangzhou / "renewed.yaml").write_text(yaml.safe_dump({**raw, "signing_key": "renewed.key"}))
    entry = cities / "renewed.entry.json"
    assert main(["trust-list", "entry", str(hangzhou / "renewed.yaml"), "--jurisdiction", "CN-ZJ",
                 "--out", str(entry)]) == 0
    listed = _copy(cities, "renewed.json")
    programmes = orjson.loads(listed.read_bytes())["programmes"]
    old = next(p for p in programmes if p["id"] == "hangzhou-pilot")["keys"][0]["id"]
    assert main(["trust-list", "add", str(listed), str(entry), "--replaces", old]) == 2  # no reason given
    capsys.readouterr()
    assert main(["trust-list", "add", str(listed), str(entry), "--replaces", old, "--because", "key lost"]) == 0
    assert f"its key {old} replaced by the authority: key lost" in capsys.readouterr().out
    (held,) = [p for p in orjson.loads(listed.read_bytes())["programmes"] if p["id"] == "hangzhou-pilot"]
    assert held["replaces"]["key"] == old and held["replaces"]["reason"] == "key lost"
