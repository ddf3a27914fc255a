"""The README's example must work as written."""

import re
import shlex
import shutil

import estimates
from estimates import ROOT
from estimates.dataset import SEEDS_DIR
import commands

README = (ROOT / "README.md").read_text()


def _block_after(heading: str, language: str) -> str:
    section = README.split(heading, 1)[1]
    return re.search(rf"```{language}\n(.*?)```", section, re.S).group(1)


def _walk_through(tmp_path, edit=lambda record: record):
    """Archive, record, validate, as the README says, in a copy of the seeds."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    (tmp_path / "passages.txt").write_text(_block_after("## Adding an estimate", "text"))
    command = shlex.split(_block_after("**1. Archive", "sh").strip())
    assert command[:4] == ["python", "-m", "estimates", "archive"]
    done = commands.run(command[2], *command[3:], "--seeds", seeds, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    name = re.search(r"cite it as `document: (\S+)`", done.stderr).group(1)
    record = _block_after("**2. Write the record", "yaml").replace("NNN_yna-nis-north-korean-troops-killed-kursk", name)
    example = tmp_path / "example.yaml"
    example.write_text(edit(record))
    return estimates.load([example], seeds_dir=seeds), name


def test_the_adding_an_estimate_walkthrough_archives_records_and_validates(tmp_path):
    dataset, name = _walk_through(tmp_path)
    assert [p.field for p in dataset.errors] == []
    # the only warnings are the facts archive guessed and asks a person to check
    assert {(p.file.rsplit("/", 1)[-1], p.field) for p in dataset.warnings} == {
        (f"{name}.meta.yaml", "outlet"), (f"{name}.meta.yaml", "headline"), (f"{name}.meta.yaml", "published")}
    assert "killed-nis-2025-01-example" in {e.id for e in dataset.estimates}
    assert dataset.documents[name].meta.url.startswith("https://en.yna.co.kr/")


def test_the_example_errors_are_what_the_validator_really_prints(tmp_path):
    shown = re.findall(r"```\n(estimates/data/losses.yaml:\d+:\d+ .*?)\n```", README)
    breakages = [lambda r: r.replace("    qualifier: at_least", "    high: 400\n    qualifier: at_least"),
                 lambda r: r.replace("300 North Korean soldiers have", "300 north Korean soldiers have")]
    assert len(shown) == len(breakages)
    for example, breakage in zip(shown, breakages):
        dataset, name = _walk_through(tmp_path / str(len(example)), breakage)
        field, message = example.split("  ", 2)[1:]
        assert [(p.field, p.message) for p in dataset.errors] == [(field, message.replace(
            "NNN_yna-nis-north-korean-troops-killed-kursk", name))]


def test_the_quick_start_is_two_commands():
    commands = _block_after("## Quick start", "sh").strip().splitlines()
    assert [c.split("#")[0].strip() for c in commands] == ["python3 dev.py app", "python3 dev.py test"]
