"""The one-off migration of December 2026: each claim counted once, its reports under it.

    python migrations/2026_12_claims_and_reports.py [--dry-run] [FILE OR FOLDER ...]

(default: estimates/data/records; repeats are folded within the files given together)

Before, an outlet's repeat of a claim was a record of its own (`repeats: ID`), a restatement
of an older figure was marked `background: true` (linked or not), official statements were
sometimes recorded twice, and each record cited passages with its relays on the record. After:

- every citation is a report, carrying its record's relays;
- a repeat's citations become reports of the claim it repeats; where the repeat's words
  differed from the claim (another estimator named, "casualties" for "killed", another scope,
  another figure), the report keeps them in `as_reported`, and the repeat's note goes with it;
- a background restatement that matches an earlier claim of the same estimator, quantity and
  figure becomes a report of that claim;
- a duplicated official statement (DUPLICATE_ADMISSIONS) becomes a report of the first;
- a claim's `announced` is the earliest among the records folded into it.

Records are rewritten in place (the data files are ours: nothing outside estimates/data/records
is touched); `python -m estimates format` then moves each claim to its month.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from estimates.dates import parse_span  # noqa: E402



from estimates.upgrade import TextDates as Loader  # noqa: E402  (a date stays the text it was written as)



class Dumper(yaml.SafeDumper):
    """The data files' style: list items indented under their key, a blank line between records."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def write_indent(self) -> None:
        if self.indent == 2 and self.column > 0:  # a new record in a top-level list
            self.write_line_break()
        super().write_indent()


RECORDS = ROOT / "estimates" / "data" / "records"
WORDS = ("estimator", "quantity", "includes", "scope", "counted", "value", "low", "high", "qualifier")
# Official statements recorded twice, from two outlets: (the duplicate, the first record).
DUPLICATE_ADMISSIONS = {"kim-engineers-return-2025-12-12-tass": "kim-nine-engineers-died-2025-12"}


def start(fact: dict) -> object:
    return parse_span(fact["value"]).start


def reports_of(record: dict) -> list[dict]:
    relays = record.get("relayed_by") or []
    reports = []
    for citation in record["citations"]:
        report = {"document": citation["document"], "quote": citation["quote"]}
        if relays:
            report["relayed_by"] = list(relays)
        reports.append(report)
    return reports


def as_reported(repeat: dict, claim: dict) -> dict:
    differs = {}
    for name in WORDS:
        if repeat.get(name) != claim.get(name):
            if repeat.get(name) is not None:
                differs[name] = repeat[name]
    return differs


def fold_into(claim: dict, repeat: dict, folded: dict) -> None:
    words = as_reported(repeat, claim)
    for report in reports_of(repeat):
        if words:
            report["as_reported"] = dict(words)
        if repeat.get("notes"):
            report["notes"] = repeat["notes"]
        claim["_reports"].append(report)
    when = "announced" if "announced" in repeat else "date"
    earlier, later = parse_span(repeat[when]["value"]), parse_span(claim[when]["value"])
    if (earlier.start, earlier.end) < (later.start, later.end):  # the earlier, and of two the narrower
        claim[when] = repeat[when]
    folded[repeat["id"]] = claim["id"]


def background_original(record: dict, claims: list[dict]) -> dict | None:
    """The latest earlier claim of the same estimator, quantity, figure, status and measure, if any."""
    same = [c for c in claims if c is not record and not c.get("background") and not c.get("repeats")
            and all(c.get(k) == record.get(k) for k in ("estimator", "quantity", "value", "low", "high"))
            and all(c.get(k, d) == record.get(k, d) for k, d in (("status", "count"), ("measure", "total")))
            and start(c["announced"]) <= start(record["announced"])]
    return max(same, key=lambda c: (start(c["announced"]), c["id"]), default=None)


def migrate(files: dict[Path, dict]) -> dict[str, str]:
    estimates = {r["id"]: r for data in files.values() for r in data.get("estimates") or []}
    admissions = {r["id"]: r for data in files.values() for r in data.get("admissions") or []}
    for record in [*estimates.values(), *admissions.values()]:
        if isinstance(record, dict) and isinstance(record.get("citations"), list):
            record["_reports"] = reports_of(record)
        elif isinstance(record, dict) and isinstance(record.get("reports"), list):  # already a claim
            record["_reports"] = record["reports"]
    into: dict[str, str] = {}  # a record folded -> the record it repeats
    for record in estimates.values():
        if record.get("repeats") in estimates:
            into[record["id"]] = record["repeats"]
        elif record.get("repeats"):
            print(f"  {record['id']} repeats {record['repeats']}, not in these files: left a claim of its own")
    for record in estimates.values():
        if record.get("background") and not record.get("repeats"):
            original = background_original(record, list(estimates.values()))
            if original is not None:
                into[record["id"]] = original["id"]
    into.update({d: f for d, f in DUPLICATE_ADMISSIONS.items() if d in admissions and f in admissions})
    records = {**estimates, **admissions}
    folded: dict[str, str] = {}
    for record_id in into:
        root = record_id
        while root in into:
            root = into[root]
        fold_into(records[root], records[record_id], folded)
    for data in files.values():
        for key in ("estimates", "admissions"):
            if isinstance(data.get(key), list):
                data[key] = [upgraded(r) for r in data[key] if r["id"] not in folded]
    return folded


def upgraded(record: dict) -> dict:
    if not isinstance(record, dict) or "_reports" not in record:
        return record
    reports = sorted(record.pop("_reports"), key=lambda r: PUBLISHED.get(r["document"], ""))
    out = {}
    for key, value in record.items():
        if key in ("relayed_by", "repeats") or key.startswith("_"):
            continue
        if key in ("citations", "reports"):
            out["reports"] = reports
            continue
        out[key] = value
    return out


def _ids(data: dict) -> set[str]:
    return {r.get("id") for key in ("estimates", "admissions") for r in data.get(key) or [] if isinstance(r, dict)}


def published_dates() -> dict[str, str]:
    dates = {}
    for meta in (ROOT / "seeds").glob("*.meta.yaml"):
        data = yaml.load(meta.read_text(encoding="utf-8"), Loader)
        dates[meta.name.removesuffix(".meta.yaml")] = str(parse_span(data["published"]["value"]).start)
    return dates


PUBLISHED = published_dates()


def main(argv: list[str]) -> int:
    given = [Path(a) for a in argv if not a.startswith("--")] or [RECORDS]
    paths = sorted(p for g in given for p in (g.glob("*.yaml") if g.is_dir() else [g]))
    texts = {p: p.read_text(encoding="utf-8") for p in paths}
    files = {p: yaml.load(t, Loader) or {} for p, t in texts.items()}
    folded = migrate(files)
    print(f"{len(folded)} records folded into their claims")
    for repeat, claim in sorted(folded.items()):
        print(f"  {repeat} -> {claim}")
    if "--dry-run" in argv:
        return 0
    for path, data in files.items():
        if "citations:" not in texts[path] and not any(v in folded.values() for v in _ids(data)):
            continue
        lines = texts[path].splitlines(keepends=True)
        header = "".join(lines[:next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))])
        body = yaml.dump({k: v for k, v in data.items() if v}, Dumper=Dumper, sort_keys=False,
                         allow_unicode=True, width=100, default_flow_style=False, indent=2)
        path.write_text(header + body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
