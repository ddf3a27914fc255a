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
    "unknown-relay": (15, "fixture-killed.reports.0.relayed_by.1", "unknown estimator 'reuterz'"),
    "unknown-scope": (4, "fixture-killed.scope", "unknown scope 'kursk-oblast'"),
    "unknown-document": (13, "fixture-killed.reports.0.document", "unknown document '009_missing'"),
    "unknown-restates": (8, "fixture-killed.restates", "unknown estimate 'killed-nis-2023-12': did you mean "),
    "quote-not-in-source": (14, "fixture-killed.reports.0.quote", "quote not found verbatim in 003_0be644783e89e01f.txt"),
    "same-claim": (2, "fixture-killed-repeat-of-nis.id", "the same claim as 'killed-nis-2025-01'"),
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
    assert {p.stem for p in INVALID.glob("*.yaml")} - {"billion-laughs"} == set(EXPECTED)


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
    assert not {e.id for e in dataset.estimates} & {"fixture-killed", "fixture-killed-repeat-of-nis"}
    assert len(dataset.estimates) >= 14  # the seed articles' claims are all still there


def _claim(id_: str, quote: str, *, value: int = 300, announced: str = "2025-03-05", scope: str = "war",
           extra: str = "") -> str:
    return (f"  - id: {id_}\n    quantity: killed\n    scope: {scope}\n    value: {value}\n    qualifier: at_least\n"
            f"    estimator: rok-nis\n    announced:\n      value: '{announced}'\n      how: printed\n"
            f"      evidence: synthetic\n{extra}    reports:\n      - document: 003_0be644783e89e01f\n"
            f"        quote: {quote}\n")


def _load(tmp_path, *claims: str):
    path = tmp_path / "claims.yaml"
    path.write_text("estimates:\n" + "".join(claims), encoding="utf-8")
    return estimates.load([path])


def test_the_same_claim_made_within_fourteen_days_is_an_error_on_the_later_one(tmp_path):
    dataset = _load(tmp_path, _claim("first", "2,700 others injured", value=999, announced="2025-03-01"),
                    _claim("second", "at least 300 North Korean soldiers", value=999, announced="2025-03-15"))
    [problem] = dataset.problems
    assert (problem.field, problem.severity) == ("second.id", "error")
    assert "the same claim as 'first'" in problem.message and "`reports`" in problem.message
    assert {e.id for e in dataset.estimates} >= {"first"} and "second" not in {e.id for e in dataset.estimates}


def test_the_same_figure_fifteen_days_later_is_a_new_claim(tmp_path):
    dataset = _load(tmp_path, _claim("first", "2,700 others injured", value=999, announced="2025-03-01"),
                    _claim("second", "at least 300 North Korean soldiers", value=999, announced="2025-03-16"))
    assert dataset.problems == []


def test_two_claims_citing_the_same_passage_are_an_error(tmp_path):
    dataset = _load(tmp_path, _claim("first", "2,700 others injured", value=998, announced="2025-03-01"),
                    _claim("second", "2,700 others injured", value=999, announced="2025-04-01"))
    [problem] = dataset.problems
    assert problem.field == "second.id" and "the same passage of 003_0be644783e89e01f" in problem.message


def test_a_claim_that_says_why_it_is_distinct_or_restates_the_other_passes(tmp_path):
    distinct = _claim("second", "2,700 others injured", value=999, announced="2025-04-01",
                      extra="    distinct_because: another figure in the same sentence\n")
    assert _load(tmp_path, _claim("first", "2,700 others injured", value=998, announced="2025-03-01"), distinct).problems == []
    restated = _claim("second", "at least 300 North Korean soldiers", value=999, announced="2025-03-10",
                      extra="    restates: first\n")
    assert _load(tmp_path, _claim("first", "2,700 others injured", value=999, announced="2025-03-01"), restated).problems == []


def test_a_narrow_scope_needs_a_passage_that_names_it_or_scope_evidence(tmp_path):
    unnamed = _load(tmp_path, _claim("kursk-claim", "2,700 others injured", value=999, scope="kursk"))
    [problem] = unnamed.problems
    assert (problem.field, problem.severity) == ("kursk-claim.scope", "warning")
    assert "no reported passage names" in problem.message and "`scope_evidence`" in problem.message
    evidence = "    scope_evidence: the headline says 'in Kursk'\n"
    assert _load(tmp_path, _claim("kursk-claim", "2,700 others injured", value=999, scope="kursk",
                                  extra=evidence)).problems == []
    # a passage naming a narrower place is evidence for the wider scope: Kursk is in Russia
    named = _load(tmp_path, _claim("russia-claim", "2,700 others injured", value=999, scope="russia"))
    assert [p.field for p in named.problems] == ["russia-claim.scope"]


def test_a_note_about_how_the_research_was_done_is_a_warning(tmp_path):
    note = "    notes: Same claim as the brief's existing record (id not given).\n"
    dataset = _load(tmp_path, _claim("noted", "2,700 others injured", value=999, extra=note))
    [problem] = dataset.problems
    assert (problem.field, problem.severity) == ("noted.notes", "warning")
    assert "speaks of how the research was done" in problem.message


def test_an_unknown_estimator_suggests_the_closest_ids(tmp_path):
    claim = _claim("typo", "2,700 others injured", value=999).replace("estimator: rok-nis", "estimator: nis")
    [problem] = _load(tmp_path, claim).problems
    assert "unknown estimator 'nis': did you mean 'rok-nis'?" in problem.message


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
