"""Load a folder of rule files into a ready-to-run RuleSet, or refuse it with a reason.

Every file is read once, checked, and compiled into lookup tables here, so classifying
a description never touches YAML again. The version is a hash of every file's bytes:
any edit, even to a comment, gives a new version for the audit trail.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from .catalogue import Catalogue, read_location
from .engine import RuleSet
from .matcher import TermError, TermIndex
from .model import EmergencyCheck, Pattern, Settings, VulnerabilityRule
from .ranker import FILE as RANKER_FILE
from .ranker import read_ranker
from .safety_net import Net, SafetyNet, said_pattern
from .schema import (
    EMERGENCY_CHECK_FIELDS,
    PATTERN_FIELDS,
    SAFETY_NET_FIELDS,
    SAFETY_NET_FILE_FIELDS,
    STR,
    STR_LIST,
    VULNERABILITIES,
    VULNERABILITY_FILE_FIELDS,
    VULNERABILITY_RULE_FIELDS,
)
from .settings import read_settings
from .text import Normaliser, clean
from .validate import check_fields, check_value, expect_list, expect_map
from .vulnerability import TextCues
from .yamlsrc import LMap, RuleFileError, read_yaml

BUNDLED = Path(__file__).resolve().parent / "rules"
SPECIAL = (
    "settings.yaml",
    "vocabulary.yaml",
    "known_words.yaml",
    "emergency.yaml",
    "vulnerability.yaml",
)
# Optional: a rules folder without it runs with no safety net.
OPTIONAL = ("safety_net.yaml",)


def load_ruleset(path: str | Path | None = None) -> RuleSet:
    """Read and check every ``*.yaml`` in ``path`` (default: the bundled rules)."""
    root = Path(path).resolve() if path is not None else BUNDLED
    if not root.is_dir():
        raise RuleFileError(str(path), None, "no such rules folder")

    def shown(p: Path) -> str:
        return f"rules/{p.name}" if root == BUNDLED else str(p)

    docs: dict[str, tuple[object, str]] = {}
    digest = hashlib.sha256()
    for file in sorted(root.glob("*.yaml")):
        doc, raw = read_yaml(file, shown(file))
        docs[file.name] = (doc, shown(file))
        digest.update(file.name.encode() + b"\0" + raw + b"\0")
    for name in SPECIAL:
        if name not in docs:
            raise RuleFileError(shown(root / name), None, "this rule file is missing")

    settings, order, override_lines = read_settings(*docs["settings.yaml"])
    normaliser, concepts = _vocabulary(docs["vocabulary.yaml"], docs["known_words.yaml"])
    index = TermIndex(normaliser, concepts)
    catalogue = Catalogue()
    location_files = {n: d for n, d in docs.items() if n not in SPECIAL + OPTIONAL}
    for name, line in order:
        if f"{name}.yaml" not in location_files:
            raise RuleFileError(
                docs["settings.yaml"][1], line, f"location file '{name}.yaml' does not exist"
            )
        read_location(*location_files.pop(f"{name}.yaml"), catalogue, index)
    for name, (_, file) in location_files.items():
        raise RuleFileError(file, None, f"'{name}' is not listed under locations in settings.yaml")
    leaf_ids = {leaf.id for leaf in catalogue.leaves}
    for leaf_id, line in override_lines.items():
        if leaf_id not in leaf_ids:
            raise RuleFileError(
                docs["settings.yaml"][1], line, f"job_code_overrides names unknown leaf '{leaf_id}'"
            )
    leaves = {leaf.id: leaf for leaf in catalogue.leaves}
    checks = _emergency_checks(*docs["emergency.yaml"], index, leaves)
    rules, cues = _vulnerability_rules(*docs["vulnerability.yaml"], index)
    net = (
        _safety_net(*docs["safety_net.yaml"], index, checks)
        if "safety_net.yaml" in docs
        else SafetyNet()
    )
    ranker = _ranker(root, shown(root / RANKER_FILE), catalogue, digest)
    if "negatable" in concepts:
        index.negatable = frozenset(index.compile(["@negatable"]))
    if "other_things" in concepts:
        # Names of things no leaf is about ("top floor" is a storey, not a floor to
        # mend): inside one, "floor" does not vote for a leaf on its own.
        other = index.compile(["@other_things"])
        index.things.update(t for t in other if index.lengths[t] > 1)
    normaliser.set_vocabulary(index.surface, uses=index.surface)
    index.freeze()
    version = "sha256:" + digest.hexdigest()[:16]
    return RuleSet(version, settings, catalogue, index, checks, rules, cues, net, ranker)


def _ranker(root: Path, shown: str, catalogue: Catalogue, digest):
    """The learnt ranker of the folder, if it has one; its bytes join the version.

    A category's usual leaf is offered on the ranker's word alone, so it may not be an
    emergency or a leaf only an emergency check may declare.
    """
    leaves = {leaf.id: leaf for leaf in catalogue.leaves}
    found = read_ranker(root, shown, leaves)
    if found is None:
        return None
    ranker, raw = found
    digest.update(RANKER_FILE.encode() + b"\0" + raw + b"\0")
    for category, leaf_id in ranker.usual_leaf.items():
        leaf = leaves[leaf_id]
        if leaf.category != category or leaf.priority == "emergency" or "needs_check" in leaf.tags:
            raise RuleFileError(
                shown,
                None,
                f"usual leaf '{leaf_id}' of {category} must be of that category and not an "
                "emergency",
            )
    return ranker


@lru_cache(maxsize=1)
def default_ruleset() -> RuleSet:
    """The bundled rules, loaded once per process."""
    return load_ruleset()


def _vocabulary(vocab_doc, known_doc) -> tuple[Normaliser, dict[str, list[str]]]:
    doc, file = vocab_doc
    doc = expect_map(doc, file, "the vocabulary file", 1)
    allowed = {"spellings", "stopwords", "concepts", "whole_words"}
    for key in doc:
        if key not in allowed:
            raise RuleFileError(
                file,
                doc.lines[key],
                f"unknown key '{key}' in the vocabulary (allowed: {', '.join(sorted(allowed))})",
            )
    spellings = expect_map(doc.get("spellings", LMap()), file, "spellings", doc.line)
    for key, value in spellings.items():
        if not isinstance(value, str) or not value.strip():
            raise RuleFileError(
                file, spellings.lines[key], f"spelling '{key}' must map to text (got {value!r})"
            )
    stopwords = expect_list(doc.get("stopwords"), file, "stopwords", doc.line)
    concepts = expect_map(doc.get("concepts", LMap()), file, "concepts", doc.line)
    for key, value in concepts.items():
        expect_list(value, file, f"concept '{key}'", concepts.lines[key])
    known, known_file = known_doc
    known = expect_map(known, known_file, "the known words file", 1)
    if not isinstance(known.get("words"), str):
        raise RuleFileError(known_file, known.line, "known words need a 'words' text block")
    whole = expect_list(doc.get("whole_words", []), file, "whole_words", doc.line)
    normaliser = Normaliser(
        {str(k): v for k, v in spellings.items()},
        (str(w) for w in stopwords),
        [*known["words"].split(), *(str(w).lower() for w in whole)],
    )
    for key, value in concepts.items():
        _refuse_shrunk(value, normaliser, file, f"concept '{key}' term", concepts.lines[key])
    return normaliser, {k: list(v) for k, v in concepts.items()}


def _emergency_checks(doc, file, index: TermIndex, leaves) -> tuple[EmergencyCheck, ...]:
    doc = expect_map(doc, file, "the emergency file", 1)
    items = expect_list(doc.get("checks"), file, "checks", doc.line)
    checks, seen = [], set()
    for line, item in zip(items.lines, items, strict=True):
        item = expect_map(item, file, "a check", line)
        check_fields(item, EMERGENCY_CHECK_FIELDS, file, "an emergency check")
        if item["id"] in seen:
            raise RuleFileError(file, item.lines["id"], f"duplicate check id '{item['id']}'")
        seen.add(item["id"])
        if item["leaf"] not in leaves:
            raise RuleFileError(file, item.lines["leaf"], f"unknown leaf '{item['leaf']}'")
        also = tuple(item.get("also_leaves", ()))
        _check_also(also, leaves, leaves[item["leaf"]], file, item.lines.get("also_leaves"))
        patterns = []
        for p_line, pattern in zip(item["detect"].lines, item["detect"], strict=True):
            patterns.append(_pattern(pattern, p_line, file, index))
        checks.append(
            EmergencyCheck(
                item["id"],
                item["question"],
                item["leaf"],
                item["reason"],
                tuple(patterns),
                frozenset(item.get("ask_for", ())),
                also,
                bool(item.get("any_subject", False)),
            )
        )
    return tuple(checks)


def _check_also(also, leaves, own, file, line) -> None:
    """Another category's job for the same emergency: an emergency of another category."""
    categories = {own.category}
    for leaf_id in also:
        leaf = leaves.get(leaf_id)
        if leaf is None:
            raise RuleFileError(file, line, f"unknown leaf '{leaf_id}' in also_leaves")
        if leaf.priority != "emergency" or leaf.category in categories:
            raise RuleFileError(
                file,
                line,
                f"also_leaves: '{leaf_id}' must be an emergency of a category of its own",
            )
        categories.add(leaf.category)


