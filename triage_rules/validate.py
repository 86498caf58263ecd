"""Field-by-field checks of a rule file's mappings, each error naming its line."""

from __future__ import annotations

from .schema import BOOL, FRACTION, INT, LIST, MAP, NUMBER, STR, STR_LIST
from .yamlsrc import LList, LMap, RuleFileError

Spec = dict[str, tuple[str, bool, tuple[str, ...] | None]]


def line_of(value: object, key: str | None = None) -> int | None:
    if isinstance(value, LMap) and key is not None and key in value.lines:
        return value.lines[key]
    return getattr(value, "line", None)


def expect_map(value: object, file: str, what: str, line: int | None) -> LMap:
    if not isinstance(value, LMap):
        raise RuleFileError(
            file, line_of(value) or line, f"{what} must be a mapping of names to values"
        )
    return value


def expect_list(value: object, file: str, what: str, line: int | None) -> LList:
    if not isinstance(value, LList):
        raise RuleFileError(file, line_of(value) or line, f"{what} must be a list")
    return value


def check_fields(mapping: LMap, spec: Spec, file: str, what: str, required: bool = True) -> None:
    """Unknown keys, missing required keys, wrong kinds and values outside the vocabulary."""
    for key in mapping:
        if key not in spec:
            known = ", ".join(sorted(spec))
            raise RuleFileError(
                file, mapping.lines[key], f"unknown key '{key}' in {what} (allowed: {known})"
            )
    if required:
        for key, (_, needed, _) in spec.items():
            if needed and key not in mapping:
                raise RuleFileError(file, mapping.line, f"{what} is missing required '{key}'")
    for key, value in mapping.items():
        kind, _, allowed = spec[key]
        check_value(value, kind, allowed, file, mapping.lines[key], key)


def check_value(
    value: object, kind: str, allowed: tuple[str, ...] | None, file: str, line: int, key: str
) -> None:
    ok = {
        STR: isinstance(value, str) and value.strip() != "",
        INT: isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        BOOL: isinstance(value, bool),
        STR_LIST: isinstance(value, LList) and all(isinstance(v, str) and v.strip() for v in value),
        MAP: isinstance(value, LMap),
        LIST: isinstance(value, LList),
        FRACTION: _number(value) and 0 <= value <= 1,  # type: ignore[operator]
        NUMBER: _number(value) and 0 <= value <= 10,  # type: ignore[operator]
    }[kind]
    if not ok:
        article = "a " if kind in (STR, INT, MAP, LIST, FRACTION, NUMBER) else ""
        if kind == INT:
            article = "a non-negative "
        raise RuleFileError(file, line, f"{key} must be {article}{kind} (got {value!r})")
    if allowed is None:
        return
    values = value if kind == STR_LIST else [value]
    for i, item in enumerate(values):
        if item not in allowed:
            where = value.lines[i] if kind == STR_LIST else line
            raise RuleFileError(
                file, where, f"{key} must be one of {', '.join(allowed)} (got '{item}')"
            )


def _number(value: object) -> bool:
    return isinstance(value, float | int) and not isinstance(value, bool)
