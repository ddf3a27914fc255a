import csv
import io
import json
from datetime import date

import estimates
from dashboard.export.downloads import download_bytes, file_name
from dashboard.view import View, apply


def test_visible_records_download_as_csv_stamped_with_version_and_date():
    dataset = estimates.load()
    visible = apply(estimates.to_frame(dataset), View(quantities=("killed",)))
    rows = list(csv.DictReader(io.StringIO(download_bytes(visible, dataset.version, "csv", date(2026, 11, 22)).decode())))
    assert {r["id"] for r in rows if r["kind"] == "estimate"} == set(visible.loc[visible["kind"] == "estimate", "id"])
    assert {(r["data_version"], r["downloaded"]) for r in rows} == {(dataset.version, "2026-11-22")}


def test_all_records_download_as_json_stamped_with_version_and_date():
    dataset = estimates.load()
    payload = json.loads(download_bytes(estimates.to_frame(dataset), dataset.version, "json", date(2026, 11, 22)))
    assert payload["data_version"] == dataset.version and payload["downloaded"] == "2026-11-22"
    assert {r["id"] for r in payload["records"]} == {r.id for r in dataset.records}  # every record
    assert len(payload["records"]) == len(estimates.to_frame(dataset))  # one row per admitted figure
    assert file_name("all", dataset.version, "json", date(2026, 11, 22)) == f"nk-troops-all-records-{dataset.version}-2026-11-22.json"


def test_a_downloads_name_says_which_view():
    from dashboard.view import View, view_slug

    assert view_slug(View()) == "all"
    named = view_slug(View(quantities=("killed",), estimators=("rok-nis",), record="killed-nis-2025-01"))
    assert named == "quantity-killed-estimator-rok-nis"  # the open record is not part of the view
    assert file_name("visible", "abc123def456", "csv", date(2026, 12, 6), named) == (
        "nk-troops-visible-records-quantity-killed-estimator-rok-nis-abc123def456-2026-12-06.csv")
    odd = view_slug(View(estimators=("a" * 80,)))
    assert len(odd) <= 60 and set(odd) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
