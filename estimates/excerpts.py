"""How long an excerpt is, in words: the one count `archive` and validation both apply.

`str.split()` counted words joined by a zero-width space or a word joiner as one word, and a
whole Chinese or Japanese sentence (written without spaces) as one word. Here, every whitespace,
control, format (zero-width, joiner, direction) and separator character ends a word; a token
counts as a word if it holds a letter or a digit (a dash alone is not a word); and Chinese and
Japanese characters are counted one by one, three to a word: a 50-word passage holds at most
150 of them (README, "Adding an estimate").
"""

from __future__ import annotations

import math
import re
import unicodedata

from .models import MAX_EXCERPT_WORDS

CJK_CHARS_PER_WORD = 3
MAX_EXCERPT_CJK_CHARS = MAX_EXCERPT_WORDS * CJK_CHARS_PER_WORD
# Han ideographs (with their radicals, numerals and iteration marks), hiragana and katakana.
_CJK = re.compile("[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3040-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
                  "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff]")


def _breaks_words(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] in "CZ" or bool(_CJK.match(char))


def measure(text: str) -> tuple[int, int]:
    """(words, Chinese and Japanese characters) in `text`."""
    if text.isascii():
        tokens, cjk = text.split(), 0
    else:
        cjk = len(_CJK.findall(text))
        tokens = "".join(" " if _breaks_words(c) else c for c in text).split()
    return sum(1 for token in tokens if any(c.isalnum() for c in token)), cjk


def word_count(text: str) -> int:
    """Words, with every three Chinese or Japanese characters (or part of three) counted as one."""
    words, cjk = measure(text)
    return words + math.ceil(cjk / CJK_CHARS_PER_WORD)


def too_long(passage: str) -> str | None:
    """Why `passage` is too long for an excerpt, or None: `passage of N words ...`."""
    count = word_count(passage)
    if count <= MAX_EXCERPT_WORDS:
        return None
    words, cjk = measure(passage)
    detail = (f" ({words} words and {cjk} Chinese or Japanese characters, three to a word: at most "
              f"{MAX_EXCERPT_CJK_CHARS} such characters)") if cjk else ""
    return f"{count} words{detail}"
