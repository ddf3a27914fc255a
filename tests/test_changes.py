"""`python -m estimates changes REV1 [REV2]`: the records added, changed and removed, by id and in
words, in a throwaway git repository holding a copy of the data."""

import re
import shutil
import subprocess

import pytest

from conftest import ROOT, copy_seed_articles
from estimates.archive import archive
import commands

README = (ROOT / "README.md").read_text()
NEW_RECORD = re.search(r"## Adding an estimate.*?```yaml\n(.*?)```", README, re.S).group(1)
PASSAGES = re.search(r"## Adding an estimate.*?```text\n(.*?)```", README, re.S).group(1)
ARCHIVED_AS = "yna-nis-north-korean-troops-killed-kursk-6314ce34"  # the README's placeholder for the archived name


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false",
                    *args], cwd=repo, check=True, capture_output=True)


def changes(repo, *revisions):
    return commands.run("estimates", "changes", *revisions, cwd=repo)


@pytest.fixture
def repo(tmp_path):
    data, seeds = copy_seed_articles(tmp_path / "copy")
    shutil.move(data, tmp_path / "estimates" / "data") if (tmp_path / "estimates").mkdir() is None else None
    shutil.move(seeds, tmp_path / "seeds")
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "--quiet", "-m", "data v1")
    git(tmp_path, "tag", "v1")
    losses = tmp_path / "estimates" / "data" / "losses.yaml"
    text = losses.read_text()
    text = text.replace("    value: 2700\n    qualifier: exact", "    value: 2700\n    qualifier: about", 1)
    url = "https://en.yna.co.kr/view/2025/01/13/nis-north-korean-troops-killed-kursk"
    name = archive(url, PASSAGES, tmp_path / "seeds").text_path.stem
    losses.write_text(text + "\n" + NEW_RECORD.replace("estimates:\n", "", 1).replace(ARCHIVED_AS, name))
    admissions = tmp_path / "estimates" / "data" / "admissions.yaml"
    lines = admissions.read_text().split("\n  - id: ")
    removed = lines.pop(1)
    admissions.write_text("\n  - id: ".join(lines))
    git(tmp_path, "add", "--all")
    git(tmp_path, "commit", "--quiet", "-m", "data v2")
    return tmp_path, removed.split("\n", 1)[0]


def test_added_changed_and_removed_records_by_id_and_in_words(repo):
    path, removed_id = repo
    result = changes(path, "v1", "HEAD")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "## Data changes from v1 to HEAD"
    assert re.fullmatch(r"Data version [0-9a-f]{12} → [0-9a-f]{12}: 1 records added, 1 changed, 0 folded into other claims as reports, 1 removed\.", lines[2])
    assert "- `killed-nis-2025-01-example`: NIS (1 report): at least 300 killed (kursk), announced 13 Jan 2025" in lines
    assert "- `wounded-nis-2025-01`: qualifier exact → about" in lines
    removed = [line for line in lines if line.startswith(f"- `{removed_id}`: statement by ")]
    assert len(removed) == 1 and lines.index(removed[0]) > lines.index("### Removed")


def test_against_the_working_tree_and_with_nothing_changed(repo):
    path, _ = repo
    assert "0 records added, 0 changed, 0 folded into other claims as reports, 0 removed." in changes(path, "HEAD").stdout
    losses = path / "estimates" / "data" / "losses.yaml"
    losses.write_text(losses.read_text().replace("    value: 300\n", "    value: 350\n", 1))
    result = changes(path, "HEAD")
    assert result.stdout.splitlines()[0] == "## Data changes from HEAD to the working tree"
    assert "- `killed-nis-2025-01`: value 300 → 350" in result.stdout


def test_an_unknown_revision_or_no_git_checkout_is_a_usage_error(repo, tmp_path_factory):
    path, _ = repo
    result = changes(path, "no-such-tag", "HEAD")
    assert result.returncode == 2 and result.stderr.startswith("error: ")
    elsewhere = tmp_path_factory.mktemp("not-a-repo")
    result = changes(elsewhere, "HEAD")
    assert result.returncode == 2 and "is not in a git checkout" in result.stderr


def test_the_readme_example_is_what_changes_prints(repo):
    path, _ = repo
    printed = changes(path, "v1", "HEAD").stdout.splitlines()
    example = re.search(r"```\n(## Data changes from .*?)```", README, re.S).group(1).splitlines()
    shown = [line for line in example if line.startswith("- `")]
    assert shown and all(line in printed for line in shown)
    assert re.fullmatch(r"Data version [0-9a-f]{12} → [0-9a-f]{12}: \d+ records added, \d+ changed, \d+ folded into other claims as reports, \d+ removed\.",
                        example[2])
