"""Files that are not what they claim: FIFOs, devices, directories, symlink loops, symlinks out of
the data folder, oversized and unreadable files, seeds that are not UTF-8. Each gives a clean
problem naming the file and the rule or limit, never a traceback or a hang, and the other
records still load. Whatever could hang or crash runs in a child process with a timeout.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import estimates
from conftest import ROOT, copy_seed_articles
from estimates import safe_files
from estimates.documents import MAX_DOCUMENT_BYTES
from estimates.safe_files import UnsafeFile, read_bytes

SECRET = "secret-outside-7c1e"


def _snapshot(folder: Path) -> dict:
    return {p: (p.lstat().st_mtime_ns, p.read_bytes() if p.is_file() and not p.is_symlink() else None)
            for p in sorted(folder.rglob("*")) if p.is_symlink() or p.is_file()}


@pytest.fixture
def copy(tmp_path) -> tuple[Path, Path]:
    """A copy of the data and seeds, and a secret file outside both."""
    data, seeds = copy_seed_articles(tmp_path)
    (tmp_path / "outside.yaml").write_text(f"estimates:\n  - id: {SECRET}\n    notes: NO\n")
    return data, seeds


def load_in_child(data: Path, seeds: Path) -> dict:
    """estimates.load() in a child process, with a timeout: a hang or a crash fails the test
    instead of taking the run down."""
    code = textwrap.dedent(f"""
        import json, pathlib, estimates
        d = estimates.load(data_dir=pathlib.Path({str(data)!r}), seeds_dir=pathlib.Path({str(seeds)!r}))
        print(json.dumps({{"estimates": len(d.estimates), "admissions": len(d.admissions),
                           "documents": sorted(d.documents),
                           "problems": [[p.file, p.line, p.field, p.message] for p in d.problems]}}))
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"child exited with {result.returncode}: {result.stderr[-800:]}"
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def only_problem(found: dict) -> tuple[str, str]:
    assert len(found["problems"]) == 1, found["problems"]
    file, _, _, message = found["problems"][0]
    return file, message


# --- data files ---------------------------------------------------------------------------

DATA_ATTACKS = {
    # name: (make it in the data folder, words the problem must say)
    "fifo": (lambda data, outside: os.mkfifo(data / "x.yaml"), "is a FIFO (named pipe), not a regular file"),
    "symlink loop": (lambda data, outside: (data / "x.yaml").symlink_to(data / "x.yaml"), "is a symlink loop"),
    "symlink to a device": (lambda data, outside: (data / "x.yaml").symlink_to("/dev/zero"),
                            "is a symlink to a file outside the folders the tracker reads"),
    "symlink out of the folder": (lambda data, outside: (data / "x.yaml").symlink_to(outside),
                                  "is a symlink to a file outside the folders the tracker reads"),
    "directory": (lambda data, outside: (data / "x.yaml").mkdir(), "is a directory, not a regular file"),
}


@pytest.mark.parametrize("attack", sorted(DATA_ATTACKS))
def test_a_file_that_is_not_a_regular_file_in_the_data_folder_is_a_clean_problem(copy, attack):
    data, seeds = copy
    make, words = DATA_ATTACKS[attack]
    make(data, data.parent / "outside.yaml")
    before = _snapshot(data)
    found = load_in_child(data, seeds)
    file, message = only_problem(found)
    assert file == str(data / "x.yaml") and words in message, found["problems"]
    assert SECRET not in json.dumps(found) and "/dev/zero" not in message and "outside.yaml" not in message
    assert (found["estimates"], found["admissions"], len(found["documents"])) == (14, 13, 5)  # the five seed articles: 14 claims, 13 statements
    assert _snapshot(data) == before  # nothing written


