"""The tracker's vocabulary, declared once: its titles, and what each quantity, estimator kind,
side, measure, status, scope and kind of mark is called, on which panel it is drawn, in which
colour and with which marker.

The chart, its legend, the hover text, the alt text, the headlines, the record card, the table,
the sidebar, the static pages and the snapshots all read these tables; none keeps words or
colours of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from estimates.models import ADMITTING_SIDES, EstimatorKind

SITE_NAME = "North Korean troops in Russia"
TITLE = f"{SITE_NAME}: published estimates vs official admissions"  # every figure, card citation and page
SUBTITLE = "Published estimates against official admissions"


@dataclass(frozen=True)
class Term:
    id: str
    words: str  # in a sentence: "troops sent", "killed"
    subject: str  # in the alt text: "North Korean troops sent"
    panel: str  # the panel it is drawn on: a key of PANELS
    colour: str  # Okabe-Ito: safe for colour-blind readers
    symbol: str  # a Plotly marker symbol: colour and shape both say the quantity

    @property
    def label(self) -> str:  # in the legend, the sidebar and the headlines
        return self.words[:1].upper() + self.words[1:]


QUANTITIES = (
    Term("deployed", "troops sent", "North Korean troops sent", "troops", "#0072B2", "circle"),
    Term("reinforcements", "more troops sent", "North Korean reinforcements", "troops", "#56B4E9", "square"),
    Term("killed", "killed", "North Korean soldiers killed", "losses", "#D55E00", "diamond"),
    Term("wounded", "wounded", "North Korean soldiers wounded", "losses", "#E69F00", "cross"),
    Term("killed_or_wounded", "killed or wounded", "North Korean soldiers killed or wounded", "losses", "#CC79A7", "hexagon"),
    Term("casualties", "casualties", "North Korean casualties", "losses", "#009E73", "pentagon"),
    Term("captured", "captured", "North Korean soldiers captured", "losses", "#000000", "star-square"),
    Term("missing", "missing", "North Korean soldiers missing", "losses", "#999999", "hourglass"),
)
QUANTITY = {term.id: term for term in QUANTITIES}


@dataclass(frozen=True)
class KeyQuantity:
    """A question every reader brings: the key numbers and the who-says-what table answer each
    with the latest claim of each estimator of `quantity` measured as `measure`."""

    id: str
    title: str  # on the key number's card and the table's column
    quantity: str
    measure: str  # "total": sent so far; "present": there at the claim's date
    clause: str  # in an attribution sentence: "had been killed"
    whole: bool = False  # only claims about the whole deployment (WIDE_SCOPES): 3,000 sent to Kursk is not all sent


KEY_QUANTITIES = (
    KeyQuantity("sent", "Troops sent so far", "deployed", "total", "had been sent", whole=True),
    KeyQuantity("present", "Troops there now", "deployed", "present", "were there"),
    KeyQuantity("killed", "Killed", "killed", "total", "had been killed"),
    KeyQuantity("wounded", "Wounded", "wounded", "total", "had been wounded"),
    KeyQuantity("killed_or_wounded", "Killed or wounded", "killed_or_wounded", "total", "had been killed or wounded"),
    KeyQuantity("captured", "Captured", "captured", "total", "had been captured"),
)
KEY_QUANTITY = {key.id: key for key in KEY_QUANTITIES}
RECENT_DAYS = 183  # a key number spans the estimators' latest claims made in the six months to the newest one


@dataclass(frozen=True)
class Panel:
    id: str
    title: str
    axis: str  # the y axis's unit, in the hover and the alt text


PANELS = (  # top to bottom; a view draws the panels of the quantities it holds (timeline_parts)
    Panel("admissions", "Official statements by North Korea and Russia", ""),
    Panel("troops", "Troops sent", "troops"),
    Panel("losses", "Losses", "soldiers"),
    Panel("shares", "Shares of a stated base", "share"),
)
PANEL = {panel.id: panel for panel in PANELS}

QUALIFIER_WORDS = {
    "exact": "", "about": "about ", "at_least": "at least ", "more_than": "more than ",
    "up_to": "up to ", "as_many_as": "as many as ",
}
STATUS_WORDS = {"count": "", "plan": "planned", "forecast": "forecast"}


@dataclass(frozen=True)
class Mark:
    """A way a point is drawn that is not its quantity: one legend entry each, grey, so the
    legend explains the form apart from the colour."""

    id: str
    legend: str
    symbol: str
    colour: str = "#555555"  # the key's marker
    line: str = "#555555"  # and its outline
    line_width: float = 1.5


MARKS = (
    Mark("flow", "Flow over a period", "circle-dot"),
    Mark("plan", "Plan or forecast", "circle-open"),
    Mark("narrow", "One region or unit", "circle", colour="#dddddd", line="#111111", line_width=2.5),
)
MARK = {mark.id: mark for mark in MARKS}
NARROW_RING = MARK["narrow"].line  # the ring around a figure that counts one region or unit
WIDE_SCOPES = ("war", "russia")  # the whole deployment; any other scope is one region or unit


@dataclass(frozen=True)
class Side:
    """A side of the war, as the estimators' and actors' records name it. The sides that may make
    an admission (estimates.models.ADMITTING_SIDES, a validation rule) each have their stars."""

    id: str
    words: str  # in the sidebar and the view's words
    own: bool = False  # North Korea and Russia: whose admissions estimates are set against
    legend: str = ""  # its admissions' stars in the legend
    symbol: str = ""
    colour: str = ""


SIDES = (
    Side("north_korea", "North Korea", True, "North Korea said", "star", "#A50026"),
    Side("russia", "Russia", True, "Russia said", "star-diamond", "#313695"),
    Side("mixed", "mixed groups", False, "Both said", "star-triangle-up", "#6A3D9A"),
    Side("ukraine", "Ukraine"),
    Side("third_party", "third parties"),
)
SIDE = {side.id: side for side in SIDES}
SIDE_WORDS = {side.id: side.words for side in SIDES}  # the estimator's side, in the sidebar and the view's words
OWN_SIDES = frozenset(side.id for side in SIDES if side.own)  # an estimate is independent of the admitters if not theirs
ADMISSION_SIDES = tuple(SIDE[side] for side in ADMITTING_SIDES)  # the statements strip: one trace each
ADMISSION_SIDE = {side.id: side for side in ADMISSION_SIDES}
ADMITTED_FIGURE = Mark("admitted", "Admitted figure", "star-dot")

KIND_WORDS = {kind: kind.replace("_", " ") for kind in get_args(EstimatorKind)}  # "intelligence agency"
BASIS_WORDS = {"announced": "date announced", "as_of": "date it refers to"}  # the sidebar's choice of date
