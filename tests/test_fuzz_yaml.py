"""Fuzz the loader: random and mutated YAML must always give a clean result.

For any bytes in an extra data file, `estimates.load([path])` must return (never raise), every
problem must point into that file at line >= 1 and column >= 1 with a message, the dataset
beside it (the five seed articles' records) must be loaded untouched, and the file must be left
as it was.

Bugs this fuzzer found are pinned as regression tests at the bottom (search for "BUG-").
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import traceback
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st

import estimates
from conftest import copy_seed_articles
from estimates.problems import Problem
from estimates.yamlfile import MAX_DEPTH

ROOT = Path(__file__).resolve().parent.parent
VALID = (ROOT / "tests" / "fixtures" / "valid.yaml").read_bytes()

# The dataset beside every fuzzed file: the five seed articles' records and documents, which
# load in about 25 ms. What is fuzzed is the extra file; the whole public record (0.34 s a load)
# would only make each example slower, not the test stronger.
_SMALL = Path(tempfile.mkdtemp(prefix="fuzz-yaml-data-"))
atexit.register(shutil.rmtree, _SMALL, True)
DATA, SEEDS = copy_seed_articles(_SMALL)
DATA_ENV = {**os.environ, "TRACKER_DATA_DIR": str(DATA), "TRACKER_SEEDS_DIR": str(SEEDS)}  # for child processes

BASELINE = estimates.load(data_dir=DATA, seeds_dir=SEEDS)
assert BASELINE.problems == [], "the seed articles' records must be clean for this fuzzer to mean anything"
REAL = {
    "estimates": {r.id: r for r in BASELINE.estimates},
    "admissions": {r.id: r for r in BASELINE.admissions},
    "estimators": dict(BASELINE.estimators),
    "scopes": dict(BASELINE.scopes),
}
assert len(REAL["estimates"]) >= 14

# Examples per strategy: one load of the seed articles beside the fuzzed file takes about 25 ms.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),  # e.g. FUZZ_EXAMPLES=5000 for a long run
    deadline=None,
    derandomize=False,
    database=None,  # nothing written under the repo; a failure prints its reproducer
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much, HealthCheck.large_base_example],
)

# Digits in the "huge integer" scalars: past Python's 4300-digit int()/repr() limit (BUG-1).
HUGE_DIGITS = 6000
# In-process nesting stays far below the ~30,000 levels at which libyaml's composer overflowed
# the C stack (BUG-2): should the depth guard regress, a segfault would kill the whole run. The
# deeper case runs in a child process at the bottom.
MAX_NESTING = 3000


# --- checking one example -----------------------------------------------------------------


@pytest.fixture(scope="session")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Session-scoped, so hypothesis does not complain about a function-scoped fixture.
    return tmp_path_factory.mktemp("fuzz-yaml")


# Why `yaml.safe_load` may fail on a file our loader accepted without error. Anything else fails.
def _known_divergence(error: Exception, raw: bytes) -> bool:
    frames = [frame.name for frame in traceback.extract_tb(error.__traceback__)]
    # Not a loader bug: PyYAML's pure-Python scanner (what yaml.safe_load uses) is stricter than
    # libyaml in places, e.g. it refuses a tab after a plain scalar (`evidence: A<TAB>`), which
    # YAML 1.2 and libyaml allow. Our loader uses libyaml; if libyaml reads the file, it is YAML.
    syntax = (yaml.reader.ReaderError, yaml.scanner.ScannerError, yaml.parser.ParserError, yaml.composer.ComposerError)
    if isinstance(error, syntax):
        try:
            yaml.load(raw, Loader=yaml.CSafeLoader)
        except Exception as c_error:  # noqa: BLE001 - libyaml read it but could not build it
            return not isinstance(c_error, syntax) and _known_divergence(c_error, raw)
        return True
    # Not loader bugs: PyYAML's YAML 1.1 *constructor* cannot build these, though they are fine
    # YAML 1.2 and our loader reads them as text: a plain `=` or `<<` as a value (the 1.1 `value`
    # and `merge` tags have no safe constructor there), and a plain scalar shaped like a 1.1
    # timestamp that is no real date (`notes: 2025-02-30` -> ValueError from datetime).
    if isinstance(error, yaml.constructor.ConstructorError) and any(
            f"tag:yaml.org,2002:{tag}'" in str(error) for tag in ("value", "merge")):
        return True
    if isinstance(error, ValueError) and "construct_yaml_timestamp" in frames:
        return True
    return False


def _max_line(raw: bytes) -> int:
    """An upper bound on the 1-based line a problem can point at in `raw`. libyaml puts the end
    of the stream one line past the last line when the file lacks a final newline (so a syntax
    error at the end of `a: [1` is reported at line 2 of a 1-line file): allow that one line."""
    text = raw.decode("utf-8", errors="replace")
    return 2 + sum(text.count(ch) for ch in ("\n", "\r", "\x85", "\u2028", "\u2029"))


def check_load(fuzz_dir: Path, content: bytes | str) -> estimates.Dataset:
    raw = content.encode("utf-8") if isinstance(content, str) else content
    with tempfile.NamedTemporaryFile(dir=fuzz_dir, suffix=".yaml", delete=False) as handle:
        handle.write(raw)
    path = Path(handle.name)
    try:
        before = path.stat()
        dataset = estimates.load([path], data_dir=DATA, seeds_dir=SEEDS)  # must not raise, whatever the bytes
        after = path.stat()
        shown = str(path.resolve())  # outside the repo, so shown as its absolute path

        # The file was read, not touched.
        assert path.read_bytes() == raw
        assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)

        # Every problem is well-formed and points into the fuzzed file (the real data is clean).
        for problem in dataset.problems:
            assert isinstance(problem, Problem)
            assert problem.file == shown, problem
            assert isinstance(problem.line, int) and problem.line >= 1, problem
            assert isinstance(problem.column, int) and problem.column >= 1, problem
            assert problem.line <= _max_line(raw), problem
            assert isinstance(problem.field, str), problem
            assert isinstance(problem.message, str) and problem.message.strip(), problem
            assert problem.severity in ("error", "warning"), problem
            str(problem)  # renders

        # The real dataset is still there, record for record: the first definition of an id wins,
        # and the fuzzed file comes after estimates/data, so even a reused id cannot displace it.
        loaded = {
            "estimates": {r.id: r for r in dataset.estimates},
            "admissions": {r.id: r for r in dataset.admissions},
            "estimators": dataset.estimators,
            "scopes": dataset.scopes,
        }
        for key, records in REAL.items():
            for record_id, record in records.items():
                got = loaded[key].get(record_id)
                assert got is not None, f"real {key} record {record_id!r} lost"
                assert got == record, f"real {key} record {record_id!r} changed: {got!r} != {record!r}"

        if currently_in_test_context():  # see --hypothesis-show-statistics
            event("accepted without error" if not dataset.errors else "rejected with errors")
        # Sanity: a file we accept without error is YAML that PyYAML can load too.
        if not dataset.errors:
            try:
                yaml.safe_load(raw)
            except Exception as error:  # noqa: BLE001 - filtered just below
                if not _known_divergence(error, raw):
                    raise AssertionError(f"accepted without error, but yaml.safe_load fails: {error!r}") from error
        return dataset
    finally:
        path.unlink()


# --- strategies ---------------------------------------------------------------------------

FIELDS = ["estimators", "scopes", "estimates", "admissions", "id", "quantity", "scope", "value",
          "low", "high", "qualifier", "estimator", "announced", "how", "evidence", "reports",
          "document", "quote", "notes", "relayed_by", "as_of", "restates", "includes", "measure",
          "period", "share_of", "status", "actor", "date", "kind", "label", "figure", "within",
          "name", "short_name", "countries", "side"]

YAML11_TRAPS = [
    "NO", "No", "no", "n", "N", "YES", "yes", "y", "Y", "on", "On", "ON", "off", "Off", "OFF",
    "true", "True", "false", "FALSE", "012", "0012", "-012", "0o12", "0x1F", "0b101", "1_000",
    "1_000.5", "1:20", "-1:20:30", "190:20:30.15", "~", "null", "Null", "NULL", "", ".inf", "-.inf",
    "+.INF", ".nan", ".NaN", "1e3", "1E+3", "-1.5e-3", "1.", ".5", "-0", "+5", "0", "1e999",
    "2025-01", "2025-01-28", "2025-02-30", "0000-01-01", "2025-1-1", "2001-12-14t21:59:43.10-05:00",
    "late 2024", "2025-08-16/2025-08-31", "=", "<<", "'quoted'", '"dq \\u0041 \\x00"', "''", '""',
    "[]", "{}", "[a, b]", "{a: 1}", "[1, [2, [3]]]", "&a x", "*a", "&a [1, *a]", "!!str 1",
    "!!int x", "!!float 1", "!!binary aGVsbG8=", "!!set {a}", "!!omap [a: 1]", "!foo bar", "!",
    "!!python/object:os.system x", "|\n  block", ">-\n  folded", "| \n", "- a", "? a", "#c", "a #c",
    "a: b", "---", "...", "%YAML 1.1", "\t1", "300\t", "javascript:alert(1)", "killed-nis-2025-01",
    "rok-nis", "war", "003_0be644783e89e01f", "-1", "9" * 400, "1" + "0" * 308, "0x" + "f" * 200,
]


def scalar_texts() -> st.SearchStrategy[str]:
    """Plain scalars a contributor (or an editor) might put after `key: `."""
    return st.one_of(
        st.sampled_from(YAML11_TRAPS),
        st.integers().map(str),
        st.integers(min_value=1, max_value=HUGE_DIGITS).map(lambda n: "9" * n),  # huge ints
        st.floats().map(repr),
        st.text(max_size=30),
        st.integers(min_value=100, max_value=20_000).map(lambda n: "x" * n),  # very long strings
        st.text(alphabet="0123456789_:.-+eExob", max_size=12),
    )


TOKENS = [
    "estimates:", "estimators:", "scopes:", "admissions:", "\n", "\n  ", "\n    ", "\n  - ", "- ",
    ": ", ":", "? ", "&a ", "*a", "&b", "*b", "!", "!!str ", "!!map ", "!foo ", "!<tag:x> ", "{",
    "}", "[", "]", ",", "|", "|-", ">", ">+", "%", "%YAML 1.2\n", "%TAG ! tag:x:\n", "---", "---\n",
    "...", "...\n", "#", "'", '"', "\\", "\t", "\r", "\r\n", "\x00", "\x07", "\x1b", "\x7f", "\x85",
    "\xa0", "\u2028", "\u2029", "\ufeff", "\ufffe", "\U0001F600", "\U00010000", "\U0010FFFD", "@",
    "`", "<<", "=", "~", "null", "NO", "on", "012", "1_000", "1:20", ".inf", "id: x", "value: 3",
]


def fuzz_text() -> st.SearchStrategy[str]:
    """(a) Arbitrary text, biased towards YAML syntax and characters YAML readers disagree on."""
    token = st.one_of(
        st.sampled_from(TOKENS),
        st.sampled_from(FIELDS).map(lambda f: f + ": "),
        scalar_texts(),
        st.text(max_size=8),  # any code point but surrogates, incl. control chars and non-BMP
    )
    joined = st.lists(token, max_size=60).map("".join)
    return st.one_of(st.text(max_size=200), joined)


def _replace_scalar(lines: list[bytes], index: int, value: str) -> None:
    match = re.match(rb"^(\s*(?:- )?[A-Za-z_]+:) ?(.*?)(\r?\n)?$", lines[index], re.S)
    if match:
        lines[index] = match[1] + b" " + value.encode("utf-8", "surrogatepass") + (match[3] or b"\n")


@st.composite
def mutated_valid(draw: st.DrawFn) -> bytes:
    """(b) tests/fixtures/valid.yaml with a few random edits."""
    lines = VALID.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert_bytes", "change_char",
                                   "replace_scalar", "replace_scalar", "indent", "add_notes", "add_notes"]))
        if not lines:
            lines = [b""]
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = draw(st.sampled_from([b" ", b"  ", b"\t", b""])) + lines[i].lstrip(b" " if draw(st.booleans()) else b"")
        elif op == "insert_bytes":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.binary(min_size=1, max_size=6)) + lines[i][at:]
        elif op == "change_char" and lines[i]:
            at = draw(st.integers(0, len(lines[i]) - 1))
            new = draw(st.one_of(st.binary(min_size=1, max_size=1),
                                 st.characters().map(lambda c: c.encode("utf-8", "surrogatepass"))))
            lines[i] = lines[i][:at] + new + lines[i][at + 1:]
        elif op == "replace_scalar":
            _replace_scalar(lines, i, draw(scalar_texts()))
        elif op == "add_notes":  # free text: often still valid, which exercises the sanity check
            note = draw(scalar_texts()).replace("\n", " ")
            lines.insert(1 + draw(st.integers(0, 1)), b"    notes: " + note.encode("utf-8", "surrogatepass") + b"\n")
    return b"".join(lines)


@st.composite
def valid_with_free_text(draw: st.DrawFn) -> bytes:
    """The valid file with one free-text field (notes, evidence) set to a random scalar: often
    still valid, so the "accepted => PyYAML loads it too" sanity check gets exercised."""
    value = draw(st.one_of(scalar_texts(), st.text(min_size=1, max_size=40))).replace("\n", " ")
    lines = VALID.splitlines(keepends=True)
    if draw(st.booleans()):
        lines.insert(2, b"    notes: " + value.encode("utf-8", "surrogatepass") + b"\n")
    else:
        _replace_scalar(lines, next(i for i, ln in enumerate(lines) if b"evidence:" in ln), value)
    return b"".join(lines)


json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(),
    st.integers(min_value=1, max_value=4300).map(lambda n: 10**n - 1),  # PyYAML cannot dump more digits
    st.text(max_size=40), st.sampled_from(YAML11_TRAPS),
)
structured = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)), children, max_size=5),
    ),
    max_leaves=30,
)
VALID_RECORD = yaml.safe_load(VALID)["estimates"][0]


@st.composite
def record_like(draw: st.DrawFn) -> dict:
    """A record that is the valid one with some fields dropped, replaced or added."""
    record = dict(VALID_RECORD)
    for name in draw(st.lists(st.sampled_from(sorted(record)), max_size=3, unique=True)):
        del record[name]
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=3)):
        record[name] = draw(structured)
    if draw(st.booleans()):
        record["id"] = draw(st.one_of(st.from_regex(r"\Afuzz-[a-z0-9]{1,8}\Z"), st.sampled_from(sorted(REAL["estimates"]))))
    return record


@st.composite
def dumped_structure(draw: st.DrawFn) -> str:
    """(c) Random structured data dumped to YAML: anywhere, or as the items of a top-level list."""
    data = draw(st.one_of(
        structured,
        st.dictionaries(st.sampled_from(["estimators", "scopes", "estimates", "admissions"]),
                        st.lists(st.one_of(structured, record_like()), max_size=4), min_size=1),
        st.builds(lambda records: {"estimates": records}, st.lists(record_like(), min_size=1, max_size=4)),
    ))
    return yaml.safe_dump(
        data, allow_unicode=draw(st.booleans()), default_flow_style=draw(st.sampled_from([False, True, None])),
        sort_keys=False, width=draw(st.sampled_from([80, 20, 10_000])),
    )


@st.composite
def nested(draw: st.DrawFn) -> str:
    """Deep nesting, flow or block, under a key of a record: around the loader's depth limit
    (yamlfile.MAX_DEPTH) and beyond, but far below BUG-2's crash depth."""
    depth = draw(st.one_of(st.integers(1, 2 * MAX_DEPTH), st.integers(1, MAX_NESTING)))
    kind = draw(st.sampled_from(["flow-seq", "flow-map", "block-seq"]))
    if kind == "flow-seq":
        body = "[" * depth + "1" + "]" * depth
    elif kind == "flow-map":
        body = "{a: " * depth + "1" + "}" * depth
    else:
        depth = min(depth, 300)  # block nesting grows the file quadratically
        body = "".join("\n" + "  " * (i + 1) + "-" for i in range(depth)) + " 1"
    return f"estimates:\n  - id: fuzz-deep\n    notes: {body}\n"