def test_a_device_named_on_the_command_line_is_refused_not_read_forever(tmp_path):
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")  # reports a size of 0, and never ends
    result = subprocess.run([sys.executable, "-m", "estimates", "validate", str(link)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{link}:1:1    is a character device, not a regular file" in result.stdout


def test_a_fifo_named_on_the_command_line_does_not_hang_validate(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-m", "estimates", "validate", str(fifo)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "is a FIFO (named pipe), not a regular file" in result.stdout


def test_reading_stops_at_the_limit_plus_one_byte_whatever_the_size_says():
    # /proc files are regular files that report a size of 0 and still have content
    with pytest.raises(UnsafeFile) as error:
        read_bytes("/proc/self/status", limit=10, what="the file")
    assert str(error.value) == "/proc/self/status: the file is more than 10 bytes, over the 10-byte limit"
    assert error.value.errno == errno.EFBIG


def test_an_unreadable_data_file_is_a_clean_problem(copy, monkeypatch):
    data, seeds = copy
    target = str(data / "losses.yaml")
    real_open = os.open

    def refuse(path, flags, *args):  # what chmod 000 does for anyone but root (the tests run as root)
        if str(path) == target:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(safe_files.os, "open", refuse)
    dataset = estimates.load(data_dir=data, seeds_dir=seeds)
    assert [(p.file, p.message) for p in dataset.errors] == [(target, "cannot be read: Permission denied")]
    assert len(dataset.estimates) == 14 - 7 and len(dataset.admissions) == 13  # losses.yaml holds 7 estimates


# --- archived documents --------------------------------------------------------------------

SEED = "003_0be644783e89e01f"


def _rewrite_seed(seeds: Path, raw: bytes) -> None:
    """Replace the seed's text and give its metadata the new checksum: only the content is bad."""
    import hashlib

    (seeds / f"{SEED}.txt").write_bytes(raw)
    meta = seeds / f"{SEED}.meta.yaml"
    lines = meta.read_text().splitlines(keepends=True)
    meta.write_text("".join(f"sha256: {hashlib.sha256(raw).hexdigest()}\n" if line.startswith("sha256:") else line
                            for line in lines))


SEED_ATTACKS = {
    "directory": (lambda seeds: ((seeds / f"{SEED}.txt").unlink(), (seeds / f"{SEED}.txt").mkdir()),
                  "is a directory, not a regular file"),
    "fifo": (lambda seeds: ((seeds / f"{SEED}.txt").unlink(), os.mkfifo(seeds / f"{SEED}.txt")),
             "is a FIFO (named pipe), not a regular file"),
    "not utf-8 with a correct checksum": (lambda seeds: _rewrite_seed(seeds, "Kim said 300 – \n".encode("cp1252")),
                                          "not UTF-8 (byte 0x96 at offset 13): archive the text as UTF-8"),
    "over the size limit": (lambda seeds: _rewrite_seed(seeds, b"x" * (MAX_DOCUMENT_BYTES + 1)),
                            f"an archived document is {MAX_DOCUMENT_BYTES + 1:,} bytes, over the "
                            f"{MAX_DOCUMENT_BYTES:,}-byte limit"),
    "symlink out of the folder": (lambda seeds: ((seeds / f"{SEED}.txt").unlink(),
                                                 (seeds / f"{SEED}.txt").symlink_to(seeds.parent / "outside.yaml")),
                                  "is a symlink to a file outside the folders the tracker reads"),
}


@pytest.mark.parametrize("attack", sorted(SEED_ATTACKS))
def test_a_bad_archived_document_is_a_clean_problem_and_its_records_say_why(copy, attack):
    data, seeds = copy
    make, words = SEED_ATTACKS[attack]
    make(seeds)
    found = load_in_child(data, seeds)
    seed_problems = [p for p in found["problems"] if p[0].endswith(f"{SEED}.txt")]
    assert len(seed_problems) == 1 and words in seed_problems[0][3], found["problems"]
    assert SEED not in found["documents"] and len(found["documents"]) == 4
    citing = [p for p in found["problems"] if p not in seed_problems]
    assert citing and all(f"document {SEED!r} is archived but did not load" in p[3] and words in p[3] for p in citing)
    assert not any("unknown document" in p[3] for p in found["problems"])


def test_a_record_citing_a_document_whose_checksum_fails_reports_the_checksum(copy):
    data, seeds = copy
    text = seeds / f"{SEED}.txt"
    text.write_bytes(text.read_bytes() + b"edited\n")
    dataset = estimates.load(data_dir=data, seeds_dir=seeds)
    citing = [p for p in dataset.errors if "reports" in p.field]
    assert citing and all(f"{SEED}.txt no longer matches its checksum" in p.message for p in citing)
    assert not any("unknown document" in p.message for p in dataset.problems)


def test_the_real_seeds_are_far_under_the_size_limit():
    assert max(p.stat().st_size for p in estimates.SEEDS_DIR.glob("*.txt")) * 100 < MAX_DOCUMENT_BYTES


def test_each_document_is_normalized_once_per_load_not_once_per_quote(copy, monkeypatch):
    from estimates import documents

    data, seeds = copy
    calls = []
    real = documents.normalize
    monkeypatch.setattr(documents, "normalize", lambda text: calls.append(len(text)) or real(text))
    dataset = estimates.load(data_dir=data, seeds_dir=seeds)
    quotes = sum(len(r.reports) for r in dataset.records)
    assert quotes > 25
    assert sum(size > 1_000 for size in calls) == 5  # the five documents, once each; quotes are short
