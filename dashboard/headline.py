"""The key numbers: for each question readers bring (troops sent so far, troops there now,
killed, wounded, killed or wounded, captured), the range across the latest claim of each
independent estimator, each end saying who, where, what and when, beside the latest official
admission of the same quantity.

A key number never takes a background restatement, a count of a subset (a `counted` narrower
than the quantity, such as the dead North Korea showed at its ceremonies), a plan or a forecast,
nor a claim by North Korea or Russia (their statements stand beside it). Claims tied at an end
are all shown, never one picked by id.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .gap import latest_admission
from .vocabulary import KEY_QUANTITIES, OWN_SIDES, RECENT_DAYS, WIDE_SCOPES, KeyQuantity
from .words import figure_words, scope_words, who


@dataclass(frozen=True)
class Claimed:
    """One claim at an end of a key number, in the words a reader copies."""

    id: str
    figure: str  # "about 2,000"
    who: str  # "NIS"
    date: str  # "2 Sep 2025"
    where: str  # " (in Russia's Kursk region)" when narrower than the whole deployment, else ""
    value: float
    counted: str = ""  # " (sappers)": who was counted, when narrower than the quantity

    def words(self) -> str:
        return f"{self.figure}{self.counted} ({self.who}, {self.date}){self.where}"


@dataclass(frozen=True)
class KeyNumber:
    key: KeyQuantity
    low: tuple[Claimed, ...]  # every claim at the low end (ties are all shown)
    high: tuple[Claimed, ...]
    estimators: int  # whose latest claims the range spans
    admission: Claimed | None  # the latest official figure of the same quantity

    @property
    def title(self) -> str:
        return self.key.title

    @property
    def figure(self) -> str:
        """'about 2,000' for one claim, 'about 2,000 to at least 6,000' across several, or words
        saying there is none."""
        if not self.low:
            return "no estimate in this view"
        if self.low[0].value == self.high[0].value:
            return " / ".join(dict.fromkeys(c.figure for c in self.low))
        return f"{self.low[0].figure} to {self.high[0].figure}"

    @property
    def sources(self) -> str:
        """Who said each end, where and when: 'low: about 2,000 (NIS, 2 Sep 2025); high: ...'."""
        if not self.low:
            return ""
        ends = [("", self.low)] if self.low == self.high else [("low: ", self.low), ("high: ", self.high)]
        return "; ".join(f"{label}{' and '.join(c.words() for c in claims)}" for label, claims in ends)

    @property
    def official(self) -> str:
        return (f"{self.admission.who} said {self.admission.figure}{self.admission.counted}, "
                f"{self.admission.date}{self.admission.where}" if self.admission else "no official figure")


def _value(row: pd.Series) -> float:
    for column in ("value", "lower", "upper"):
        if pd.notna(row[column]):
            return float(row[column])
    return float("nan")


def _claimed(row: pd.Series) -> Claimed:
    counted = f" ({row['counted']})" if isinstance(row["counted"], str) and row["counted"] else ""
    return Claimed(str(row["id"]), figure_words(row), who(row), str(row["announced_label"]), scope_words(row),
                   _value(row), counted)


def answers(frame: pd.DataFrame, key: KeyQuantity) -> pd.Series:
    """Which independent estimates answer `key` as asked: a count of the whole quantity with a
    number, measured as `key` measures it; never a restatement, a subset, a plan or a forecast,
    nor a claim by North Korea or Russia (the key numbers and who says what both ask this)."""
    return ((frame["kind"] == "estimate") & (frame["quantity"] == key.quantity) & (frame["measure"] == key.measure)
            & (frame["status"] == "count") & ~frame["background"].astype(bool) & frame["counted"].isna()
            & ~frame["side"].isin(OWN_SIDES) & (frame["lower"].notna() | frame["upper"].notna()))


def latest_claims(frame: pd.DataFrame, key: KeyQuantity) -> pd.DataFrame:
    """The latest claim of each independent estimator of `key` made in the RECENT_DAYS to the
    newest one; an estimator's claims made the same day are all kept."""
    rows = frame[answers(frame, key)]
    if key.whole:
        rows = rows[rows["scope"].isin(WIDE_SCOPES)]
    if rows.empty:
        return rows
    rows = rows[rows["announced_end"] >= rows["announced_end"].max() - pd.Timedelta(days=RECENT_DAYS)]
    last = rows.groupby("estimator")["announced_end"].transform("max")
    return rows[rows["announced_end"] == last]


def key_number(frame: pd.DataFrame, key: KeyQuantity) -> KeyNumber:
    claims = latest_claims(frame, key)
    admitted = latest_admission(frame, key.quantity) if key.measure == "total" else None
    official = _claimed(admitted) if admitted is not None else None
    if claims.empty:
        return KeyNumber(key, (), (), 0, official)
    values = claims.apply(_value, axis=1)
    order = ["announced_end", "estimator", "id"]  # ties are all kept; the order only lists them
    low = tuple(_claimed(r) for _, r in claims[values == values.min()].sort_values(order).iterrows())
    high = tuple(_claimed(r) for _, r in claims[values == values.max()].sort_values(order).iterrows())
    return KeyNumber(key, low, high, claims["estimator"].nunique(), official)


# the columns a key number reads: each row selection then copies these, not all of the frame's
COLUMNS = ["id", "kind", "quantity", "measure", "status", "background", "counted", "side", "scope", "scope_name",
           "value", "low", "high", "lower", "upper", "qualifier", "estimator", "estimator_short",
           "announced_start", "announced_end", "announced_label"]


def key_numbers(frame: pd.DataFrame) -> list[KeyNumber]:
    frame = frame[COLUMNS]
    return [key_number(frame, key) for key in KEY_QUANTITIES]
