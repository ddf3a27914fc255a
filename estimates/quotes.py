"""Matching a quote to its document, and saying where the closest passage differs."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

_TYPOGRAPHIC = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_SPACE = re.compile(r"\s+")
_CONTEXT = 30
# The diagnostic compares the quote with windows of the document around the quote's own words,
# never with a whole passage: a passage can be a 2 MB article, and SequenceMatcher over it took
# seconds per quote (a file of wrong quotes could stall a load for minutes).
_ANCHOR_WORDS, _ANCHORS_PER_WORD = 6, 3
_WORD = re.compile(r"\w{3,}")


@lru_cache(maxsize=16)
def _lowered(passage: str) -> str:
    return passage.lower()


def _windows(wanted: str, passages: tuple[str, ...]) -> list[str]:
    """Short passages whole; in a long one, a window around the first few places where each of
    the quote's longest words occurs (case aside)."""
    reach = len(wanted) + _CONTEXT
    words = sorted(set(_WORD.findall(wanted.lower())), key=len, reverse=True)[:_ANCHOR_WORDS]
    windows = []
    for passage in passages:
        if len(passage) <= 4 * reach:
            windows.append(passage)
            continue
        lowered = _lowered(passage)
        for word in words:
            start = 0
            for _ in range(_ANCHORS_PER_WORD):
                at = lowered.find(word, start)
                if at < 0:
                    break
                windows.append(passage[max(0, at - reach):at + reach])
                start = at + len(word)
    return windows


def normalize(text: str) -> str:
    """What quote matching ignores: runs of whitespace, and typographic quotes and dashes."""
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


def closest_passage(quote: str, passages: tuple[str, ...]) -> str:
    """'closest passage: "…"; first difference at character N of the quote: the document has
    'T', the quote has 't''. Case counts: the document's own spelling is the one to copy."""
    wanted = normalize(quote)
    if not wanted or not passages:
        return "the document has no text to compare with"
    windows = _windows(wanted, passages)
    if not windows:
        return "no passage of the document shares any words with the quote: is it the right document?"
    scored = [(SequenceMatcher(None, p, wanted, autojunk=False).find_longest_match(0, len(p), 0, len(wanted)), p)
              for p in windows]
    match, passage = max(scored, key=lambda found: found[0].size)
    if match.size < 4:
        return "no passage of the document shares any words with the quote: is it the right document?"
    lo = max(0, match.a - match.b)
    window = passage[lo:min(len(passage), match.a + len(wanted) - match.b + _CONTEXT)]
    ops = SequenceMatcher(None, window, wanted, autojunk=False).get_opcodes()
    while ops and ops[0][0] == "delete":  # document text before the quote begins
        ops = ops[1:]
    while ops and ops[-1][0] == "delete":  # and after it ends
        ops = ops[:-1]
    if not ops:
        return "the document has no passage like it"
    tag, i1, i2, j1, j2 = next(op for op in ops if op[0] != "equal")
    has = repr(window[i1:i2]) if i2 > i1 else "nothing"
    says = repr(wanted[j1:j2]) if j2 > j1 else "nothing"
    shown = window[ops[0][1]:ops[-1][2]]
    return (f"closest passage: \"{_clip(shown)}\"; first difference at character {j1 + 1} of the quote: "
            f"the document has {has} where the quote has {says}")


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
