"""The real dataset: it validates, it is not empty, and it covers every archived document."""

import shutil

import pytest

import estimates
from estimates.dataset import SEEDS_DIR, load


@pytest.fixture(scope="module")
def dataset():
    return load()


def test_the_dataset_validates_with_a_real_number_of_records(dataset):
    assert dataset.problems == []
    assert len(dataset.estimates) >= 65
    assert len(dataset.admissions) >= 30
    assert len(dataset.documents) >= 40
    assert len({e.estimator for e in dataset.estimates}) >= 15


def test_every_archived_document_is_cited(dataset):
    cited = {c.document for r in dataset.records for c in r.reports}
    assert cited == set(dataset.documents)


def test_every_quote_is_found_in_its_document(dataset):
    for record in dataset.records:
        for citation in record.reports:
            assert dataset.documents[citation.document].contains(citation.quote), record.id


def test_official_admissions_include_the_nine_dead_engineers(dataset):
    nine = {(a.actor, f.quantity, f.scope) for a in dataset.admissions for f in a.figures if f.value == 9}
    assert nine == {("kim-jong-un", "killed", "engineer-regiment")}


def test_vague_claims_carry_no_invented_number(dataset):
    vague = [e for e in dataset.estimates if e.qualifier == "vague"]
    assert vague and all(e.value is None and e.low is None and e.high is None for e in vague)


def test_every_figure_appears_in_its_own_quote(seed_articles_dir):
    """No figure is rounded or "corrected": 10000 must be printed as 10,000 in the quote. Checked
    on the five seed articles' records: the public record's quotes also write numbers in words
    and in other languages ("15-hundred", "1만 5천", "4 тис.")."""
    dataset = load(data_dir=seed_articles_dir)
    words = {2: "two", 3: "three", 6: "six", 9: "nine", 20: "20"}
    figures = [(e, e) for e in dataset.estimates] + [(a, f) for a in dataset.admissions for f in a.figures]
    for record, figure in figures:
        for number in (figure.value, figure.low, figure.high):
            if number is None or getattr(figure, "measure", "total") == "share":
                continue
            printed = {f"{int(number):,}", f"{int(number)}", words.get(int(number), "")} - {""}
            quotes = " ".join(c.quote for c in record.reports).lower()
            assert any(p in quotes for p in printed), (record.id, printed)


def _copy_seeds(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    return seeds


def test_an_edited_document_fails_its_checksum(tmp_path):
    seeds = _copy_seeds(tmp_path)
    doc = seeds / "003_0be644783e89e01f.txt"
    doc.write_text(doc.read_text().replace("at least 300", "at least 3000"))
    dataset = load(seeds_dir=seeds)
    problems = [p for p in dataset.problems if p.field == "sha256"]
    assert len(problems) == 1
    assert problems[0].line == 2 and problems[0].file.endswith("003_0be644783e89e01f.meta.yaml")
    assert "no longer matches its checksum" in problems[0].message
    assert "restore the original text" in problems[0].message
    # records citing it cannot be checked, so they are reported rather than silently kept,
    # and the report names the checksum, never "unknown document"
    citing = [p for p in dataset.problems if p.field.startswith("killed-nis-2025-01.reports.")
              and p.field.endswith(".document")]
    assert len(citing) == 1 and "no longer matches its checksum" in citing[0].message
    assert "unknown document" not in citing[0].message


def test_a_document_without_metadata_is_reported(tmp_path):
    seeds = _copy_seeds(tmp_path)
    (seeds / "005_new.txt").write_text("A new article.")
    problems = [p for p in load(seeds_dir=seeds).problems if "005_new" in p.file]
    assert [p.message for p in problems] == ["no metadata beside it: add 005_new.meta.yaml"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>"])
def test_a_document_link_must_be_http(tmp_path, url):
    seeds = _copy_seeds(tmp_path)
    meta = seeds / "004_70b8eea80a870e7c.meta.yaml"
    meta.write_text(meta.read_text() + f"url: '{url}'\n")
    problems = [p for p in load(seeds_dir=seeds).problems if p.field == "url"]
    assert len(problems) == 1 and "only http:// and https://" in problems[0].message


def test_data_version_changes_with_the_data(tmp_path, fixtures):
    assert load().version == load().version
    assert load([fixtures / "valid.yaml"]).version != load().version
    assert len(estimates.load().version) == 12
