"""Request fields, declared once: the OpenAPI document is built from them and every
request is read through them, so the document and the server cannot disagree.

Each field gives its JSON Schema and reads a value either from a query string (text) or
from a JSON body (typed), refusing anything its schema would refuse. Patterns are written
so that ECMA-262 (what clients validate with) and Python read them alike.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

# Machine identifiers: printable ASCII, no spaces (so nothing is lost to trimming).
IDENTIFIER = "^[!-~]+$"
# Free text: anything but control characters (tabs and line breaks are fine).
FREE_TEXT = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$"
_INTEGER = re.compile(r"-?[0-9]{1,18}")
_NUMBER = re.compile(r"-?[0-9]{1,40}(\.[0-9]{1,40})?([eE][+-]?[0-9]{1,4})?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MOMENT = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([0-9]{2}:[0-9]{2}:[0-9]{2})(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)
ABSENT = object()


class Invalid(ValueError):
    """A value its field refuses; the message says what would be accepted."""


@dataclass(frozen=True, kw_only=True)
class Field:
    name: str
    description: str
    required: bool = False
    default: Any = None
    example: Any = None

    def schema(self) -> dict:
        schema = self._schema()
        if self.default is not None:
            schema["default"] = self.default
        if self.example is not None:
            schema["example"] = self.example
        return schema

    def _schema(self) -> dict:
        raise NotImplementedError

    def from_query(self, raw: str) -> Any:
        return self.from_json(raw)

    def from_json(self, value: Any) -> Any:
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class Text(Field):
    pattern: str = FREE_TEXT
    min_length: int = 0
    max_length: int = 80

    def _schema(self) -> dict:
        schema = {"type": "string", "pattern": self.pattern, "maxLength": self.max_length}
        if self.min_length:
            schema["minLength"] = self.min_length
        return schema

    def from_json(self, value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid("must be a string")
        if not self.min_length <= len(value) <= self.max_length:
            raise Invalid(f"must be {self.min_length} to {self.max_length} characters")
        if not re.fullmatch(self.pattern, value):
            raise Invalid(f"must match {self.pattern}")
        return value


@dataclass(frozen=True, kw_only=True)
class Choice(Field):
    values: Sequence[str] = ()

    def _schema(self) -> dict:
        return {"type": "string", "enum": list(self.values)}

    def from_json(self, value: Any) -> str:
        if not isinstance(value, str) or value not in self.values:
            raise Invalid("must be one of " + ", ".join(self.values))
        return value


@dataclass(frozen=True, kw_only=True)
class Integer(Field):
    low: int
    high: int

    def _schema(self) -> dict:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}

    def from_query(self, raw: str) -> int:
        if not _INTEGER.fullmatch(raw):
            raise Invalid("must be a whole number")
        return self.from_json(int(raw))

    def from_json(self, value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise Invalid("must be a whole number")
        if not self.low <= value <= self.high:
            raise Invalid(f"must be from {self.low} to {self.high}")
        return value


@dataclass(frozen=True, kw_only=True)
class Number(Field):
    low: float
    high: float

    def _schema(self) -> dict:
        return {"type": "number", "minimum": self.low, "maximum": self.high}

    def from_query(self, raw: str) -> float:
        if not _NUMBER.fullmatch(raw):
            raise Invalid("must be a number")
        return self.from_json(float(raw))

    def from_json(self, value: Any) -> float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise Invalid("must be a number")
        if not math.isfinite(value) or not self.low <= value <= self.high:
            raise Invalid(f"must be from {self.low:g} to {self.high:g}")
        return float(value)


@dataclass(frozen=True, kw_only=True)
class Day(Field):
    def _schema(self) -> dict:
        return {"type": "string", "format": "date"}

    def from_json(self, value: Any) -> date:
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            raise Invalid("must be a date like 2026-12-01")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise Invalid("must be a date like 2026-12-01") from None


@dataclass(frozen=True, kw_only=True)
class Moment(Field):
    """An RFC 3339 date-time: the offset is required, so the moment is unambiguous."""

    def _schema(self) -> dict:
        return {"type": "string", "format": "date-time"}

    def from_json(self, value: Any) -> datetime:
        found = _MOMENT.fullmatch(value) if isinstance(value, str) else None
        if not found:
            raise Invalid("must be a time with its offset, like 2026-12-01T09:30:00Z")
        day, clock, fraction, offset = found.groups()
        fraction = (fraction or "")[:7]  # Python keeps microseconds
        offset = "+00:00" if offset in "Zz" else offset
        try:
            return datetime.fromisoformat(f"{day}T{clock}{fraction}{offset}")
        except ValueError:
            raise Invalid("must be a real time, like 2026-12-01T09:30:00Z") from None


@dataclass(frozen=True, kw_only=True)
class Listed(Field):
    """Several of a choice: comma-separated in a query (form style), an array in JSON."""

    values: Sequence[str] = ()

    def _schema(self) -> dict:
        return {"type": "array", "items": {"type": "string", "enum": list(self.values)}}

    def from_query(self, raw: str) -> list[str]:
        return self.from_json(raw.split(",") if raw else [])

    def from_json(self, value: Any) -> list[str]:
        if not isinstance(value, list) or any(item not in self.values for item in value):
            raise Invalid("use " + ", ".join(self.values))
        return value


@dataclass(frozen=True, kw_only=True)
class Array(Field):
    """A JSON array of short names (not from a fixed list): patches, say."""

    max_items: int = 20
    max_length: int = 40

    def _schema(self) -> dict:
        item = {
            "type": "string",
            "minLength": 1,
            "maxLength": self.max_length,
            "pattern": IDENTIFIER,
        }
        return {"type": "array", "maxItems": self.max_items, "items": item}

    def from_json(self, value: Any) -> list[str]:
        if not isinstance(value, list) or len(value) > self.max_items:
            raise Invalid(f"must be a list of at most {self.max_items} names")
        for item in value:
            if not isinstance(item, str) or not 1 <= len(item) <= self.max_length:
                raise Invalid(f"each name must be 1 to {self.max_length} characters")
            if not re.fullmatch(IDENTIFIER, item):
                raise Invalid("names are printable characters without spaces")
        return value


@dataclass(frozen=True, kw_only=True)
class Boolean(Field):
    def _schema(self) -> dict:
        return {"type": "boolean"}

    def from_query(self, raw: str) -> bool:
        if raw not in ("true", "false"):
            raise Invalid("must be true or false")
        return raw == "true"

    def from_json(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise Invalid("must be true or false")
        return value


def read(fields: Sequence[Field], source: Mapping, *, query: bool) -> tuple[dict, dict]:
    """The values of ``fields`` in ``source`` (defaults filled in), and an error per field."""
    values, errors = {}, {}
    for field in fields:
        raw = source.get(field.name, ABSENT)
        if raw is ABSENT:
            if field.required:
                errors[field.name] = "is required"
            values[field.name] = field.default
            continue
        try:
            values[field.name] = field.from_query(raw) if query else field.from_json(raw)
        except Invalid as error:
            errors[field.name] = str(error)
            values[field.name] = field.default
    return values, errors


def query_parameter(field: Field) -> dict:
    parameter = {
        "name": field.name,
        "in": "query",
        "required": field.required,
        "description": field.description,
        "schema": field.schema(),
    }
    if isinstance(field, Listed):
        parameter.update(style="form", explode=False)
    return parameter


def object_schema(fields: Sequence[Field], **extra) -> dict:
    """A JSON body of these fields and no others."""
    schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {f.name: {**f.schema(), "description": f.description} for f in fields},
        **extra,
    }
    required = [f.name for f in fields if f.required]
    if required:
        schema["required"] = required
    return schema
