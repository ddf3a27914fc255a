"""Turn pydantic's errors into Problems that name file, line, column and field."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .problems import Problem
from .yamlfile import YamlFile

M = TypeVar("M", bound=BaseModel)

_HINTS = {
    "extra_forbidden": "unknown field: check its spelling against the schema (docs/fields.md)",
    "missing": "required field is missing: add it",
}


class FieldError(ValueError):
    """A rule spanning fields, raised from a model validator, that names the field to blame."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind in _HINTS:
        return _HINTS[kind]
    if kind == "value_error":
        return str(error["ctx"]["error"])
    message = error["msg"]
    value = error.get("input")
    if kind == "finite_number":
        return f"must be a finite number (got {value!r}): write the figure in digits, e.g. 10000"
    if isinstance(value, str) and kind.startswith(("float", "int")) and any(c in value for c in ",. _"):
        message += f" (got {value!r}): write digits only, e.g. 10000"
    elif kind in {"string_type", "float_type", "int_type", "list_type", "dict_type", "model_type", "bool_type"}:
        message += f" (got {type(value).__name__} {_short(value)})"
    elif kind == "literal_error":
        message += f" (got {_short(value)})"
    return message


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def error_loc(error: dict[str, Any]) -> tuple[str | int, ...]:
    loc = tuple(error["loc"])
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, FieldError):
        loc += (cause.field,)
    return loc


def field_name(data: Any, loc: tuple[str | int, ...]) -> str:
    """`estimates.3.low` -> `killed-nis-2025-01.low`: records are named by their id."""
    parts: list[str] = []
    node = data
    for i, key in enumerate(loc):
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            record_id = node.get("id") if isinstance(node, dict) else None
            if i == 1 and isinstance(record_id, str) and record_id:
                parts = [record_id]
            else:
                parts[-1:] = [f"{parts[-1]}[{key}]"] if parts else [f"[{key}]"]
            continue
        parts.append(str(key))
        node = node.get(key) if isinstance(node, dict) else None
    return ".".join(parts)


def problems_from(error: ValidationError, yfile: YamlFile, shown: str, prefix: tuple = ()) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = prefix + error_loc(detail)
        line, column = yfile.position(loc)
        problems.append(Problem(shown, line, column, field_name(yfile.data, loc), _message(detail)))
    return problems


def validate_model(model: type[M], yfile: YamlFile, shown: str) -> tuple[M | None, list[Problem]]:
    if not isinstance(yfile.data, dict):
        return None, [Problem(shown, 1, 1, "", f"expected a mapping of fields at the top of the file, got {type(yfile.data).__name__}")]
    try:
        return model.model_validate(yfile.data), []
    except ValidationError as error:
        return None, problems_from(error, yfile, shown)
