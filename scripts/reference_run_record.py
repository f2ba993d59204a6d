"""Record a run of the reference implementation (``conformance demo``) as the data file the 编制说明's 四（五） reads
for its figures per area (issue 76, forty-first reading, d12: 「各判定的数量……本稿不予固定」 gave none): when the
run was made, by which harness on which catalog, and each requirement's verdict. The note counts them by area
against the catalog it renders, naming the requirements the record does not hold, so a figure is never typed.

    conformance demo --out DIR --format json
    python scripts/reference_run_record.py DIR/report.json [--out docs/reference-run.json]"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "docs" / "reference-run.json"
COMMAND = "conformance demo --out DIR --format json; python scripts/reference_run_record.py DIR/report.json"


def record(report: dict) -> dict:
    """The record of one demo run's report: its provenance and each requirement's verdict."""
    return {"command": COMMAND, "harness": report["harness"], "catalog_digest": report["catalog_digest"],
            "started": report["started"], "finished": report["finished"],
            "verdicts": {r["requirement"]: r["verdict"] for r in report["requirements"]},
            # why a requirement was neither passed nor not applicable, as the run said it
            "reasons": {r["requirement"]: r["message"].replace(str(ROOT), ".") for r in report["requirements"]
                        if r["verdict"] not in ("pass", "not_applicable")}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="report.json of a `conformance demo` run")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        report = json.loads(args.report.read_text(encoding="utf-8"))
        made = record(report)
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"reference_run_record: {args.report} is no readable demo report ({error})", file=sys.stderr)
        return 2
    if report.get("manifest", {}).get("product", {}).get("name") != "Reference platform":
        print(f"reference_run_record: {args.report} is not a run of the reference implementation", file=sys.stderr)
        return 2
    args.out.write_text(json.dumps(made, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(made['verdicts'])} requirements")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