def raw_bytes() -> st.SearchStrategy[bytes]:
    """(d) Raw bytes, mostly not UTF-8, and text in other encodings."""
    return st.one_of(
        st.binary(max_size=300),
        st.builds(lambda head, junk, tail: head + junk + tail,
                  st.sampled_from([b"", VALID[:40], VALID]), st.binary(min_size=1, max_size=8),
                  st.sampled_from([b"", b"\n", VALID[40:]])),
        st.builds(lambda text, enc: text.encode(enc, errors="replace"),
                  fuzz_text(), st.sampled_from(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "utf-8-sig"])),
    )


# --- the properties -------------------------------------------------------------------------


@FUZZ
@given(text=fuzz_text())
@example(text="estimates:\n  - &a {id: x}\n  - *a\n")
@example(text="a: &a [*a]\n")
@example(text="%YAML 1.1\n---\nestimates: []\n")
@example(text="---\n")
@example(text="estimates:\n- id: x\n  notes: =\n")
@example(text="? [a]\n: 1\n")
@example(text="a: \x01\n")
@example(text="\ufeffestimates: []\n")
@example(text="estimates: [{id: fuzz-a, value: !!float 1}]\n")
def test_arbitrary_text(fuzz_dir, text):
    check_load(fuzz_dir, text)


