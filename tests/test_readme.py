"""The README's example must work as written."""

import re
import shlex
import shutil
from pathlib import Path

import estimates
from estimates import ROOT
from estimates.dataset import DATA_DIR, SEEDS_DIR
import commands

README = (ROOT / "README.md").read_text()


def _block_after(heading: str, language: str) -> str:
    section = README.split(heading, 1)[1]
    return re.search(rf"```{language}\n(.*?)```", section, re.S).group(1)


def _walk_through(tmp_path, edit=lambda record: record):
    """Archive, record, validate and format, as the README says, in a copy of the data and the
    seeds: the record goes under `estimates:` in the file of the month it was announced."""
    data, seeds = tmp_path / "data", tmp_path / "seeds"
    shutil.copytree(DATA_DIR, data)
    shutil.copytree(SEEDS_DIR, seeds)
    (tmp_path / "passages.txt").write_text(_block_after("## Adding an estimate", "text"))
    command = shlex.split(_block_after("**1. Archive", "sh").strip())
    assert command[:4] == [".venv/bin/python", "-m", "estimates", "archive"]
    done = commands.run(command[2], *command[3:], "--seeds", seeds, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    name = re.search(r"cite it as `document: (\S+)`", done.stderr).group(1)
    record = _block_after("**2. Write the claim", "yaml").replace("yna-nis-north-korean-troops-killed-kursk-6314ce34", name)
    month = re.search(r"under `estimates:` in the file of the month it was first announced,\n`(estimates/data/\S+)`",
                      README).group(1)
    target = data / Path(month).relative_to("estimates/data")
    text = target.read_text()
    target.write_text(text.replace("estimates:\n", edit(record), 1))  # the README's block starts `estimates:`
    return data, seeds, name


def _validate(data, seeds):
    return commands.run("estimates", "--data-dir", data, "--seeds-dir", seeds, "validate")


def test_the_adding_an_estimate_walkthrough_archives_records_validates_and_formats(tmp_path):
    data, seeds, name = _walk_through(tmp_path)
    before = _validate(data, seeds)
    assert before.returncode == 0 and "0 errors" in before.stderr, before.stdout
    formatted = commands.run("estimates", "--data-dir", data, "--seeds-dir", seeds, "format")
    assert formatted.returncode == 0, formatted.stderr
    after = _validate(data, seeds)
    assert after.returncode == 0 and "0 errors" in after.stderr
    # the only warnings left are the facts archive guessed and asks a person to check
    warned = [line.split("  ")[:2] for line in after.stdout.splitlines() if "warning:" in line]
    assert sorted(field for _, field in warned) == ["headline", "outlet", "published"], after.stdout
    dataset = estimates.load(data_dir=data, seeds_dir=seeds)
    assert "killed-nis-2025-01-example" in {e.id for e in dataset.estimates}
    assert dataset.documents[name].meta.url.startswith("https://en.yna.co.kr/")
    assert commands.run("estimates", "--data-dir", data, "--seeds-dir", seeds, "format", "--check").returncode == 0


def test_a_record_in_the_wrong_file_or_out_of_order_is_a_warning_until_formatted(tmp_path):
    data, seeds, name = _walk_through(tmp_path)  # the example record sits first in its month: out of order
    record = _block_after("**2. Write the claim", "yaml").split("estimates:\n", 1)[1]
    october = data / "records" / "2024-10.yaml"
    copy = record.replace("killed-nis-2025-01-example", "x-moved").replace(
        "yna-nis-north-korean-troops-killed-kursk-6314ce34", name).replace(
        "    reports:", "    distinct_because: a copy of the example, to show the layout rule\n    reports:", 1)
    october.write_text(october.read_text().replace("estimates:\n", "estimates:\n" + copy, 1))
    result = _validate(data, seeds)
    assert "x-moved.id  warning: belongs in records/2025-01.yaml (every estimate, announced 2025-01-13)" in result.stdout
    assert "killed-nis-2025-01-example.id  warning: out of order: announced 2025-01-13, it goes after `" in result.stdout
    assert result.stdout.count("out of order") == 1, result.stdout
    assert commands.run("estimates", "--data-dir", data, "--seeds-dir", seeds, "validate", "--strict").returncode == 1
    assert commands.run("estimates", "--data-dir", data, "--seeds-dir", seeds, "format", "--check").returncode == 1
    assert commands.run("estimates", "--data-dir", data, "--seeds-dir", seeds, "format").returncode == 0
    after = _validate(data, seeds).stdout
    assert "belongs in" not in after and "out of order" not in after
    assert "x-moved" in (data / "records" / "2025-01.yaml").read_text()


def test_the_example_errors_are_what_the_validator_really_prints(tmp_path):
    shown = re.findall(r"```\n(estimates/data/records/\d{4}-\d{2}\.yaml:\d+:\d+ .*?)\n```", README)
    breakages = [lambda r: r.replace("    qualifier: at_least", "    high: 400\n    qualifier: at_least"),
                 lambda r: r.replace("300 North Korean soldiers have", "300 north Korean soldiers have")]
    assert len(shown) == len(breakages)
    for example, breakage in zip(shown, breakages):
        data, seeds, name = _walk_through(tmp_path / str(len(example)), breakage)
        where, field, message = example.split("  ", 2)
        problems = estimates.load(data_dir=data, seeds_dir=seeds).errors
        assert [(p.field, p.message) for p in problems] == [(field, message.replace(
            "yna-nis-north-korean-troops-killed-kursk-6314ce34", name))]
        assert problems[0].file.endswith(where.split(":")[0].removeprefix("estimates/data/"))


def test_the_quick_start_is_two_commands():
    commands = _block_after("## Quick start", "sh").strip().splitlines()
    assert [c.split("#")[0].strip() for c in commands] == ["python3 dev.py app", "python3 dev.py test"]
