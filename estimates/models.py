"""The data model. These classes are the schema: the JSON Schema and the field reference in
docs/ are generated from them (`python -m estimates schema`), never written by hand."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from . import text_rules
from .dates import PartialDate, parse_span
from .urls import MAX_URL_CHARS, url_problem
from .validation import FieldError

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$",
        max_length=80,
        description="Lower-case letters, digits and single dashes, e.g. `killed-nis-2025-01`.",
    ),
]


def _visible(text: str) -> str:
    return text_rules.check(text)  # an allow-list of Unicode categories: see text_rules


Text = Annotated[str, Field(min_length=1, max_length=10_000), AfterValidator(_visible)]


def _checked_url(url: str) -> str:
    problem = url_problem(url)  # the one rule for every URL: see urls.py
    if problem:
        raise ValueError(f"the URL {problem}")
    return url


HttpLink = Annotated[str, Field(max_length=MAX_URL_CHARS), AfterValidator(_checked_url)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


# --- provenance of a fact about a document or a record ------------------------------------

How = Literal["printed", "inferred", "unknown"]


class _Attested(Strict):
    how: How = Field(description="`printed` in the document, `inferred` from other clues, or `unknown`.")
    evidence: Text = Field(description="Where it is printed, or what it was inferred from and how.")


class TextFact(_Attested):
    """A fact about a document (outlet, headline, author) and how we know it."""

    value: Text | None = Field(None, description="The fact; null when `how` is `unknown`.")

    @model_validator(mode="after")
    def _unknown_has_no_value(self) -> TextFact:
        if (self.how == "unknown") != (self.value is None):
            raise FieldError("value", "give a value unless `how` is `unknown`, and no value when it is")
        return self


class DateFact(_Attested):
    """A partial date and how we know it."""

    value: PartialDate = Field(description="A partial date: YYYY, YYYY-MM, YYYY-MM-DD, 'late YYYY' or START/END.")
    how: Literal["printed", "inferred"] = Field(
        description="`printed` in the cited text, or `inferred` from other clues."
    )


# --- who makes estimates and statements ------------------------------------------------

EstimatorKind = Literal[
    "intelligence_agency", "military", "government", "legislature", "head_of_state",
    "belligerent_official", "state_media", "news_agency", "news_outlet", "multiple_sources",
]
Side = Literal["north_korea", "russia", "ukraine", "third_party", "mixed"]
# Whose statements are admissions: North Korea's, Russia's, or both together (a validation rule);
# what anyone else says is an estimate.
ADMITTING_SIDES: tuple[Side, ...] = ("north_korea", "russia", "mixed")


class Estimator(Strict):
    """Who makes estimates or official statements, or relays them."""

    id: Id
    name: Text = Field(description="Full name as a reader should see it.")
    short_name: Annotated[str, Field(min_length=1, max_length=40), AfterValidator(_visible)] = Field(description="Label for charts, e.g. `NIS`.")
    countries: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = Field(
        default_factory=list, description="ISO 3166-1 alpha-2 codes, e.g. `[KR]`; several for a group, none if unknown."
    )
    kind: EstimatorKind
    side: Side = Field(description="Party to the war (`north_korea`, `russia`, `ukraine`), `third_party`, or `mixed` for groups.")
    notes: Text | None = None


class Scope(Strict):
    """Where, or which unit, a figure is about. `within` makes "in Kursk" a part of "in Russia"."""

    id: Id
    name: Text
    within: Id | None = Field(None, description="The id of the wider scope, if any.")
    words: list[Annotated[str, Field(min_length=1, max_length=60), AfterValidator(_visible)]] = Field(
        default_factory=list, description="Words that name it in the passages, in any language (matched "
        "case-insensitively, as parts of words): a claim of a scope narrower than the war needs one in a "
        "reported passage, or `scope_evidence`.")


# --- the figures ---------------------------------------------------------------------------

Quantity = Literal[
    "deployed", "reinforcements", "killed", "wounded", "killed_or_wounded", "casualties",
    "captured", "missing",
]
CasualtyPart = Literal["killed", "wounded", "captured", "missing", "unspecified"]
Qualifier = Literal["exact", "about", "at_least", "more_than", "up_to", "as_many_as", "range", "vague"]
Measure = Literal["total", "present", "flow", "share"]
Status = Literal["count", "plan", "forecast"]

OPEN_ABOVE = {"at_least", "more_than"}
OPEN_BELOW = {"up_to", "as_many_as"}


Counted = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_visible)]
MAX_REPORTS, MAX_QUOTE_CHARS = 100, 2_000  # a claim has a few dozen reports at most; a quote is a sentence or two


class Passage(Strict):
    document: Id = Field(description="Id of an archived document in `seeds/` (its file name without `.txt`).")
    quote: Annotated[str, Field(min_length=1, max_length=MAX_QUOTE_CHARS), AfterValidator(_visible)] = Field(
        description="Verbatim words from the document that carry the claim.")


class ReportedAs(Strict):
    """How one outlet put a claim, where its words differ from the claim's: "casualties" for
    "killed", "in Kursk" for "in Russia", "South Korean intelligence" for the NIS."""

    estimator: Id | None = Field(None, description="Who the outlet says made it, when not the claim's estimator.")
    quantity: Quantity | None = None
    includes: list[CasualtyPart] | None = None
    scope: Id | None = None
    counted: Counted | None = None
    value: float | None = Field(None, ge=0, allow_inf_nan=False)
    low: float | None = Field(None, ge=0, allow_inf_nan=False)
    high: float | None = Field(None, ge=0, allow_inf_nan=False)
    qualifier: Qualifier | None = None

    @model_validator(mode="after")
    def _says_something(self) -> ReportedAs:
        if not self.model_fields_set:
            raise FieldError("estimator", "give at least one field the outlet put differently, or remove `as_reported`")
        return self


class Report(Passage):
    """One outlet that carried a claim: the archived passage, who passed it on, and the outlet's
    own words where they differ from the claim. Its date is its document's `published` date."""

    relayed_by: list[Id] = Field(default_factory=list, description="Who passed it on between the originator and this outlet, and the outlet itself when it is an estimator id.")
    as_reported: ReportedAs | None = Field(None, description="The outlet's own words, where they differ from the claim.")
    notes: Text | None = None