@FUZZ
@given(content=st.one_of(mutated_valid(), valid_with_free_text()))
@example(content=VALID)
@example(content=VALID.replace(b"value: 300", b"value: 0x" + b"f" * 200))
@example(content=VALID.replace(b"value: 300", b"value: " + b"9" * HUGE_DIGITS))
@example(content=VALID.replace(b"value: 300", b"value: 1e999"))
@example(content=VALID.replace(b"value: 300", b"value: .nan"))
@example(content=VALID.replace(b"fixture-killed", b"killed-nis-2025-01"))
@example(content=VALID.replace(b"value: 2025-01", b"value: 2025-02-30"))
@example(content=VALID.replace(b"evidence: month printed, year from the article", b"evidence: <<"))
@example(content=VALID.replace(b"evidence: month printed, year from the article", b"evidence: ="))
@example(content=VALID.replace(b"evidence: month printed, year from the article", b"evidence: A\t"))
@example(content=VALID.replace(b"evidence: month printed, year from the article", b"evidence: 2025-02-30"))
def test_mutated_valid_file(fuzz_dir, content):
    check_load(fuzz_dir, content)


def test_the_unmutated_fixture_is_accepted(fuzz_dir):
    dataset = check_load(fuzz_dir, VALID)
    assert dataset.problems == []
    assert "fixture-killed" in {e.id for e in dataset.estimates}


