"""Each fixture in tests/fixtures/invalid breaks exactly one rule; the problem must name the
exact file, line and field, and say what to do."""

from pathlib import Path

import pytest

import estimates
from conftest import SEED_ARTICLES

INVALID = Path(__file__).parent / "fixtures" / "invalid"


@pytest.fixture(autouse=True)
def small_data(monkeypatch, seed_documents_dir):
    """Each fixture is checked beside the seed articles' records and documents (loaded in a few
    milliseconds; the whole record would only make every case slower)."""
    monkeypatch.setenv("TRACKER_DATA_DIR", str(SEED_ARTICLES))
    monkeypatch.setenv("TRACKER_SEEDS_DIR", str(seed_documents_dir))

# fixture name -> (line, field, words the message must contain)
EXPECTED = {
    "low-above-value": (6, "fixture-killed.low", "low must be <= value (got 400 > 300)"),
    "high-with-at-least": (7, "fixture-killed.high", "`at_least` has no upper bound"),
    "vague-with-value": (5, "fixture-killed.value", "`vague` figure has no value"),
    "range-without-high": (2, "fixture-killed.high", "`range` needs both low and high"),
    "unknown-qualifier": (6, "fixture-killed.qualifier", "'at_least'"),
    "unknown-estimator": (7, "fixture-killed.estimator", "unknown estimator 'rok-nsi'"),
    "unknown-relay": (8, "fixture-killed.relayed_by.1", "unknown estimator 'reuterz'"),
    "unknown-scope": (4, "fixture-killed.scope", "unknown scope 'kursk-oblast'"),
    "unknown-document": (13, "fixture-killed.citations.0.document", "unknown document '009_missing'"),
    "unknown-repeats": (8, "fixture-killed.repeats", "unknown estimate 'killed-nis-2023-12'"),
    "quote-not-in-source": (14, "fixture-killed.citations.0.quote", "quote not found verbatim in 003_0be644783e89e01f.txt"),
    "duplicate-id": (2, "killed-nis-2025-01.id", "already used at tests/fixtures/seed-articles/losses.yaml:4"),
    "future-date": (9, "fixture-killed.announced.value", "2099-01 is in the future"),
    "as-of-after-announced": (12, "fixture-killed.as_of", "as_of cannot be after announced"),
    "bad-partial-date": (9, "fixture-killed.announced.value", "'Jan 2025' is not a partial date"),
    "unknown-field": (7, "fixture-killed.qualifer", "unknown field"),
    "wrong-type": (5, "fixture-killed.value", "valid number"),
    "number-with-separator": (5, "fixture-killed.value", "write digits only"),
    "missing-field": (2, "fixture-killed.estimator", "required field is missing"),
    "casualties-without-includes": (2, "fixture-killed.includes", "`includes` is required"),
    "duplicate-key": (5, "fixture-killed.scope", "duplicate key 'scope'"),
    "ambiguous-boolean": (8, "fixture-killed.notes", "'NO' is ambiguous"),
    "ambiguous-octal": (5, "fixture-killed.value", "'0300' is ambiguous"),
    "alias": (12, "fixture-killed.notes", "aliases"),
    "syntax-error": (5, "", "YAML syntax error"),
    "javascript-in-id": (2, "javascript:alert(1).id", "should match pattern"),
    "empty": (1, "", "file is empty"),
    "top-level-list": (1, "", "expected a mapping"),
    "not-utf8": (11, "", "not UTF-8"),
}


def test_every_fixture_has_an_expectation():
    assert {p.stem for p in INVALID.glob("*.yaml")} - {"billion-laughs", "likely-duplicate", "repeats-a-repeat"} == set(EXPECTED)


def test_the_valid_fixture_has_no_problem(fixtures):
    dataset = estimates.load([fixtures / "valid.yaml"])
    assert dataset.problems == []
    assert "fixture-killed" in {e.id for e in dataset.estimates}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_one_defect_is_reported_at_its_file_line_and_field(name):
    line, field, words = EXPECTED[name]
    dataset = estimates.load([INVALID / f"{name}.yaml"])
    assert [p.where() for p in dataset.problems] == [(f"tests/fixtures/invalid/{name}.yaml", line, field)]
    assert words in dataset.problems[0].message
    assert dataset.problems[0].severity == "error"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_broken_record_is_left_out_and_the_dataset_survives(name):
    dataset = estimates.load([INVALID / f"{name}.yaml"])
    assert "fixture-killed" not in {e.id for e in dataset.estimates}
    assert len(dataset.estimates) >= 15  # the real records are all still there


