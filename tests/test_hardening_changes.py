"""Issue 19, items 2, 7, 16, 17 and 20: `changes` on hostile revisions. Each revision is built with
`git mktree`, which accepts what `git add` never would (entries named `..`, names that are not
UTF-8, a file where a folder should be)."""

import os
import re
import shutil
import subprocess
import sys

import pytest
from markdown_it import MarkdownIt

from conftest import ROOT, copy_seed_articles
from estimates import changes as changes_module
from estimates.dataset import load

GIT = shutil.which("git")
ENV = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
       "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(repo, *args, input=None) -> str:
    done = subprocess.run([GIT, *args], cwd=repo, input=input, capture_output=True, check=True,
                          env={**os.environ, **ENV})
    return done.stdout.decode().strip()


def mktree(repo, entries: list[tuple[str, str, bytes]]) -> str:
    """A tree of (mode, object id, raw name) entries."""
    kinds = {"040000": "tree", "100644": "blob", "120000": "blob"}
    lines = b"".join(f"{mode} {kinds[mode]} {oid}\t".encode() + name + b"\0" for mode, oid, name in entries)
    return git(repo, "mktree", "-z", input=lines)


def blob(repo, data: bytes) -> str:
    return git(repo, "hash-object", "-w", "--stdin", input=data)


def commit(repo, tree: str, tag: str) -> str:
    sha = git(repo, "commit-tree", tree, "-m", tag)
    git(repo, "tag", tag, sha)
    return sha


def tree_of(repo, data_entries, seeds_entries=None) -> str:
    """A root tree with `estimates/data` and `seeds` holding the given entries."""
    seeds_entries = seeds_entries or [("100644", blob(repo, b"x\n"), b"000_a.txt")]
    estimates = mktree(repo, [("040000", mktree(repo, data_entries), b"data")])
    return mktree(repo, [("040000", estimates, b"estimates"), ("040000", mktree(repo, seeds_entries), b"seeds")])


@pytest.fixture
def repo(tmp_path):
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "--quiet", "--initial-branch=main")
    return path


