"""The public record: documents archived as excerpts with their URL, the archive command, the
quote diagnostic, and the forms real sources give figures in (several figures in one
admission, shares, flows, restatements)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import estimates
from conftest import SEED_ARTICLES, copy_seed_articles
from estimates.archive import ArchiveError, archive
from estimates.dataset import ROOT, load
from estimates.documents import passages_of, word_count
from estimates.frame import to_frame
from estimates.models import MAX_EXCERPT_WORDS

RECORD = Path(__file__).parent / "fixtures" / "record"
URL = "https://en.yna.co.kr/view/2025/06/17/shoigu-sappers-builders-kursk"


@pytest.fixture
def seeds(tmp_path) -> Path:
    """The five seed articles' documents."""
    return copy_seed_articles(tmp_path / "copy")[1]


def _archive_fixture(seeds: Path) -> str:
    done = archive(URL, (RECORD / "shoigu.txt").read_text(), seeds, today=date(2025, 6, 18))
    meta = done.meta_path.read_text().replace("review: [outlet, headline, published]", "")
    done.meta_path.write_text(meta)
    return done.text_path.stem


def _load_kinds(seeds: Path, tmp_path: Path):
    stem = _archive_fixture(seeds)
    data = tmp_path / "kinds.yaml"
    data.write_text((RECORD / "kinds-of-figures.yaml").read_text().replace("document: DOC", f"document: {stem}"))
    return load([data], seeds_dir=seeds, data_dir=seeds.parent / "data")


# --- archive ---------------------------------------------------------------------------

def test_archive_writes_the_text_named_by_its_url_and_checksum_and_its_metadata(seeds):
    done = archive(URL, "One passage with 1,000 sappers.\n\nAnother passage.", seeds, today=date(2025, 6, 18))
    sha256 = hashlib.sha256(done.text_path.read_bytes()).hexdigest()
    assert done.text_path.name == f"yna-shoigu-sappers-builders-kursk-{sha256[:8]}.txt"
    assert done.meta_path.name == f"yna-shoigu-sappers-builders-kursk-{sha256[:8]}.meta.yaml"
    meta = done.meta_path.read_text()
    assert f"sha256: {sha256}" in meta
    assert f'url: "{URL}"' in meta and 'accessed: "2025-06-18"' in meta and "coverage: excerpts" in meta
    # what it could tell from the URL is filled in, inferred, and marked for review
    assert 'value: "Yonhap News Agency"' in meta and 'value: "2025-06-17"' in meta
    assert done.review == ("outlet", "headline", "published")
    dataset = load(seeds_dir=seeds, data_dir=seeds.parent / "data")
    document = dataset.documents[done.text_path.stem]
    assert document.meta.outlet.how == "inferred" and document.meta.url == URL
    warned = {p.field for p in dataset.warnings if done.meta_path.name in p.file}
    assert warned == {"outlet", "headline", "published"}


def test_two_contributors_archiving_at_once_never_pick_the_same_name(seeds):
    """Names come from the URL and the text, not from what is already in seeds/: two documents
    archived from two copies of the same seeds/ (two branches) never collide."""
    mine, theirs = seeds.parent / "mine", seeds.parent / "theirs"
    shutil.copytree(seeds, mine)
    shutil.copytree(seeds, theirs)
    first = archive(URL, "A passage.", mine)
    second = archive(URL, "Another passage.", theirs)
    assert first.text_path.name != second.text_path.name
    assert not ({p.name for p in mine.iterdir()} - {p.name for p in seeds.iterdir()}) & {p.name for p in theirs.iterdir()}


def test_archive_refuses_to_overwrite(seeds):
    first = archive(URL, "A passage.", seeds)
    before = (first.text_path.read_bytes(), first.meta_path.read_bytes())
    with pytest.raises(ArchiveError, match=f"{first.text_path.name} already exists"):
        archive(URL, "A passage.", seeds)  # the same text from the same page: the same name
    assert (first.text_path.read_bytes(), first.meta_path.read_bytes()) == before
    assert len(list(seeds.glob("yna-shoigu-*"))) == 2


def test_archive_refuses_a_passage_longer_than_fifty_words(seeds):
    long = " ".join(["word"] * (MAX_EXCERPT_WORDS + 1))
    with pytest.raises(ArchiveError, match=f"passage at line 3 has {MAX_EXCERPT_WORDS + 1} words"):
        archive(URL, f"Short one.\n\n{long}\n", seeds)
    assert not list(seeds.glob("yna-*"))


