"""The README's example must work as written."""

import re

import estimates
from estimates import ROOT

README = (ROOT / "README.md").read_text()


def _block_after(heading: str, language: str) -> str:
    section = README.split(heading, 1)[1]
    return re.search(rf"```{language}\n(.*?)```", section, re.S).group(1)


def test_the_adding_an_estimate_example_validates(tmp_path):
    example = tmp_path / "example.yaml"
    example.write_text(_block_after("## Adding an estimate", "yaml"))
    dataset = estimates.load([example])
    assert dataset.problems == []
    assert "killed-nis-2025-01-example" in {e.id for e in dataset.estimates}


def test_the_example_error_is_what_the_validator_really_prints(tmp_path):
    shown = re.search(r"```\n(estimates/data/losses.yaml:\d+:\d+ .*?)\n```", README).group(1)
    field = shown.split()[1]
    broken = _block_after("## Adding an estimate", "yaml").replace(
        "    qualifier: at_least", "    high: 400\n    qualifier: at_least")
    path = tmp_path / "broken.yaml"
    path.write_text(broken)
    problems = estimates.load([path]).problems
    assert [(p.field, p.message) for p in problems] == [(field, shown.split("  ", 2)[2])]


def test_the_quick_start_is_two_commands():
    commands = _block_after("## Quick start", "sh").strip().splitlines()
    assert [c.split("#")[0].strip() for c in commands] == ["python3 dev.py app", "python3 dev.py test"]