def _safety_net(doc, file, index: TermIndex, checks) -> SafetyNet:
    doc = expect_map(doc, file, "the safety net file", 1)
    check_fields(doc, SAFETY_NET_FILE_FIELDS, file, "the safety net file")
    questions = {c.id: c.question for c in checks}
    items = doc["nets"]
    nets, seen = [], set()
    for line, item in zip(items.lines, items, strict=True):
        item = expect_map(item, file, "a net", line)
        check_fields(item, SAFETY_NET_FIELDS, file, "a safety net")
        if item["id"] in seen:
            raise RuleFileError(file, item.lines["id"], f"duplicate net id '{item['id']}'")
        seen.add(item["id"])
        ask = item.get("ask")
        if ask is not None and ask not in questions:
            # The question is an emergency check's own, so no new text needs translating.
            raise RuleFileError(file, item.lines["ask"], f"unknown emergency check '{ask}'")
        patterns = tuple(
            _pattern(p, p_line, file, index)
            for p_line, p in zip(item["detect"].lines, item["detect"], strict=True)
        )
        nets.append(
            Net(
                item["id"],
                item["description"],
                ask,
                questions.get(ask) if ask else None,
                patterns,
                said_pattern(clean(t) for t in item.get("unless_said", ())),
            )
        )
    return SafetyNet(
        tuple(nets), frozenset(doc["raise_from"]), doc["reason_prefix"], doc["enabled"]
    )


