"""Issue 19, items 5, 19, 21 and 22: `archive` writes only where it is told, reads its input with
the safe reader within the 2 MB limit, and counts excerpts in real words; validation applies the
same count and the text rules to archived texts."""

import hashlib
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, copy_seed_articles
from estimates.archive import ArchiveError, archive
from estimates.dataset import load
from estimates.excerpts import MAX_EXCERPT_CJK_CHARS, measure, too_long, word_count
from estimates.models import MAX_EXCERPT_WORDS

URL = "https://en.yna.co.kr/view/2025/01/13/nis-north-korean-troops-killed-kursk"
CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}


def cli(*args, cwd=ROOT, pythonpath=ROOT, input=b"At least 300 were killed.\n"):
    return subprocess.run([sys.executable, "-m", "estimates", *args], cwd=cwd, input=input, capture_output=True,
                          timeout=60, env={**CLEAN_ENV, "PYTHONPATH": str(pythonpath)})


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The package as pip installs it: estimates/ with its data and seeds, no checkout around it."""
    site = tmp_path_factory.mktemp("site-packages")
    shutil.copytree(ROOT / "estimates", site / "estimates", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "seeds", site / "estimates" / "seeds")
    return site


def test_archive_outside_a_checkout_refuses_to_write_into_the_installed_package(installed, tmp_path):
    before = sorted(p.name for p in (installed / "estimates" / "seeds").iterdir())
    result = cli("archive", "--url", URL, cwd=tmp_path, pythonpath=installed)
    assert result.returncode == 2
    assert (f"error: {tmp_path} is not a checkout of the tracker, and archive writes only where it is told: run it "
            "in your checkout, or give --seeds-dir DIR (or $TRACKER_SEEDS_DIR)") in result.stderr.decode()
    assert sorted(p.name for p in (installed / "estimates" / "seeds").iterdir()) == before
    assert list(tmp_path.iterdir()) == []


def test_archive_outside_a_checkout_writes_where_it_is_told(installed, tmp_path):
    mine = tmp_path / "my-seeds"
    result = cli("--seeds-dir", str(mine), "archive", "--url", URL, cwd=tmp_path, pythonpath=installed)
    assert result.returncode == 0, result.stderr
    assert [p.suffix for p in sorted(mine.iterdir())] == [".yaml", ".txt"]


def test_archive_refuses_a_fifo_at_once(tmp_path):
    fifo = tmp_path / "passages.txt"
    os.mkfifo(fifo)
    result = cli("archive", "--url", URL, "--seeds", str(tmp_path / "seeds"), str(fifo))  # timeout=60: never blocks
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (f"error: {fifo}: is a FIFO (named pipe), not a regular file: "
                                              "only regular files are read")


def test_archive_refuses_a_device_instead_of_reading_it_forever():
    result = cli("archive", "--url", URL, "--seeds", "/nonexistent-seeds", "/dev/zero")
    assert result.returncode == 2
    assert "error: /dev/zero: is a character device, not a regular file" in result.stderr.decode()


def test_archive_refuses_a_text_over_the_document_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 6_000_000)
    result = cli("archive", "--url", URL, "--seeds", str(tmp_path / "seeds"), "--coverage", "full", str(big))
    assert result.returncode == 2
    assert "is 30,000,000 bytes, over the 2,000,000-byte limit" in result.stderr.decode()
    piped = cli("archive", "--url", URL, "--seeds", str(tmp_path / "seeds"), "--coverage", "full",
                input=b"word " * 500_000)
    assert piped.returncode == 2
    assert "standard input is more than 2,000,000 bytes, over the 2,000,000-byte limit" in piped.stderr.decode()
    assert not (tmp_path / "seeds").exists()


# --- words ------------------------------------------------------------------------------------


@pytest.mark.parametrize("joiner", ["\u200b", "\u2060", "\u200c", "\u200d", "\ufeff", "\u00a0", "\u3000"])
def test_words_joined_by_invisible_characters_count_separately(joiner):
    assert measure(joiner.join(["word"] * 60)) == (60, 0)
    assert too_long(joiner.join(["word"] * 60)) == "60 words"


def test_chinese_and_japanese_count_by_characters_three_to_a_word():
    assert MAX_EXCERPT_CJK_CHARS == 150
    assert word_count("北" * 150) == MAX_EXCERPT_WORDS and too_long("北" * 150) is None
    assert too_long("北" * 151) == ("51 words (0 words and 151 Chinese or Japanese characters, three to a word: "
                                    "at most 150 such characters)")
    assert measure("ロシア・クルスク地域の北朝鮮軍 21人") == (1, 15)  # the katakana middle dot is punctuation


def test_punctuation_alone_is_not_a_word_and_numbers_are():
    assert measure("At least 2,700 — killed.") == (4, 0)


def test_archive_refuses_words_hidden_behind_zero_width_spaces(tmp_path):
    with pytest.raises(ArchiveError, match=r"^the text has U\+200B ZERO WIDTH SPACE \(invisible format character"):
        archive(URL, "\u200b".join(["word"] * 60), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_archive_refuses_a_long_cjk_passage(tmp_path):
    with pytest.raises(ArchiveError, match=r"passage at line 1 has 67 words \(0 words and 200 Chinese or Japanese"):
        archive(URL, "北" * 200, tmp_path)


# --- validation of archived texts ---------------------------------------------------------------


def _replace_text(done, text: str) -> None:
    data = text.encode()
    old = hashlib.sha256(done.text_path.read_bytes()).hexdigest()
    done.text_path.write_bytes(data)
    done.meta_path.write_text(done.meta_path.read_text().replace(old, hashlib.sha256(data).hexdigest()))


@pytest.fixture
def copy(tmp_path):
    return copy_seed_articles(tmp_path / "copy")


def test_validate_applies_the_text_rules_to_an_archived_text(copy):
    data, seeds = copy
    done = archive(URL, "A passage.", seeds)
    _replace_text(done, "First line.\n\nAt least\u200b300 were killed.\n")
    dataset = load(data_dir=data, seeds_dir=seeds)
    [problem] = [p for p in dataset.problems if p.file.endswith(done.text_path.name)]
    assert (problem.line, problem.column) == (3, 9)
    assert problem.message.startswith("contains U+200B ZERO WIDTH SPACE (invisible format character")
    assert done.text_path.stem in dataset.broken_documents


def test_validate_counts_an_archived_cjk_passage_by_characters(copy):
    data, seeds = copy
    done = archive(URL, "A passage.", seeds)
    _replace_text(done, "Short one.\n\n" + "北" * 200 + "\n")
    [problem] = [p for p in load(data_dir=data, seeds_dir=seeds).problems if p.file.endswith(done.text_path.name)]
    assert problem.line == 3
    assert problem.message.startswith("passage of 67 words (0 words and 200 Chinese or Japanese characters")
