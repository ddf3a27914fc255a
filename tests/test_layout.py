"""Where a record goes (estimates/layout.py): `validate` warns about a record outside its file or
out of order, and `format` moves and sorts them without changing or losing a record."""

import shutil

import commands
import estimates
from conftest import copy_seed_articles
from estimates import layout


def run(data, seeds, *args):
    return commands.run("estimates", "--data-dir", data, "--seeds-dir", seeds, *args)


def test_the_real_data_is_laid_out_by_the_rule():
    dataset = estimates.load()
    assert layout.misplaced(dataset, estimates.DATA_DIR, estimates.ROOT) == []
    assert sorted(p.name for p in estimates.DATA_DIR.iterdir()) == ["actors.yaml", "records"]


def test_format_moves_every_record_to_its_month_in_order_and_keeps_its_text(tmp_path):
    data, seeds = copy_seed_articles(tmp_path)
    losses = data / "losses.yaml"
    losses.write_text(losses.read_text().replace("    quantity: killed\n", "    quantity: killed  # a comment kept\n", 1))
    before = estimates.load(data_dir=data, seeds_dir=seeds)
    warned = layout.misplaced(before, data, estimates.ROOT)
    assert len(warned) == len(before.records) and all(p.severity == "warning" for p in warned)

    done = run(data, seeds, "format")
    assert done.returncode == 0, done.stderr
    assert sorted(p.relative_to(data).as_posix() for p in data.rglob("*.yaml")) == [
        "actors.yaml", *sorted(f"records/{m}.yaml" for m in {layout.home("estimates", r)[8:15] for r in before.records})]
    after = estimates.load(data_dir=data, seeds_dir=seeds)
    assert {r.id: r for r in after.records} == {r.id: r for r in before.records}
    assert after.estimators == before.estimators and after.scopes == before.scopes
    assert layout.misplaced(after, data, estimates.ROOT) == []
    assert "quantity: killed  # a comment kept" in "".join(p.read_text() for p in (data / "records").iterdir())
    again = run(data, seeds, "format")
    assert again.returncode == 0 and "nothing to move" in again.stderr


def test_format_check_lists_what_would_change_and_writes_nothing(tmp_path):
    data, seeds = copy_seed_articles(tmp_path)
    files = {p: p.read_bytes() for p in data.iterdir()}
    done = run(data, seeds, "format", "--check")
    assert done.returncode == 1 and "losses.yaml is not laid out by the rule" in done.stderr
    assert {p: p.read_bytes() for p in data.iterdir()} == files


def test_format_refuses_data_with_errors_and_writes_nothing(tmp_path):
    data, seeds = copy_seed_articles(tmp_path)
    losses = data / "losses.yaml"
    losses.write_text(losses.read_text().replace("qualifier: at_least", "qualifier: roughly", 1))
    files = {p: p.read_bytes() for p in data.iterdir()}
    done = run(data, seeds, "format")
    assert done.returncode == 1 and "fix these first" in done.stderr
    assert {p: p.read_bytes() for p in data.iterdir()} == files


def test_format_refuses_a_file_it_cannot_take_apart(tmp_path):
    data, seeds = copy_seed_articles(tmp_path)
    troops = data / "troops.yaml"
    troops.write_text(troops.read_text().replace("  - id: ", "  - quantity: deployed\n    id: ", 1).replace(
        "    quantity: deployed\n", "", 1))
    assert not estimates.load(data_dir=data, seeds_dir=seeds).errors
    files = {p: p.read_bytes() for p in data.iterdir()}
    done = run(data, seeds, "format")
    assert done.returncode == 2 and "troops.yaml:4: `format` needs each record to start with `- id:`" in done.stderr
    assert {p: p.read_bytes() for p in data.iterdir()} == files


def test_a_draft_outside_the_data_folder_is_not_placed(tmp_path, fixtures):
    data, seeds = copy_seed_articles(tmp_path)
    run(data, seeds, "format")
    shutil.copy(fixtures / "valid.yaml", tmp_path / "draft.yaml")
    result = run(data, seeds, "validate", tmp_path / "draft.yaml")
    assert result.returncode == 0 and "belongs in" not in result.stdout and "0 warnings" in result.stderr