def _pattern(raw, line: int, file: str, index: TermIndex) -> Pattern:
    raw = expect_map(raw, file, "a detect pattern", line)
    check_fields(raw, PATTERN_FIELDS, file, "a detect pattern")
    slots = []
    try:
        for s_line, slot in zip(raw["all"].lines, raw["all"], strict=True):
            terms = [slot] if isinstance(slot, str) else expect_list(slot, file, "a slot", s_line)
            slots.append(frozenset(index.compile(terms)))
            _refuse_shrunk(terms, index.normaliser, file, "a detect term", s_line)
        unless = frozenset(index.compile(raw.get("unless", ())))
        anywhere = frozenset(index.compile(raw.get("unless_anywhere", ())))
    except TermError as exc:
        raise RuleFileError(file, raw.line, str(exc)) from exc
    for key in ("unless", "unless_anywhere"):
        _check_unless(raw, key, file, index)
    if not slots:
        raise RuleFileError(file, raw.line, "a detect pattern needs at least one slot in 'all'")
    return Pattern(
        tuple(slots),
        raw.get("window"),
        unless,
        anywhere,
        raw.get("unless_window", raw.get("window")),
    )


def _check_unless(raw, key: str, file: str, index: TermIndex) -> None:
    """Refuse an ``unless`` term that stop words shrink to a single word.

    "other sockets" reads as plain "socket", so it would cancel the check whenever any
    socket is named: a quiet loss of emergencies that no reviewer would spot.
    """
    terms = raw.get(key)
    if terms is not None:
        _refuse_shrunk(terms, index.normaliser, file, f"{key} term", raw.line)


def _refuse_shrunk(terms, normaliser: Normaliser, file: str, what: str, line: int) -> None:
    """Refuse a term of several words that stop words shrink to one (see Normaliser.shrunk)."""
    for i, term in enumerate(terms):
        word = normaliser.shrunk(term) if isinstance(term, str) else None
        if word is not None:
            raise RuleFileError(
                file,
                terms.lines[i] if hasattr(terms, "lines") else line,
                f"{what} '{term}' reads as just '{word}' once stop words are dropped; "
                "write the word alone or a longer phrase",
            )


def _vulnerability_rules(doc, file, index: TermIndex):
    doc = expect_map(doc, file, "the vulnerability file", 1)
    check_fields(doc, VULNERABILITY_FILE_FIELDS, file, "the vulnerability file")
    cue_map = expect_map(doc.get("cues", LMap()), file, "cues", doc.line)
    cues = {}
    for name, terms in cue_map.items():
        check_value(name, STR, VULNERABILITIES, file, cue_map.lines[name], "a cue's vulnerability")
        check_value(terms, STR_LIST, None, file, cue_map.lines[name], name)
        try:
            cues[name] = frozenset(index.compile(terms))
            _refuse_shrunk(terms, index.normaliser, file, f"{name} cue", cue_map.lines[name])
        except TermError as exc:
            raise RuleFileError(file, cue_map.lines[name], str(exc)) from exc
    items = doc["rules"]
    rules = []
    for line, item in zip(items.lines, items, strict=True):
        item = expect_map(item, file, "a rule", line)
        check_fields(item, VULNERABILITY_RULE_FIELDS, file, "a vulnerability rule")
        if "tags" not in item and "categories" not in item:
            raise RuleFileError(file, item.line, "a rule needs tags or categories to apply to")
        if "priority" not in item and "hazard" not in item:
            raise RuleFileError(file, item.line, "a rule needs a priority or hazard to set")
        rules.append(
            VulnerabilityRule(
                item["id"],
                item["description"],
                frozenset(item["vulnerabilities"]),
                frozenset(item.get("tags", ())),
                frozenset(item.get("categories", ())),
                item.get("priority"),
                item.get("hazard"),
            )
        )
    return tuple(rules), TextCues(cues, doc.get("elderly_age", 70))


__all__ = ["BUNDLED", "RuleFileError", "Settings", "default_ruleset", "load_ruleset"]