@FUZZ
@given(text=st.one_of(dumped_structure(), nested()))
def test_random_structure_dumped_to_yaml(fuzz_dir, text):
    check_load(fuzz_dir, text)


@FUZZ
@given(content=raw_bytes())
@example(content=b"\xff\xfe\x00")
@example(content=b"estimates:\n  - id: \xed\xa0\x80\n")  # an encoded surrogate
@example(content=b"\x00")
def test_raw_bytes(fuzz_dir, content):
    check_load(fuzz_dir, content)


# --- regressions: bugs this fuzzer found (fixed) ------------------------------------------


# BUG-1: a plain integer over Python's 4300-digit limit made int() raise ValueError out of
# read_yaml, so estimates.load() raised instead of reporting a problem.
def test_bug1_huge_decimal_integer_is_a_problem(fuzz_dir):
    dataset = check_load(fuzz_dir, VALID.replace(b"value: 300", b"value: " + b"1" * 4301))
    assert [p.field for p in dataset.errors] == ["fixture-killed.value"]


# BUG-1b: a huge hex integer converted fine (power-of-two base), but when pydantic rejected it,
# validation._short() repr()'d it, and repr of an int over 4300 decimal digits raises.
def test_bug1b_huge_hex_integer_is_a_problem(fuzz_dir):
    dataset = check_load(fuzz_dir, VALID.replace(b"value: 300", b"value: 0x" + b"f" * 3600))
    assert [p.field for p in dataset.errors] == ["fixture-killed.value"]