def changes(repo, *revisions, tmpdir=None, path=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT), **({"TMPDIR": str(tmpdir)} if tmpdir else {}),
           **({"PATH": path} if path else {})}
    return subprocess.run([sys.executable, "-m", "estimates", "changes", *revisions], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_tree_entry_named_dotdot_writes_nothing_outside_the_temporary_folder(repo, tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    escape = mktree(repo, [("100644", blob(repo, b"estimators: []\n"), b"pwned.yaml")])
    for _ in range(3):  # estimates/data/../../../../pwned.yaml: from TMPDIR/xxx/estimates/data to tmp_path
        escape = mktree(repo, [("040000", escape, b"..")])
    commit(repo, tree_of(repo, [("040000", escape, b".."), ("100644", blob(repo, b"estimators: []\n"), b"a.yaml")]),
           "evil")
    result = changes(repo, "evil", "evil", tmpdir=temporary)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == ("error: evil holds a path that leaves its folder ('estimates/data/../../../../"
                                     "pwned.yaml'): refused, nothing was written; a tree entry named `..` or `.` "
                                     "is never written to disk")
    assert not list(tmp_path.rglob("pwned.yaml"))
    assert "Traceback" not in result.stderr


def test_a_file_name_that_is_not_utf8_is_a_clean_error(repo):
    commit(repo, tree_of(repo, [("100644", blob(repo, b"estimators: []\n"), b"caf\xe9.yaml")]), "latin1")
    result = changes(repo, "latin1", "latin1")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("error: latin1 holds a file name that is not UTF-8 "
                                            "(b'estimates/data/caf\\xe9.yaml'): `changes` reads only UTF-8 names")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_revision_whose_data_folder_is_a_file_is_a_clean_error(repo):
    estimates = mktree(repo, [("100644", blob(repo, b"not a folder\n"), b"data")])
    commit(repo, mktree(repo, [("040000", estimates, b"estimates")]), "flat")
    result = changes(repo, "flat", "flat")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == ("error: in flat, estimates/data is a file where a folder should be: `changes` "
                                     "reads the data files in estimates/data/ and the archived documents in seeds/")


def test_a_symlink_in_a_revision_is_refused_not_followed(repo):
    commit(repo, tree_of(repo, [("120000", blob(repo, b"/etc/passwd"), b"a.yaml")]), "link")
    result = changes(repo, "link", "link")
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: in link, estimates/data/a.yaml is a symlink, not a regular file: "
                                     "`changes` reads only files")


@pytest.mark.slow  # builds two revisions and counts the git processes reading them
def test_a_revision_is_read_with_a_fixed_number_of_git_processes(repo, tmp_path):
    files = [("100644", blob(repo, f"scopes:\n  - id: s{i}\n    name: Scope {i}\n".encode()), f"f{i:03d}.yaml".encode())
             for i in range(300)]
    commit(repo, tree_of(repo, files[:150]), "small")
    commit(repo, tree_of(repo, files), "large")
    log = tmp_path / "git-calls.log"
    wrapper = tmp_path / "bin" / "git"
    wrapper.parent.mkdir()
    wrapper.write_text(f"#!/bin/sh\necho \"$1 $2 $3\" >> {log}\nexec {GIT} \"$@\"\n")
    wrapper.chmod(0o755)
    result = changes(repo, "small", "large", path=f"{wrapper.parent}:{os.environ['PATH']}")
    assert result.returncode == 0, result.stderr
    assert "150 records added" not in result.stdout  # scopes are not records: nothing added, nothing changed
    calls = log.read_text().splitlines()
    assert len(calls) <= 7, calls  # rev-parse for the checkout, then rev-parse, ls-tree, cat-file per revision


# --- the release notes' Markdown ------------------------------------------------------------


@pytest.fixture
def hostile_pair(tmp_path):
    old_data, old_seeds = copy_seed_articles(tmp_path / "old")
    new_data, new_seeds = copy_seed_articles(tmp_path / "new")
    admissions = new_data / "admissions.yaml"
    text = admissions.read_text()
    labels = re.findall(r"^    label: (.*)$", text, re.M)
    assert len(labels) >= 2
    text = text.replace(f"    label: {labels[0]}\n", '    label: "![](https://evil.example/i.png)"\n', 1)
    text = text.replace(f"    label: {labels[1]}\n", '    label: "x\\n## Removed\\n- all"\n', 1)
    admissions.write_text(text)
    actors = new_data / "actors.yaml"
    actors.write_text(actors.read_text().replace("    short_name: NIS\n", "    short_name: \"[NIS](https://evil.example)\"\n", 1))
    losses = new_data / "losses.yaml"
    roughly = '    notes: The source says "roughly", recorded as `about`.\n'
    assert roughly in losses.read_text()
    losses.write_text(losses.read_text().replace(roughly, "    notes: see www.evil-example.com/login or "
                                                 "<b>admin@evil-example.com</b>\n", 1))
    old_losses = old_data / "losses.yaml"  # so that a record by NIS is added, and its short name shown
    old_losses.write_text(old_losses.read_text().replace("  - id: killed-nis-2025-01\n", "  - id: killed-nis-old\n", 1))
    old = load(data_dir=old_data, seeds_dir=old_seeds)
    new = load(data_dir=new_data, seeds_dir=new_seeds)
    assert not old.errors and not new.errors  # validate accepts every one of these texts
    return old, new


def test_data_text_cannot_add_an_image_a_link_or_a_heading_to_the_release_notes(hostile_pair):
    old, new = hostile_pair
    notes = changes_module.report(old, new, "v1", "v2")
    html = MarkdownIt("commonmark").render(notes)
    assert "<img" not in html and "<a " not in html and "<b>" not in html
    assert re.findall(r"<h\d>(.*?)</h\d>", html) == ["Data changes from v1 to v2", "Added", "Changed",
                                                             "Folded into another claim"]
    assert "`![](https://evil.example/i.png)`" in notes and "`x ## Removed - all`" in notes
    assert "- `killed-nis-2025-01`: `[NIS](https://evil.example)` (1 report): at least 300 killed" in notes
    outside_code = re.sub(r"<code>.*?</code>", "", html, flags=re.S)
    for live in ("www.evil", "https://", "@evil-example", "evil.example"):
        assert live not in outside_code, live  # GitHub would autolink these; in a code span it does not


def test_plain_words_are_left_as_they_are():
    assert changes_module.inert("Kim: nine engineers died") == "Kim: nine engineers died"
    assert changes_module.inert("NIS (via Yonhap), 2,700") == "NIS (via Yonhap), 2,700"
    assert changes_module.inert("a `tick`") == "`` a `tick` ``"
    assert changes_module.inert("line one\n## two") == "`line one ## two`"