def test_likely_duplicates_are_a_warning_not_an_error():
    dataset = estimates.load([INVALID / "likely-duplicate.yaml"])
    assert [(p.where(), p.severity) for p in dataset.problems] == [
        (("tests/fixtures/invalid/likely-duplicate.yaml", 2, "fixture-killed-repeat-of-nis.id"), "warning")
    ]
    assert "repeats: killed-nis-2025-01" in dataset.problems[0].message


def test_a_repeat_points_at_the_original_claim_not_at_another_repeat():
    dataset = estimates.load([INVALID / "repeats-a-repeat.yaml"])
    assert [(p.where(), p.severity) for p in dataset.problems] == [
        (("tests/fixtures/invalid/repeats-a-repeat.yaml", 35, "fixture-second-repeat.repeats"), "warning")]
    assert "point `repeats` at the original claim" in dataset.problems[0].message
    assert "'fixture-first-repeat' is itself a repeat of 'fixture-original'" in dataset.problems[0].message


def test_an_alias_bomb_is_refused_without_expanding_it():
    dataset = estimates.load([INVALID / "billion-laughs.yaml"])
    alias_problems = [p for p in dataset.problems if "aliases" in p.message]
    assert len(alias_problems) == 1  # reported once, not 9**7 times
    assert alias_problems[0].where()[:2] == ("tests/fixtures/invalid/billion-laughs.yaml", 1)
    assert not any("Input should be" in p.message for p in dataset.problems)


def test_an_oversized_file_is_refused(tmp_path, monkeypatch, seed_articles_dir):
    from estimates import yamlfile

    monkeypatch.setattr(yamlfile, "MAX_BYTES", 50_000)  # the seed articles' files are far smaller
    big = tmp_path / "big.yaml"
    big.write_text("estimates: []\n# " + "x" * 60_000 + "\n")
    dataset = estimates.load([big], data_dir=seed_articles_dir)
    assert [p.where() for p in dataset.problems] == [(str(big), 1, "")]
    assert "over the 50,000-byte limit" in dataset.problems[0].message


def test_all_problems_of_a_file_are_collected_in_one_run(tmp_path, fixtures):
    text = (fixtures / "valid.yaml").read_text()
    second = text.replace("fixture-killed", "fixture-second").replace("value: 300", "value: 0300")
    first = text.replace("qualifier: at_least", "qualifier: roughly")
    path = tmp_path / "two.yaml"
    path.write_text(first + second.split("estimates:\n", 1)[1])
    fields = [p.field for p in estimates.load([path]).problems]
    assert fields == ["fixture-killed.qualifier", "fixture-second.value"]


def test_loading_never_writes_to_the_data_files(fixtures, seed_documents_dir):
    files = sorted(SEED_ARTICLES.rglob("*.yaml")) + sorted(seed_documents_dir.iterdir()) + sorted(fixtures.rglob("*.yaml"))
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files}
    estimates.load([fixtures / "invalid"])
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files} == before


def test_only_north_korea_russia_or_both_make_admissions(fixtures):
    from estimates.models import ADMITTING_SIDES

    assert ADMITTING_SIDES == ("north_korea", "russia", "mixed")
    dataset = estimates.load([fixtures / "rules" / "admission-by-a-third-party.yaml"])
    assert [(p.where(), p.severity) for p in dataset.problems] == [
        (("tests/fixtures/rules/admission-by-a-third-party.yaml", 4, "fixture-admission-by-nis.actor"), "error")]
    assert "'rok-nis' is on the side 'third_party'" in dataset.problems[0].message
    assert "record what anyone else says as an estimate" in dataset.problems[0].message
    assert "fixture-admission-by-nis" not in {a.id for a in dataset.admissions}


@pytest.mark.parametrize("typed, suggested", [("rok-nsi", "did you mean 'rok-nis'?"), ("nis", "did you mean 'rok-nis'?"),
                                              ("us-dodd", "did you mean 'us-dod'?")])
def test_an_unknown_id_suggests_the_closest_known_ones(tmp_path, fixtures, typed, suggested):
    path = tmp_path / "typo.yaml"
    path.write_text((fixtures / "valid.yaml").read_text().replace("estimator: rok-nis", f"estimator: {typed}", 1))
    [problem] = estimates.load([path]).errors
    assert problem.field == "fixture-killed.estimator"
    assert f"unknown estimator {typed!r}: {suggested} define it first, or fix the spelling" == problem.message


def test_an_unknown_id_far_from_every_known_one_suggests_nothing(tmp_path, fixtures):
    path = tmp_path / "typo.yaml"
    path.write_text((fixtures / "valid.yaml").read_text().replace("estimator: rok-nis", "estimator: zzzzzz", 1))
    assert estimates.load([path]).errors[0].message == "unknown estimator 'zzzzzz': define it first, or fix the spelling"