class Figure(Strict):
    """A number as the source gave it, with its uncertainty."""

    value: float | None = Field(None, ge=0, allow_inf_nan=False,
                                description="Best value; the bound itself for one-sided qualifiers.")
    low: float | None = Field(None, ge=0, allow_inf_nan=False)
    high: float | None = Field(None, ge=0, allow_inf_nan=False)
    qualifier: Qualifier = Field(description="The source's own hedge: `exact` means it gave none.")

    @model_validator(mode="after")
    def _bounds_agree_with_qualifier(self) -> Figure:
        q, v, lo, hi = self.qualifier, self.value, self.low, self.high
        if q == "vague":
            if v is not None or lo is not None or hi is not None:
                raise FieldError("value", "a `vague` figure has no value, low or high: keep the words in the quote")
            return self
        if q == "range":
            if lo is None or hi is None:
                raise FieldError("low" if lo is None else "high", "a `range` needs both low and high")
        elif v is None:
            raise FieldError("value", f"a figure qualified `{q}` needs a value")
        if q in OPEN_ABOVE and hi is not None:
            raise FieldError("high", f"`{q}` has no upper bound: remove high")
        if q in OPEN_BELOW and lo is not None:
            raise FieldError("low", f"`{q}` has no lower bound: remove low")
        if q == "exact" and (lo not in (None, v) or hi not in (None, v)):
            raise FieldError("low" if lo not in (None, v) else "high", "an `exact` figure has low = high = value: remove low and high")
        if lo is not None and v is not None and lo > v:
            raise FieldError("low", f"low must be <= value (got {lo:g} > {v:g})")
        if hi is not None and v is not None and v > hi:
            raise FieldError("high", f"value must be <= high (got {v:g} > {hi:g})")
        if lo is not None and hi is not None and lo > hi:
            raise FieldError("low", f"low must be <= high (got {lo:g} > {hi:g})")
        return self


class _Record(Strict):
    id: Id
    reports: list[Report] = Field(min_length=1, max_length=MAX_REPORTS, description="Each outlet that carried it, with the passage: the claim is counted once, however many carried it.")
    notes: Text | None = None
    unusual_because: Text | None = Field(
        None, description="Why a date before 2024-01-01, or a figure above its quantity's ceiling "
        "(`estimates/limits.py`), is right: without it, validation refuses them as likely typos.")
    distinct_because: Text | None = Field(
        None, description="Why this is not the same claim as a like one made within 14 days, or one citing the same passage.")