# BUG-2: libyaml's composer recursed once per nesting level: ~30,000 nested `[` (60 KB, far under
# MAX_BYTES) overflowed the C stack and killed the process with SIGSEGV, which no `except` can
# catch. Run in a child process so a regression cannot take pytest down.
@pytest.mark.parametrize("body", [
    "[" * 200_000 + "]" * 200_000,  # flow sequences: 400 KB
    "{a: " * 100_000 + "1" + "}" * 100_000,  # flow mappings
    "- " * 100_000 + "1",  # block sequences on one line
])
def test_bug2_deep_nesting_is_a_problem_not_a_crash(fuzz_dir, body):
    path = fuzz_dir / "deep.yaml"
    path.write_text("notes: " + body + "\n")
    code = textwrap.dedent(f"""
        import estimates, pathlib
        dataset = estimates.load([pathlib.Path({str(path)!r})])
        assert [(p.line, p.field) for p in dataset.errors] == [(1, "")], dataset.problems
    """)
    try:
        result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=DATA_ENV, capture_output=True, timeout=120)
    finally:
        path.unlink()
    assert result.returncode == 0, f"child exited with {result.returncode}: {result.stderr[-500:]!r}"


# BUG-3: yamlfile._Builder.scalar resolved every plain scalar from its text alone and ignored an
# explicit core tag: `value: !!str 300` was accepted as the number 300, and `!!int x`, `!!float x`,
# `!!bool x`, `!!null x`, `!!timestamp x` were silently read as the text "x".
@pytest.mark.parametrize("old, new, field", [
    (b"value: 300", b"value: !!str 300", "value"),
    (b"value: 300", b"value: !!float 300", "value"),
    (b"qualifier: at_least", b"qualifier: at_least\n    notes: !!int x", "notes"),
    (b"qualifier: at_least", b"qualifier: at_least\n    notes: !!bool x", "notes"),
    (b"qualifier: at_least", b"qualifier: at_least\n    notes: !!timestamp x", "notes"),
])
def test_bug3_explicit_core_tags_are_refused(fuzz_dir, old, new, field):
    dataset = check_load(fuzz_dir, VALID.replace(old, new))
    assert [p.field for p in dataset.errors] == [f"fixture-killed.{field}"]


