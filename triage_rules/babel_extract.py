"""Babel extraction of the tenant-visible text in the rule files.

Housing staff write labels, questions, safety advice and self-help in the rule files as
plain English; the app shows them through ``gettext``, so they must reach the catalogue
like any ``_()`` string. ``babel.cfg`` maps the rule files to this function:

    [triage_rules.babel_extract.extract_rules: triage_rules/rules/**.yaml]

Only the keys below are tenant-visible; ids, words, job codes and staff-only text
(a vulnerability rule's description) stay out of the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

try:  # the C parser is several times faster; both give the same marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# Every string under these keys, however deep (settings.yaml nests its questions).
TENANT_KEYS = frozenset({"label", "question", "questions", "safety_advice", "self_help", "reason"})


def extract_rules(
    fileobj, keywords, comment_tags, options
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Yield ``(lineno, funcname, message, comments)`` for each tenant-visible string.

    A file that is not valid YAML yields nothing: the rule loader reports it with its
    line when the app starts, and extraction should not hide that behind a traceback.
    """
    raw = fileobj.read()
    text = raw.decode(options.get("encoding", "utf-8")) if isinstance(raw, bytes) else raw
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return
    if root is not None:
        yield from _walk(root, None, "")


def _walk(
    node: yaml.Node, key: str | None, owner: str
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    if isinstance(node, yaml.MappingNode):
        ident = next(
            (v.value for k, v in node.value if k.value == "id" and isinstance(v, yaml.ScalarNode)),
            owner,
        )
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            inner = key if key in TENANT_KEYS else name
            yield from _walk(value_node, inner, ident)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, key, owner)
    elif key in TENANT_KEYS and node.tag == "tag:yaml.org,2002:str" and node.value.strip():
        # The comment tells translators where the text shows, e.g. "gas_smell:
        # safety_advice" is read out to someone who can smell gas.
        where = f"{owner}: {key}" if owner else key
        yield node.start_mark.line + 1, None, node.value, [where]
