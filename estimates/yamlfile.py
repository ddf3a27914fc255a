"""Read one YAML data file safely, as YAML 1.2, keeping where every value came from.

Why PyYAML's libyaml composer and our own constructor, rather than ruamel.yaml:
libyaml (C) is the fastest YAML parser available to Python and its nodes carry line and
column marks. PyYAML's *constructor* follows YAML 1.1 (`NO` -> False, `012` -> 10, duplicate
keys silently overwritten), so we build values from the nodes ourselves with the YAML 1.2
core schema, and refuse what 1.1 and 1.2 read differently instead of guessing. Aliases are
refused outright: they are the vector of "billion laughs" bombs and our data never needs them.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from .problems import Problem
from .safe_files import read_bytes

MAX_BYTES = 5_000_000
MAX_DEPTH = 64  # records nest 4 levels deep; anything near this is not data
MAX_DIGITS = 20

try:  # the C parser ships in PyYAML's wheels; fall back (slowly) if it is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the wheel
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_PLAIN = "tag:nk-troops-tracker,2025:plain"  # a plain scalar without a tag: we resolve it (YAML 1.2)
_STR = "tag:yaml.org,2002:str"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """libyaml's composer with PyYAML's (YAML 1.1, pure Python) tag resolution switched off:
    plain scalars keep a marker tag, so an explicit tag is any other tag."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
# Plain scalars that YAML 1.1 (PyYAML, many editors) and YAML 1.2 read differently.
_YAML11_BOOL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_YAML11_NUMBER = re.compile(
    r"^[-+]?(?:0[0-9]+|0b[01_]+|[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$"
)
_SPECIAL_WORDS = {"null", "true", "false", "y", "n", "yes", "no", "on", "off"}
_CONTENT = re.compile(r"^[ \t]*[^\s#]", re.M)
_ALLOWED_TAGS = {_PLAIN, _STR, _MAP, _SEQ}


@dataclass
class YamlFile:
    """The values of one file, and its node tree for locating any path in it."""

    path: Path
    data: Any
    root: yaml.Node | None
    problems: list[tuple[tuple, Problem]] = field(default_factory=list)  # (path in data, problem)
    flagged: list[tuple] = field(default_factory=list)  # paths of values replaced because of a problem

    def position(self, loc: tuple[str | int, ...]) -> tuple[int, int]:
        """1-based (line, column) of the deepest node along `loc` (a pydantic error loc)."""
        node, found = self.root, self.root
        for key in loc:
            if isinstance(node, yaml.MappingNode):
                match = next(((k, v) for k, v in node.value if k.value == key), None)
                if match is None:
                    break
                found, node = match  # point at the key: "low:" is what people look for
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = found = node.value[key]
            else:
                break
        if found is None:
            return (0, 0)
        return (found.start_mark.line + 1, found.start_mark.column + 1)


class _Builder:
    """Builds values from nodes (YAML 1.2 core schema), collecting every problem with its path.
    A value with a problem is replaced by None or kept as text, so pydantic still sees the rest."""

    def __init__(self, shown: str):
        self.shown = shown
        self.seen: set[int] = set()
        self.alias_reported = False
        self.flagged: list[tuple] = []  # paths whose value was replaced: pydantic's view of them is noise
        self.problems: list[tuple[tuple, Problem]] = []

    def problem(self, node: yaml.Node, path: tuple, message: str) -> None:
        mark = node.start_mark
        where = ".".join(str(p) for p in path)
        self.problems.append((path, Problem(self.shown, mark.line + 1, mark.column + 1, where, message)))

    def build(self, node: yaml.Node, path: tuple = ()) -> Any:
        if id(node) in self.seen:
            if not self.alias_reported:  # once per file: a bomb repeats its aliases thousands of times
                self.problem(node, path, "anchors and aliases (&name / *name) are not allowed: write the value out in full")
                self.alias_reported = True
            self.flagged.append(path)
            return None
        self.seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problem(node, path, f"explicit tags such as {tag} are not allowed: write numbers plainly and quote text")
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or (key_node.value == "<<" and key_node.tag == _PLAIN):
                self.problem(key_node, path, "a key must be plain text (no merge keys `<<`, lists or mappings)")
                continue
            key = key_node.value
            if key in result:
                self.problem(key_node, (*path, key), f"duplicate key {key!r}: a second value would silently replace the first; keep one")
                continue
            self.seen.add(id(key_node))
            result[key] = self.build(value_node, (*path, key))
        return result

    def scalar(self, node: yaml.ScalarNode, path: tuple) -> Any:
        if node.tag == _PLAIN:
            return self.resolve(node, path)
        if not node.style:  # a plain scalar tagged !!str by hand
            self.problem(node, path, "explicit tags such as !!str are not allowed: quote text instead")
        return node.value  # quoted or block: always text

    def resolve(self, node: yaml.ScalarNode, path: tuple) -> Any:
        """The YAML 1.2 core schema, refusing what YAML 1.1 would read differently."""
        text = node.value
        if text[:1].isalpha() and text.lower() not in _SPECIAL_WORDS:
            return text  # ordinary words: most values, no pattern can match
        if _NULL.match(text):
            return None
        if _TRUE.match(text):
            return True
        if _FALSE.match(text):
            return False
        if _YAML11_BOOL.match(text):
            self.problem(node, path, f"{text!r} is ambiguous: YAML 1.1 reads it as a boolean, YAML 1.2 as text. "
                                     f"Write true/false, or quote it: '{text}'")
            return text
        if _YAML11_NUMBER.match(text):
            self.problem(node, path, f"{text!r} is ambiguous: YAML 1.1 and 1.2 read it as different numbers. "
                                     f"Write plain digits without leading zeros, underscores or colons, or quote it: '{text}'")
            return text
        if (_INT.match(text) or _OCT.match(text) or _HEX.match(text)) and len(text) > MAX_DIGITS:
            self.problem(node, path, f"a number of {len(text):,} digits is not a figure: check the value, or quote it")
            return text
        if _INT.match(text):
            return int(text)
        if _OCT.match(text):
            return int(text[2:], 8)
        if _HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text):
            return float(text)
        if _INF.match(text):
            return float("-inf") if text.startswith("-") else float("inf")
        if _NAN.match(text):
            return float("nan")
        return text