def test_archive_refuses_a_link_that_is_not_http(seeds):
    with pytest.raises(ArchiveError, match="http:// or https://"):
        archive("javascript:alert(1)", "A passage.", seeds)


def test_archive_from_the_command_line_reads_standard_input(seeds):
    done = subprocess.run([sys.executable, "-m", "estimates", "archive", "--url", URL, "--seeds", str(seeds)],
                          input="At least 300 were killed.\n", capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    digest = hashlib.sha256("At least 300 were killed.\n".encode()).hexdigest()
    name = f"yna-shoigu-sappers-builders-kursk-{digest[:8]}"
    assert "wrote" in done.stderr and f"cite it as `document: {name}`" in done.stderr
    assert (seeds / f"{name}.txt").read_text() == "At least 300 were killed.\n"


def test_a_checksum_mismatch_says_what_changed_and_what_to_do(seeds):
    done = archive(URL, "At least 300 were killed.", seeds)
    done.text_path.write_text("At least 3000 were killed.\n")
    dataset = load(seeds_dir=seeds, data_dir=seeds.parent / "data")
    [problem] = [p for p in dataset.problems if p.field == "sha256"]
    assert problem.file.endswith(done.meta_path.name) and problem.line == 2
    actual = hashlib.sha256(done.text_path.read_bytes()).hexdigest()
    assert actual in problem.message
    assert "restore the original text" in problem.message and "archive the new text as a new document" in problem.message
    assert done.text_path.stem in dataset.broken_documents


def test_a_checksum_mismatch_in_a_committed_seed_names_the_changed_line(tmp_path, monkeypatch, seed_documents_dir):
    """In a repository of its own: editing the checkout's seeds/, even for a moment, broke a
    document for every test running beside this one (a race found in a parallel run)."""
    import subprocess

    from estimates import dataset as loader

    repo = tmp_path / "repo"
    shutil.copytree(seed_documents_dir, repo / "seeds")
    git = ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    for step in (["init", "--quiet"], ["add", "."], ["commit", "--quiet", "-m", "seeds"]):
        subprocess.run([*git, *step], check=True, capture_output=True)
    seed = repo / "seeds" / "003_0be644783e89e01f.txt"
    seed.write_bytes(seed.read_bytes().replace(b"at least 300", b"at least 3000", 1))
    monkeypatch.setattr(loader, "ROOT", repo)  # the checkout whose git history explains the change
    [problem] = [p for p in load(seeds_dir=repo / "seeds", data_dir=SEED_ARTICLES).problems if p.field == "sha256"]
    assert "changed since the last commit at line" in problem.message
    assert "at least 3000" in problem.message


# --- quotes ----------------------------------------------------------------------------

def test_a_quote_that_differs_by_one_capital_shows_the_closest_passage_and_the_difference(seeds, tmp_path):
    stem = _archive_fixture(seeds)
    data = tmp_path / "bad-quote.yaml"
    text = (RECORD / "kinds-of-figures.yaml").read_text().replace("document: DOC", f"document: {stem}")
    data.write_text(text.replace("quote: roughly half of the", "quote: Roughly half of the"))
    [problem] = [p for p in load([data], seeds_dir=seeds, data_dir=seeds.parent / "data").errors]
    assert problem.field == "fixture-share-half.reports.0.quote"
    assert 'closest passage: "roughly half of the 11-12,000-strong contingent' in problem.message
    assert "first difference at character 1 of the quote: the document has 'r' where the quote has 'R'" in problem.message


def test_a_quote_must_come_from_one_passage_of_an_excerpts_document(seeds, tmp_path):
    stem = _archive_fixture(seeds)
    document = load(seeds_dir=seeds, data_dir=seeds.parent / "data").documents[stem]
    assert document.contains("restore infrastructure destroyed by the fighting, Shoigu said.")
    assert not document.contains("Shoigu said. Ukraine says roughly half")  # spans two passages


# --- the forms figures take ------------------------------------------------------------

def test_an_admission_keeps_each_figure_it_gave_and_never_their_sum(seeds, tmp_path):
    dataset = _load_kinds(seeds, tmp_path)
    assert dataset.errors == []
    [shoigu] = [a for a in dataset.admissions if a.id == "fixture-shoigu-sappers-and-builders"]
    assert [(f.counted, f.value, f.status, f.scope) for f in shoigu.figures] == [
        ("sappers", 1000, "plan", "kursk"), ("military builders", 5000, "plan", "kursk")]
    assert [r.relayed_by for r in shoigu.reports] == [["tass"]]
    rows = to_frame(dataset).query("id == 'fixture-shoigu-sappers-and-builders'")
    assert list(rows["part"]) == [1, 2] and list(rows["value"]) == [1000, 5000]
    assert 6000 not in set(to_frame(dataset)["value"])


def test_a_share_and_a_flow_keep_their_base_and_period(seeds, tmp_path):
    frame = to_frame(_load_kinds(seeds, tmp_path)).set_index("id")
    share, flow = frame.loc["fixture-share-half"], frame.loc["fixture-flow-week"]
    assert (share.measure, share.value, share.share_of) == ("share", 0.5, "the 11-12,000-strong contingent")
    assert (flow.measure, flow.value, flow.qualifier, flow.period) == ("flow", 1000, "more_than", "2025-03-01/2025-03-07")


def test_a_restated_background_figure_is_not_an_independent_estimate(seeds, tmp_path):
    frame = to_frame(_load_kinds(seeds, tmp_path)).set_index("id")
    row = frame.loc["fixture-background-2024"]
    assert row.background and not row.independent and row.restates is None
    assert row.as_of == "2024"


@pytest.mark.parametrize(("change", "field", "words"), [
    (("measure: share\n", "measure: total\n"), "fixture-share-half.share_of", "`share_of` is required for a `share` and only"),
    (("    period: 2025-03-01/2025-03-07\n", ""), "fixture-flow-week.period", "`period` is required for a `flow`"),
    (("value: 0.5", "value: 5"), "fixture-share-half.value", "a share is a fraction"),
    (("counted: sappers, status: plan", "counted: sappers, status: forecast"),
     "fixture-shoigu-sappers-and-builders.figures[0].status", "'count' or 'plan'"),
    (("scope: kursk, counted: sappers", "scope: kurks, counted: sappers"),
     "fixture-shoigu-sappers-and-builders.figures.0.scope", "unknown scope 'kurks'"),
])
def test_each_form_breaks_loudly_when_half_given(seeds, tmp_path, change, field, words):
    stem = _archive_fixture(seeds)
    data = tmp_path / "broken.yaml"
    text = (RECORD / "kinds-of-figures.yaml").read_text().replace("document: DOC", f"document: {stem}")
    assert change[0] in text
    data.write_text(text.replace(change[0], change[1], 1))
    errors = load([data], seeds_dir=seeds, data_dir=seeds.parent / "data").errors
    assert [p.field for p in errors] == [field] and words in errors[0].message


# --- the real dataset ------------------------------------------------------------------

def test_every_document_beyond_the_seeds_is_an_excerpt_with_an_http_link():
    documents = estimates.load().documents
    seeds = {f"00{n}" for n in range(5)}  # the five whole articles; every other name is a later excerpt
    beyond = [d for d in documents.values() if d.id[:3] not in seeds]
    assert len(beyond) == len(documents) - 5
    for document in beyond:
        assert document.meta.coverage == "excerpts", document.id
        assert document.meta.url and document.meta.url.startswith(("https://", "http://")), document.id
        assert document.meta.accessed, document.id
    assert {d.meta.coverage for d in documents.values() if d.id[:3] in seeds} == {"full"}


def test_no_archived_passage_is_longer_than_fifty_words():
    for document in estimates.load().documents.values():
        if document.meta.coverage == "excerpts":
            counts = [word_count(p) for _, p in passages_of(document.text)]
            assert counts and max(counts) <= MAX_EXCERPT_WORDS, document.id


def test_past_a_hundred_wrong_quotes_the_closest_passage_is_no_longer_searched(tmp_path):
    from estimates.rules import MAX_DIAGNOSED_QUOTES

    data = tmp_path / "data"
    shutil.copytree(ROOT / "estimates" / "data", data)
    records = "".join(
        f"- id: wrong-quote-{n}\n  quantity: killed\n  scope: war\n  value: {n + 1}\n  qualifier: exact\n"
        f"  estimator: rok-nis\n  announced: {{value: '2025-01', how: printed, evidence: test}}\n"
        f"  reports: [{{document: 003_0be644783e89e01f, quote: 'no such words number {n}'}}]\n"
        for n in range(MAX_DIAGNOSED_QUOTES + 5))
    (data / "wrong.yaml").write_text("estimates:\n" + records)
    messages = [p.message for p in load(data_dir=data).problems if p.field.endswith(".quote")]
    assert len(messages) == MAX_DIAGNOSED_QUOTES + 5
    capped = f"the closest passage is shown for the first {MAX_DIAGNOSED_QUOTES} quotes not found"
    assert sum(m.endswith(capped) for m in messages) == 5
    assert all("closest passage: " in m or "shares any words" in m for m in messages if not m.endswith(capped))