# --- every nesting style: depth is counted on the event stream, whatever the spelling ---------

# One level of nesting in each style YAML has, as (opening, closing) around the inner value.
# Block styles carry their indentation: `i` is the level, so each level is indented deeper.
NESTING_STYLES = {
    "flow sequence": lambda i, gap: ("[", "]"),
    "flow mapping": lambda i, gap: ("{a: ", "}"),
    "flow explicit key": lambda i, gap: ("{? ", ": 1}"),
    "flow pair in sequence": lambda i, gap: ("[a: ", "]"),
    "block sequence, compact": lambda i, gap: ("-" + gap, ""),
    "block explicit key, compact": lambda i, gap: ("?" + gap, ""),
    "block sequence, indented": lambda i, gap: ("\n" + " " * (i + 1) + "-" + gap, ""),
    "block mapping, indented": lambda i, gap: ("\n" + " " * (i + 1) + "a:" + gap, ""),
}
COLLECTIONS_PER_LEVEL = {"flow pair in sequence": 2}  # `[a: 1]` is a sequence holding a one-pair mapping
GAPS = [" ", "  ", "   ", "\t", " \t"]


def nesting(styles: list[str], gaps: list[str]) -> tuple[str, int]:
    """A file whose collections nest len(styles) deep or one more, level i in styles[i], and
    that depth. A compact block collection starts the file (it cannot follow `key: ` on a line);
    any other style is the value of `notes:`. A block style inside a flow one is not YAML:
    libyaml then reports a syntax error, which is also a clean result."""
    head, tail = [], []
    for i, (style, gap) in enumerate(zip(styles, gaps)):
        opening, closing = NESTING_STYLES[style](i, gap)
        head.append(opening)
        tail.append(closing)
    body = "".join(head) + "1" + "".join(reversed(tail))
    depth = sum(COLLECTIONS_PER_LEVEL.get(style, 1) for style in styles)
    if "compact" in styles[0]:
        return body + "\n", depth
    return f"notes: {body}\n", depth + 1