class TooDeep(Exception):
    """Collections nest deeper than the limit: raised while composing, before any deeper node."""

    def __init__(self, mark):
        super().__init__("too deep")
        self.mark = mark


_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_SEQ_START, _MAP_START = yaml.SequenceStartEvent, yaml.MappingStartEvent
_SEQ_END, _MAP_END = yaml.SequenceEndEvent, yaml.MappingEndEvent


def compose(text: str, limit: int = MAX_DEPTH) -> yaml.Node | None:
    """The node tree of the single document in `text`, composed from libyaml's event stream
    without recursion, refusing any collection nested deeper than `limit` as soon as its start
    event arrives (TooDeep). libyaml's own composer recurses once per level and overflows the C
    stack (SIGSEGV, which no `except` catches) at some tens of thousands of levels, however they
    are written: block or flow, sequences or mappings, `- - -`, `-  -  -`, `? ? ?`. Its parser,
    which this reads, keeps its own stack and is safe. Raises yaml.YAMLError on bad syntax."""
    loader = _Loader(text)
    try:
        get, resolve = loader.get_event, loader.resolve
        get()  # StreamStartEvent
        event = get()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        anchors: dict[str, yaml.Node] = {}
        stack: list[tuple[yaml.Node, list]] = []  # open collections, with their items so far
        root = None
        while True:
            event = get()
            kind = type(event)
            if kind is _SCALAR:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(yaml.ScalarNode, event.value, event.implicit)
                node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
            elif kind is _SEQ_START or kind is _MAP_START:
                if len(stack) >= limit:
                    raise TooDeep(event.start_mark)
                node_kind = yaml.SequenceNode if kind is _SEQ_START else yaml.MappingNode
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(node_kind, None, event.implicit)
                node = node_kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
                if event.anchor is not None:
                    _anchor(anchors, event, node)
                stack.append((node, []))
                continue
            elif kind is _SEQ_END or kind is _MAP_END:
                node, items = stack.pop()
                node.value = items if kind is _SEQ_END else list(zip(items[::2], items[1::2]))
                node.end_mark = event.end_mark
            elif kind is _ALIAS:
                if event.anchor not in anchors:
                    raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}",
                                                      event.start_mark)
                node = anchors[event.anchor]
            else:  # DocumentEndEvent: the document is complete
                break
            if kind is _SCALAR and event.anchor is not None:
                _anchor(anchors, event, node)
            if stack:
                stack[-1][1].append(node)
            else:
                root = node
        event = get()
        if not isinstance(event, yaml.StreamEndEvent):
            raise yaml.composer.ComposerError("expected a single document in the stream", None,
                                              "but found another document", event.start_mark)
        return root
    finally:
        loader.dispose()


def _anchor(anchors: dict, event, node: yaml.Node) -> None:
    if event.anchor in anchors:
        raise yaml.composer.ComposerError(f"found duplicate anchor {event.anchor!r}; first occurrence",
                                          anchors[event.anchor].start_mark, "second occurrence", event.start_mark)
    anchors[event.anchor] = node


def _problem(path: str, message: str, line: int = 1, column: int = 1, field: str = "") -> Problem:
    return Problem(path, line, column, field, message)


def read_yaml(path: Path, shown_as: str | None = None, raw: bytes | None = None,
              roots: Iterable[Path] | None = None) -> tuple[YamlFile | None, list[Problem]]:
    """Parse `path` (or `raw`, the content already read from it). Returns the file, or None and
    the problems that stopped it. `roots`: the folders the file must really be in (see
    safe_files; None for a file named on the command line, read wherever it is)."""
    name = shown_as or str(path)
    if raw is not None and len(raw) > MAX_BYTES:
        return None, [_problem(name, f"file is {len(raw):,} bytes, over the {MAX_BYTES:,}-byte limit: split it into several files")]
    try:
        raw = read_bytes(path, MAX_BYTES, roots, "the file") if raw is None else raw
    except OSError as error:
        hint = ": split it into several files" if error.errno == errno.EFBIG else ""
        return None, [_problem(name, f"{getattr(error, 'reason', None) or error.strerror}{hint}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [_problem(name, f"not UTF-8 (byte 0x{raw[error.start]:02x}): save the file as UTF-8", line, column)]
    if not _CONTENT.search(text):
        return None, [_problem(name, "file is empty: add records, or delete the file")]
    try:
        root = compose(text, MAX_DEPTH)
    except TooDeep as deep:
        return None, [_problem(name, f"collections nest more than {MAX_DEPTH} levels deep: this is not a data file",
                               deep.mark.line + 1, deep.mark.column + 1)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = " ".join(filter(None, [error.context, error.problem]))
        return None, [_problem(name, f"YAML syntax error: {what}", mark.line + 1 if mark else 0, mark.column + 1 if mark else 0)]
    except yaml.YAMLError as error:
        return None, [_problem(name, f"YAML error: {error}")]
    builder = _Builder(name)
    try:
        data = builder.build(root) if root is not None else None
    except RecursionError:
        return None, [_problem(name, "the file nests too deeply to be data: flatten it")]
    return YamlFile(path, data, root, builder.problems, [p for p, _ in builder.problems] + builder.flagged), []
