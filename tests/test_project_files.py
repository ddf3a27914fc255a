"""The files people need to install, cite, deploy and contribute exist, say what they must, and
the README links to each."""

import re
import shlex
import tomllib

import pytest

from conftest import ROOT
from estimates import datapackage
from estimates.yamlfile import read_yaml
import commands

README = (ROOT / "README.md").read_text()
NAMED = ["LICENSE", "LICENSE-DATA.md", "CITATION.cff", "CONTRIBUTING.md", "packages.txt", ".pre-commit-hooks.yaml",
         "docs/ci-example.yml"]


def yaml(name):
    yfile, problems = read_yaml(ROOT / name)
    assert problems == []
    return yfile.data


@pytest.mark.parametrize("name", NAMED)
def test_each_file_exists_and_the_readme_links_to_it(name):
    assert (ROOT / name).is_file()
    assert f"]({name})" in README


def test_the_licences_say_what_is_whose():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    data = (ROOT / "LICENSE-DATA.md").read_text()
    assert "CC BY 4.0" in data and "remains with their" in data.replace("\n", " ")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT AND CC-BY-4.0" and project["license-files"] == ["LICENSE", "LICENSE-DATA.md"]


def test_the_citation_file_agrees_with_the_package_and_the_data_package():
    citation = yaml("CITATION.cff")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == project["version"]
    assert citation["title"] == datapackage.TITLE
    assert citation["license"] == datapackage.LICENCE["name"]
    assert citation["authors"] and "data version" in citation["message"]


def test_community_cloud_installs_chromium():
    assert (ROOT / "packages.txt").read_text().split() == ["chromium"]


def run(command: str):
    args = shlex.split(command)
    assert args[0] == "python"
    assert args[1] == "-m", args
    return commands.run(args[2], *args[3:], cwd=ROOT)


def test_the_pre_commit_hooks_run_and_watch_the_right_files():
    hooks = {hook["id"]: hook for hook in yaml(".pre-commit-hooks.yaml")}
    assert set(hooks) == {"validate", "schema-check"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        result = run(hook["entry"])
        assert result.returncode == 0, result.stderr
    assert re.search(hooks["validate"]["files"], "estimates/data/losses.yaml")
    assert re.search(hooks["validate"]["files"], "seeds/003_0be644783e89e01f.meta.yaml")
    assert re.search(hooks["schema-check"]["files"], "estimates/models.py")
    assert not re.search(hooks["schema-check"]["files"], "estimates/data/losses.yaml")


def test_the_example_workflow_validates_with_github_annotations(fixtures):
    workflow = yaml("docs/ci-example.yml")
    steps = [step["run"] for step in workflow["jobs"]["validate"]["steps"] if "run" in step]
    assert "python -m estimates validate --format github" in steps
    assert "python -m pip install -r requirements.txt" in steps
    for command in steps[1:]:
        result = run(command)
        assert result.returncode == 0, result.stderr
    broken = run(f"python -m estimates validate --format github {fixtures / 'invalid' / 'unknown-scope.yaml'}")
    assert broken.returncode == 1 and broken.stdout.startswith("::error file=tests/fixtures/invalid/unknown-scope.yaml,line=4")


def test_contributing_walks_from_the_document_to_the_pull_request():
    text = (ROOT / "CONTRIBUTING.md").read_text()
    steps = [text.index(words) for words in ("python -m estimates archive --url URL FILE", "## 2. Write the record",
                                             "python -m estimates validate", "## 4. Open a pull request")]
    assert steps == sorted(steps)
    for link in re.findall(r"\]\(([^)#]+)", text):
        assert link.startswith("https://") or (ROOT / link).exists(), link


def test_ci_installs_chromium_then_runs_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text()
    assert (ROOT / "packages.txt").read_text().split() == ["chromium"]
    assert "apt-get install" in script and "packages.txt" in script and "chromium" in script
    assert script.rstrip().endswith("python3 dev.py test")
