"""The dataset as loaded: valid records by kind, where each was read, and the problems found.
Built by `dataset.load`; read by the rules, the frame and the exports."""

from __future__ import annotations

from dataclasses import dataclass, field

from .documents import ArchivedDocument
from .models import Admission, Estimate, Estimator, Scope
from .problems import Problem

_RECORD_LISTS = ("estimates", "admissions")


@dataclass(frozen=True)
class Origin:
    """Where a record was read: its file, its place in the file's list, and its line."""

    file: str
    key: str
    index: int
    line: int
    column: int


@dataclass
class Dataset:
    estimators: dict[str, Estimator] = field(default_factory=dict)
    scopes: dict[str, Scope] = field(default_factory=dict)
    estimates: list[Estimate] = field(default_factory=list)
    admissions: list[Admission] = field(default_factory=list)
    documents: dict[str, ArchivedDocument] = field(default_factory=dict)
    broken_documents: dict[str, str] = field(default_factory=dict)  # id -> why it cannot be used
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)  # (list name, id) -> where
    problems: list[Problem] = field(default_factory=list)
    version: str = ""
    files: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def records(self) -> list[Estimate | Admission]:
        return [*self.estimates, *self.admissions]

    def add(self, key: str, item: Estimator | Scope | Estimate | Admission, origin: Origin) -> None:
        """Keep a valid item, read at `origin` (its id is free: see rules.taken_id)."""
        self.origins[(key, item.id)] = origin
        if key in ("estimators", "scopes"):
            getattr(self, key)[item.id] = item
        else:
            getattr(self, key).append(item)