@st.composite
def nested_any_style(draw: st.DrawFn) -> tuple[str, int, bool]:
    """(file, depth, whether every level is a flow style or every level a block one)."""
    depth = draw(st.one_of(st.integers(1, 2 * MAX_DEPTH), st.integers(MAX_DEPTH - 2, MAX_DEPTH + 2),
                           st.integers(1, 1500)))
    pool = draw(st.lists(st.sampled_from(sorted(NESTING_STYLES)), min_size=1, max_size=4, unique=True))
    styles = [draw(st.sampled_from(pool)) for _ in range(depth)]
    if any("indented" in s for s in styles):
        depth = min(depth, 400)  # indentation grows the file quadratically
        styles = styles[:depth]
    gaps = [draw(st.sampled_from(GAPS)) for _ in range(depth)]
    text, depth = nesting(styles, gaps)
    return text, depth, all(s.startswith("flow") for s in styles) or not any(s.startswith("flow") for s in styles)


@FUZZ
@given(case=nested_any_style())
@example(case=("-  " * 100 + "x\n", 100, True))
@example(case=("? " * 100 + "x\n", 100, True))
@example(case=(*nesting(["flow sequence"] * (MAX_DEPTH - 1), [" "] * MAX_DEPTH), True))
@example(case=(*nesting(["flow mapping"] * MAX_DEPTH, [" "] * MAX_DEPTH), True))
def test_nesting_in_every_style_is_refused_past_the_limit(fuzz_dir, case):
    text, depth, one_kind = case
    dataset = check_load(fuzz_dir, text)
    too_deep = [p for p in dataset.errors if f"nest more than {MAX_DEPTH} levels deep" in p.message]
    event("too deep" if too_deep else "within the limit")
    if depth > MAX_DEPTH:  # refused, as too deep or (a tab where YAML allows none, flow around block) as bad syntax
        assert len(dataset.errors) == 1 and (too_deep or "YAML syntax error" in dataset.errors[0].message), dataset.errors
        if one_kind and "\t" not in text:
            assert too_deep, dataset.errors
    if depth <= MAX_DEPTH:
        assert not too_deep, dataset.errors


# BUG-4: the depth pre-check looked for "- - " only: a 90 KB file of block sequences written with
# two spaces after each dash (`-  -  -  x`) reached libyaml's composer, which overflowed the C
# stack: `validate` died with SIGSEGV (exit 139), and the app's server process with it. Depth is
# now counted on the event stream while composing, without recursion, in every style.
@pytest.mark.parametrize("style", sorted({*NESTING_STYLES} - {"block sequence, indented", "block mapping, indented"}))
def test_bug4_deep_nesting_in_any_style_is_a_problem_not_a_crash(fuzz_dir, style):
    path = fuzz_dir / "deep.yaml"
    path.write_text(nesting([style] * 100_000, ["  "] * 100_000)[0])
    result = subprocess.run([sys.executable, "-m", "estimates", "validate", str(path)], cwd=ROOT, env=DATA_ENV,
                            capture_output=True, text=True, timeout=120)
    path.unlink()
    assert result.returncode == 1, f"exit {result.returncode}: {result.stderr[-500:]!r}"
    assert f"collections nest more than {MAX_DEPTH} levels deep" in result.stdout, result.stdout[-500:]
    assert "1 errors" in result.stderr


def test_bug4_the_exact_input_from_the_report(fuzz_dir):
    path = fuzz_dir / "dashes.yaml"
    path.write_text("-  " * 30000 + "x\n")  # python3 -c "print('-  '*30000+'x')"
    result = subprocess.run([sys.executable, "-m", "estimates", "validate", str(path)], cwd=ROOT, env=DATA_ENV,
                            capture_output=True, text=True, timeout=120)
    path.unlink()
    assert result.returncode == 1, f"exit {result.returncode} (139 is the old segfault)"
    assert f"{path}:1:193    collections nest more than {MAX_DEPTH} levels deep: this is not a data file" in result.stdout
