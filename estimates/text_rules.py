"""Which characters text in the data may hold, and how output shows any other character.

An allow-list by Unicode general category, not a list of known-bad characters: letters (L*),
marks (M*), numbers (N*), punctuation (P*), symbols (S*) and spaces (Zs) are text; tab, line
feed and carriage return are ordinary whitespace in multi-line text. Everything else is refused:
controls (Cc, including C1 controls), format characters (Cf: direction marks and overrides,
zero-width characters, tag characters, the byte-order mark), private use (Co), surrogates (Cs),
unassigned code points and noncharacters (Cn), line and paragraph separators (Zl, Zp); and the
few letters and marks Unicode defines as default-ignorable (Hangul fillers, variation
selectors...), which render as nothing. Categories are those of the Python running the check
(`unicodedata.unidata_version`): a character newer than that is unassigned to it, and refused.
"""

from __future__ import annotations

import re
import unicodedata

ALLOWED_CATEGORIES = frozenset({
    "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No",
    "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs",
})
WHITESPACE = frozenset("\t\n\r")
# Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties) outside the refused categories:
# letters and marks that draw nothing, so they can hide in or disguise text.
_IGNORABLE = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164\ufe00-\ufe0f\uffa0"
                        "\U000e0100-\U000e01ef]")
_WHAT = {
    "Cc": "control character", "Cf": "invisible format character (direction mark, zero-width or tag character)",
    "Co": "private-use character", "Cs": "surrogate", "Cn": "unassigned code point or noncharacter",
    "Zl": "line separator", "Zp": "paragraph separator",
}
_PLAIN_ASCII = re.compile(r"[\t\n\r\x20-\x7e]*\Z")


def refused(char: str) -> str | None:
    """What `char` is, if text may not hold it; None if it may."""
    if char in WHITESPACE:
        return None
    category = unicodedata.category(char)
    if category not in ALLOWED_CATEGORIES:
        return _WHAT.get(category, f"character of category {category}")
    if _IGNORABLE.match(char):
        return "invisible filler or variation selector"
    return None


def first_refused(text: str) -> tuple[int, str, str] | None:
    """(0-based position, character, what it is) of the first character text may not hold."""
    if _PLAIN_ASCII.match(text):  # the common case, without a loop in Python
        return None
    checked: dict[str, str | None] = {}
    for position, char in enumerate(text):
        if char not in checked:
            checked[char] = refused(char)
        if checked[char]:
            return position, char, checked[char]
    return None


def check(text: str) -> str:
    """`text`, or ValueError naming the first refused character, its code point and position."""
    found = first_refused(text)
    if found:
        position, char, what = found
        name = unicodedata.name(char, "")
        raise ValueError(f"contains the invisible character U+{ord(char):04X}{f' {name}' if name else ''} "
                         f"({what}) at position {position + 1}: it can hide or disguise text; delete it")
    return text


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` safe to print to a terminal or a CI log, on one line: line breaks, tabs and every
    character text may not hold are written as escapes (`\\n`, `\\x1b`, `\\u202e`), so no
    escape sequence runs and no line can be forged. Ordinary text is unchanged."""
    if _PLAIN_ASCII.match(text) and not any(c in text for c in _ESCAPES):
        return text
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif refused(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)
