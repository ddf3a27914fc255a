"""JSON Schemas and the field reference, generated from the models: never edit them by hand."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .locations import IN_CHECKOUT
from .models import DataFile, Document
from .safe_write import Folder

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
FIELDS_DOC = Path(__file__).resolve().parent.parent / "docs" / "fields.md"
SCHEMAS = {"data.schema.json": DataFile, "document.schema.json": Document}
SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_MARK = f'"$schema": "{SCHEMA_URL}"'
FIELDS_HEADER = "# Data fields\n\nGenerated from `estimates/models.py` by `python -m estimates schema`; do not edit."


def json_schema(model: type[BaseModel]) -> str:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = SCHEMA_URL
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _type_of(spec: dict) -> str:
    if "$ref" in spec:
        return spec["$ref"].rsplit("/", 1)[-1]
    if "enum" in spec:
        return " \\| ".join(f"`{v}`" for v in spec["enum"])
    if "const" in spec:
        return f"`{spec['const']}`"
    if "anyOf" in spec:
        return " or ".join(_type_of(s) for s in spec["anyOf"] if s.get("type") != "null")
    if spec.get("type") == "array":
        return f"list of {_type_of(spec.get('items', {}))}"
    return spec.get("type", "any")


def fields_markdown() -> str:
    lines = [*FIELDS_HEADER.split("\n"), ""]
    for model in (DataFile, Document):
        schema = model.model_json_schema(mode="validation")
        definitions = {model.__name__: schema, **schema.get("$defs", {})}
        for name, definition in definitions.items():
            if "properties" not in definition:
                continue
            required = set(definition.get("required", []))
            lines += [f"## {name}", "", (definition.get("description") or "").strip(), "",
                      "| field | type | required | description |", "|---|---|---|---|"]
            for field, spec in definition["properties"].items():
                description = (spec.get("description") or "").replace("\n", " ").replace("|", "\\|")
                lines.append(f"| `{field}` | {_type_of(spec)} | {'yes' if field in required else ''} | {description} |")
            lines.append("")
    return "\n".join(lines)


def generated() -> dict[Path, str]:
    files = {SCHEMA_DIR / name: json_schema(model) for name, model in SCHEMAS.items()}
    if IN_CHECKOUT:  # an installed package has no docs/ to keep in step
        files[FIELDS_DOC] = fields_markdown()
    return files


def _generated_here(old: bytes) -> bool:
    """Whether a file looks like one this module wrote (so `schema` may replace it without --force)."""
    return old.startswith(FIELDS_HEADER.encode()) or (old.startswith(b"{") and SCHEMA_MARK.encode() in old)


def write(force: bool = False) -> list[Path]:
    """Write the files that changed, each in its own folder only, through the safe writer: a
    file that does not look generated is replaced only with `force`."""
    written = []
    for path, text in generated().items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            Folder(path.parent, force=force).write(path.name, text.encode("utf-8"), replaceable=_generated_here)
            written.append(path)
    return written


def stale() -> list[Path]:
    return [p for p, text in generated().items() if not p.exists() or p.read_text(encoding="utf-8") != text]
