"""Issue 19, items 4 and the safe writer: `export`, `schema` and `archive` never delete or replace
a file they did not write (unless `--force`), and never write outside the folder they were given."""

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import estimates
from conftest import ROOT, folder_tree
from estimates import datapackage, schema
from estimates.safe_write import MANIFEST, Folder, UnsafeWrite

REFUSED = "already exists and was not written by this command (or was changed since): nothing was written"


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "estimates", "--data-dir", str(ROOT / "estimates" / "data"),
                           "--seeds-dir", str(ROOT / "seeds"), *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture(scope="module")
def data(seed_articles_dir):
    """The seed articles' records: what is tested is where files go, not how many rows they hold."""
    dataset = estimates.load(data_dir=seed_articles_dir)
    return dataset, estimates.to_frame(dataset)


def test_export_datapackage_into_a_folder_with_a_readme_of_its_own_writes_nothing(tmp_path):
    (tmp_path / "README.md").write_text("# My project\n")
    result = run("export", "--format", "datapackage", "--out", str(tmp_path))
    assert result.returncode == 2
    assert f"error: cannot write {tmp_path / 'README.md'}: {REFUSED}" in result.stderr
    assert "pass --force to replace it" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]  # nothing else written either
    assert (tmp_path / "README.md").read_text() == "# My project\n"


def test_export_out_dot_in_a_checkout_keeps_the_projects_readme(tmp_path):
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "estimates" / "data", checkout / "estimates" / "data")
    shutil.copytree(ROOT / "seeds", checkout / "seeds")
    shutil.copy(ROOT / "README.md", checkout / "README.md")
    before = (checkout / "README.md").read_bytes()
    result = subprocess.run([sys.executable, "-m", "estimates", "export", "--format", "datapackage", "--out", "."],
                            cwd=checkout, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2 and REFUSED in result.stderr
    assert (checkout / "README.md").read_bytes() == before
    assert not (checkout / "claims.csv").exists() and not (checkout / "datapackage.json").exists()


def test_export_replaces_its_own_earlier_package_but_not_a_file_edited_since(tmp_path, data):
    dataset, frame = data
    out = tmp_path / "package"
    datapackage.write(dataset, frame, out, date(2026, 1, 1))
    datapackage.write(dataset, frame, out, date(2026, 1, 2))  # its own files, unchanged since: replaced
    assert "exported 2026-01-02" in (out / "README.md").read_text()
    assert (out / MANIFEST).is_file()
    (out / "README.md").write_text("my notes\n")
    with pytest.raises(UnsafeWrite, match="was changed since"):
        datapackage.write(dataset, frame, out, date(2026, 1, 3))
    assert (out / "README.md").read_text() == "my notes\n"
    datapackage.write(dataset, frame, out, date(2026, 1, 3), force=True)
    assert "exported 2026-01-03" in (out / "README.md").read_text()


def test_export_csv_does_not_replace_an_existing_file_without_force(tmp_path):
    out = tmp_path / "mine.csv"
    out.write_text("precious\n")
    result = run("export", "--format", "csv", "--out", str(out))
    assert result.returncode == 2 and f"cannot write {out}: {REFUSED}" in result.stderr
    assert out.read_text() == "precious\n"
    assert run("export", "--format", "csv", "--out", str(out), "--force").returncode == 0
    assert out.read_text().startswith("id,")


def test_a_symlink_where_a_file_goes_is_never_written_through_even_with_force(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep\n")
    out = tmp_path / "package"
    out.mkdir()
    (out / "claims.csv").symlink_to(outside)
    result = run("export", "--format", "datapackage", "--out", str(out), "--force")
    assert result.returncode == 2 and "claims.csv: is a symlink: files are never written through one" in result.stderr
    assert outside.read_text() == "keep\n"


@pytest.mark.parametrize("name", ["../escape.txt", "a/../../escape.txt", "/tmp/escape.txt", "a//b", "./a", "a/."])
def test_the_writer_refuses_names_that_could_leave_its_folder(tmp_path, name):
    folder = Folder(tmp_path / "in")
    with pytest.raises(UnsafeWrite, match="is not a plain relative name"):
        folder.write(name, b"x")
    assert not (tmp_path / "escape.txt").exists() and not Path("/tmp/escape.txt").exists()


def test_the_writer_never_follows_a_symlinked_folder_out(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "in"
    root.mkdir()
    (root / "sub").symlink_to(outside)
    with pytest.raises(UnsafeWrite, match="sub: is a symlink: files are never written through one"):
        Folder(root).write("sub/x.yaml", b"x")
    assert list(outside.iterdir()) == []


def test_the_writer_deletes_only_what_it_created(tmp_path):
    (tmp_path / "theirs.txt").write_text("theirs")
    folder = Folder(tmp_path)
    mine = folder.write("mine.txt", b"mine")
    with pytest.raises(UnsafeWrite, match="was not created by this command: it is never deleted"):
        folder.remove(tmp_path / "theirs.txt")
    folder.remove(mine)
    assert not mine.exists() and (tmp_path / "theirs.txt").read_text() == "theirs"


def test_schema_refuses_to_replace_a_file_that_does_not_look_generated(tmp_path, monkeypatch):
    target = tmp_path / "data.schema.json"
    target.write_text("hand-written notes\n")
    monkeypatch.setattr(schema, "generated", lambda: {target: "{}\n"})
    with pytest.raises(UnsafeWrite, match=re.escape(REFUSED)):
        schema.write()
    assert target.read_text() == "hand-written notes\n"
    target.write_text('{\n  "$schema": "https://json-schema.org/draft/2020-12/schema"\n}\n')  # an earlier one
    assert schema.write() == [target] and target.read_text() == "{}\n"


# --- property: random folders and files under --out are never removed or changed -----------

NAMES = st.sampled_from(["README.md", "claims.csv", "reports.csv", "datapackage.json", MANIFEST, "CNAME", "notes.txt",
                         "package.zip", ".git", "sub", "x"])
TREES = st.recursive(st.binary(max_size=40),
                     lambda children: st.dictionaries(NAMES, children, max_size=4), max_leaves=8)


def _plant(folder: Path, tree, outside: Path) -> None:
    for name, child in tree.items():
        path = folder / name
        if isinstance(child, dict):
            path.mkdir()
            _plant(path, child, outside)
        elif child[:1] == b"L":  # some files are symlinks out of the folder
            path.symlink_to(outside)
        else:
            path.write_bytes(child)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=st.dictionaries(NAMES, TREES, max_size=6), zipped=st.booleans())
def test_export_never_removes_or_changes_a_file_it_did_not_create(tmp_path_factory, data, tree, zipped):
    dataset, frame = data
    base = tmp_path_factory.mktemp("out")
    outside = base / "outside.txt"
    outside.write_bytes(b"outside")
    out = base / "out"
    out.mkdir()
    _plant(out, tree, outside)
    before = folder_tree(out)
    target = out / "package.zip" if zipped else out
    try:
        datapackage.write(dataset, frame, target, date(2026, 1, 1))
        wrote = True
    except UnsafeWrite:
        wrote = False
    after = folder_tree(out)
    assert outside.read_bytes() == b"outside"
    for key, what in before.items():  # every file that was there is still there, unchanged
        assert after.get(key) == what, key
    made = set(after) - set(before)
    if wrote:
        expected = {"package.zip"} if zipped else {"README.md", "claims.csv", "reports.csv", "datapackage.json", MANIFEST}
        assert made <= expected and all(after[k][0] == "file" for k in made)
    else:
        assert made == set()  # every file is checked before any is written