class Estimate(_Record, Figure):
    """One claim: what one originator said, once, with every outlet that reported it."""

    quantity: Quantity
    includes: list[CasualtyPart] | None = Field(
        None, description="For `casualties` only: what the estimator counts in it."
    )
    scope: Id = Field(description="Id of a scope: where, or which unit.")
    scope_evidence: Text | None = Field(
        None, description="Where the source gives the scope, when no reported passage names the place.")
    counted: Counted | None = Field(
        None, description="Who was counted, in the source's words, when narrower than the quantity (e.g. `sappers`)."
    )
    measure: Measure = Field("total", description="`total` sent so far, `present` at a date, `flow` over `period`, "
                             "or `share` (value is a fraction 0-1).")
    period: PartialDate | None = Field(None, description="For a `flow`: the span it covers.")
    share_of: Text | None = Field(None, description="For a `share`: of what, in words.")
    status: Status = Field("count", description="`count`, or a `plan`/`forecast` of what is to come.")
    estimator: Id = Field(description="Who made the claim (the originator), never an outlet that passed it on.")
    announced: DateFact = Field(description="When the claim was first made: its earliest report, or earlier when a report says so.")
    as_of: DateFact | None = Field(None, description="The date the figure describes, when not the announced date.")
    restates: Id | None = Field(None, description="Id of this estimator's earlier claim of the same figure, when it made the claim again.")
    background: bool = Field(
        False, description="Known only from a later article that restates it as background (\"sent more than 10,000 in "
        "2024\"), the originator's own date not recorded: not drawn as a fresh estimate at its announced date.",
    )

    @model_validator(mode="after")
    def _measure_and_dates_agree(self) -> Estimate:
        if (self.quantity == "casualties") != (self.includes is not None):
            raise FieldError("includes", "`includes` is required for `casualties` and only for it")
        if (self.measure == "flow") != (self.period is not None):
            raise FieldError("period", "`period` is required for a `flow` and only for it")
        if (self.measure == "share") != (self.share_of is not None):
            raise FieldError("share_of", "`share_of` is required for a `share` and only for it")
        if self.measure == "share" and any(x is not None and x > 1 for x in (self.value, self.low, self.high)):
            raise FieldError("value", "a share is a fraction between 0 and 1")
        if (self.status == "count" and self.as_of
                and parse_span(self.as_of.value).start > parse_span(self.announced.value).end):
            raise FieldError("as_of", "as_of cannot be after announced (only a plan or forecast is about a later date)")
        return self


AdmissionKind = Literal["confirms_deployment", "acknowledges_deaths", "memorial", "praise", "plan_announced", "other"]


class AdmittedFigure(Figure):
    """One figure in an official statement. Figures the source kept apart stay apart: "1,000
    sappers as well as 5,000 military builders" is two figures, never one 6,000."""

    quantity: Quantity
    includes: list[CasualtyPart] | None = Field(None, description="For `casualties` only: what it counts.")
    scope: Id = Field(description="Id of a scope: where, or which unit.")
    counted: Counted | None = Field(None, description="Who was counted, in the source's words (e.g. `military builders`).")
    status: Literal["count", "plan"] = Field("count", description="`count`, or `plan` for a decision to send.")

    @model_validator(mode="after")
    def _includes_only_for_casualties(self) -> AdmittedFigure:
        if (self.quantity == "casualties") != (self.includes is not None):
            raise FieldError("includes", "`includes` is required for `casualties` and only for it")
        return self


class Admission(_Record):
    """An official statement by North Korea or Russia about the deployment."""

    actor: Id = Field(description="Id of the estimator (a North Korean or Russian official or outlet).")
    date: DateFact
    as_of: DateFact | None = Field(None, description="The date the statement is about, when not its own date "
                                   "(a departure \"early in August\" announced in December).")
    kind: AdmissionKind
    label: Annotated[str, Field(min_length=1, max_length=32), AfterValidator(_visible)] = Field(description="Short chart label (at most 32 characters), e.g. `Kim: nine engineers died`.")
    figures: list[AdmittedFigure] = Field(default_factory=list, max_length=20, description="The figures it gave, if any, each as stated.")


class DataFile(Strict):
    """One file under `estimates/data/`. Any file may hold any of the four lists."""

    estimators: list[Estimator] = Field(default_factory=list)
    scopes: list[Scope] = Field(default_factory=list)
    estimates: list[Estimate] = Field(default_factory=list)
    admissions: list[Admission] = Field(default_factory=list)


Coverage = Literal["full", "excerpts"]
MAX_EXCERPT_WORDS = 50


class Document(Strict):
    """The metadata beside an archived document in `seeds/` (`NAME.meta.yaml` next to `NAME.txt`).

    A `full` document is a whole text we were given. An `excerpts` document holds only the
    passages records cite (at most 50 words each, separated by blank lines), with the URL of
    the original: we never republish a whole article."""

    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] = Field(description="SHA-256 of the `.txt`, checked on every load.")
    coverage: Coverage = Field(description="`full` text, or `excerpts`: only the cited passages, with `url`.")
    outlet: TextFact
    headline: TextFact
    author: TextFact
    published: DateFact
    url: HttpLink | None = Field(None, description="The original's address; required for `excerpts`.")
    accessed: PartialDate | None = Field(None, description="When the original was read; required for `excerpts`.")
    archive_url: HttpLink | None = Field(None, description="A copy in a web archive, if any.")
    review: list[Literal["outlet", "headline", "author", "published"]] = Field(
        default_factory=list,
        description="Facts `archive` guessed and a person has not checked yet: check each, then remove it here.",
    )
    notes: Text | None = None

    @model_validator(mode="after")
    def _excerpts_name_their_original(self) -> Document:
        if self.coverage == "excerpts":
            if self.url is None:
                raise FieldError("url", "an `excerpts` document needs the `url` of its original")
            if self.accessed is None:
                raise FieldError("accessed", "an `excerpts` document needs the date it was read (`accessed`)")
        return self
