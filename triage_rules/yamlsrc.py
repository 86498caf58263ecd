"""Read a YAML rule file into plain values that remember the line they came from.

PyYAML's constructors drop source positions, so an error found later (a wrong priority,
an unknown key) could not name its line. Composing the node tree keeps every node's
start mark; this module turns that tree into dicts and lists that carry the lines.
"""

from __future__ import annotations

from pathlib import Path

import yaml

try:  # the C parser is several times faster; the pure one gives the same marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class RuleFileError(ValueError):
    """A rule file that cannot be used, with the file and 1-based line to fix."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file, self.line, self.message = str(file), line, message
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {message}")


class LMap(dict):
    """A mapping with the line of the mapping and of each key."""

    line: int
    lines: dict[str, int]


class LList(list):
    """A sequence with the line of the sequence and of each item."""

    line: int
    lines: list[int]


_SCALARS = yaml.constructor.SafeConstructor()
# YAML 1.1 reads yes/no/on/off as booleans; staff writing a term such as "no" mean the
# word, so only true/false are booleans here.
_BOOL_WORDS = {"true": True, "false": False}


def _value(node: yaml.Node, file: str):
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = LMap()
        out.line, out.lines = line, {}
        for key_node, value_node in node.value:
            key = _value(key_node, file)
            if not isinstance(key, str):
                raise RuleFileError(file, key_node.start_mark.line + 1, "keys must be text")
            if key in out:
                raise RuleFileError(file, key_node.start_mark.line + 1, f"duplicate key '{key}'")
            out[key] = _value(value_node, file)
            out.lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = LList(_value(item, file) for item in node.value)
        seq.line, seq.lines = line, [item.start_mark.line + 1 for item in node.value]
        return seq
    if node.tag == "tag:yaml.org,2002:bool":
        return _BOOL_WORDS.get(node.value.lower(), node.value)
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:null"):
        return _SCALARS.construct_object(node)
    return str(node.value)


def read_yaml(path: Path, display: str) -> tuple[object, bytes]:
    """The file's located values and its raw bytes (for the rule-set version)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleFileError(display, None, f"cannot read the file ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RuleFileError(display, line, "the file is not UTF-8 text") from exc
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise RuleFileError(display, line, f"YAML syntax error: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise RuleFileError(display, None, f"YAML error: {exc}") from exc
    if node is None:
        raise RuleFileError(display, 1, "the file is empty")
    return _value(node, display), raw
