"""Read one location file: Where (the location), What (problems), Which (leaves)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .matcher import LeafTerms, TermError, TermIndex
from .model import Group, Leaf, Location
from .schema import GROUP_FIELDS, INHERITABLE, LEAF_FIELDS, LOCATION_FIELDS, LOCATION_FILE_FIELDS
from .validate import check_fields, expect_list, expect_map
from .yamlsrc import LMap, RuleFileError

_DEFAULTS_SPEC = {k: LEAF_FIELDS[k] for k in INHERITABLE}


@dataclass
class Catalogue:
    """Everything read from the location files, in journey order."""

    locations: list[Location] = field(default_factory=list)
    groups: dict[str, Group] = field(default_factory=dict)
    leaves: list[Leaf] = field(default_factory=list)
    terms: list[LeafTerms] = field(default_factory=list)
    location_terms: dict[str, set[int]] = field(default_factory=dict)
    where: dict[str, tuple[str, int]] = field(default_factory=dict)
    # Each category's general job (a leaf tagged ``general``), by category.
    general: dict[str, str] = field(default_factory=dict)


def _terms(index: TermIndex, values, file: str, line: int, thing: bool = False) -> frozenset[int]:
    try:
        terms = frozenset(index.compile(values or ()))
    except TermError as exc:
        raise RuleFileError(file, line, str(exc)) from exc
    if thing:
        index.things.update(t for t in terms if index.lengths[t] > 1)
    return terms


def _defaults(owner: LMap, file: str, what: str) -> dict:
    if "defaults" not in owner:
        return {}
    defaults = owner["defaults"]
    check_fields(defaults, _DEFAULTS_SPEC, file, f"the defaults of {what}", required=False)
    return dict(defaults)


def _claim(cat: Catalogue, kind: str, ident: str, file: str, line: int) -> None:
    key = f"{kind}:{ident}"
    if key in cat.where:
        first_file, first_line = cat.where[key]
        raise RuleFileError(
            file,
            line,
            f"duplicate {kind} id '{ident}' (first defined at {first_file}:{first_line})",
        )
    cat.where[key] = (file, line)


def read_location(doc: object, file: str, cat: Catalogue, index: TermIndex) -> None:
    doc = expect_map(doc, file, "a location file", 1)
    check_fields(doc, LOCATION_FILE_FIELDS, file, "a location file")
    place = doc["location"]
    check_fields(place, LOCATION_FIELDS, file, "the location")
    loc_id = place["id"]
    _claim(cat, "location", loc_id, file, place.lines["id"])
    cat.location_terms[loc_id] = set(_terms(index, place.get("words"), file, place.line))
    base = _defaults(place, file, "the location")
    group_ids = []
    problems = expect_list(doc["problems"], file, "problems", doc.lines["problems"])
    for g_line, group in zip(problems.lines, problems, strict=True):
        group = expect_map(group, file, "a problem", g_line)
        check_fields(group, GROUP_FIELDS, file, "a problem")
        _claim(cat, "problem", group["id"], file, group.lines["id"])
        inherited = {**base, **_defaults(group, file, f"problem '{group['id']}'")}
        objects = _terms(
            index, group.get("objects"), file, group.lines.get("objects", g_line), thing=True
        )
        weak = _terms(
            index,
            group.get("weak_objects"),
            file,
            group.lines.get("weak_objects", g_line),
            thing=True,
        )
        leaf_ids = []
        leaves = group["leaves"]
        for l_line, raw in zip(leaves.lines, leaves, strict=True):
            leaf = _leaf(
                raw, l_line, file, inherited, loc_id, group["id"], cat, index, objects, weak
            )
            leaf_ids.append(leaf.id)
        if not leaf_ids:
            raise RuleFileError(file, group.lines["leaves"], "a problem needs at least one leaf")
        cat.groups[group["id"]] = Group(
            group["id"], group["label"], group["question"], loc_id, tuple(leaf_ids)
        )
        group_ids.append(group["id"])
    cat.locations.append(Location(loc_id, place["label"], tuple(group_ids)))


def _leaf(
    raw: object,
    line: int,
    file: str,
    inherited: dict,
    loc_id: str,
    group_id: str,
    cat: Catalogue,
    index: TermIndex,
    objects,
    weak,
) -> Leaf:
    raw = expect_map(raw, file, "a leaf", line)
    check_fields(raw, LEAF_FIELDS, file, "a leaf", required=False)
    merged = {**inherited, **raw}
    for key, (_, needed, _) in LEAF_FIELDS.items():
        if needed and key not in merged:
            name = raw.get("id", "?")
            raise RuleFileError(
                file,
                raw.line,
                f"leaf '{name}' is missing required '{key}' (set it on the leaf or in defaults)",
            )
    _claim(cat, "leaf", raw["id"], file, raw.lines["id"])
    _check_hazard_policy(merged, raw, file)
    _check_general(cat, merged, raw, file)

    def terms(key: str):
        return _terms(
            index,
            merged.get(key),
            file,
            raw.lines.get(key, raw.line),
            thing=key in ("objects", "weak_objects", "phrases"),
        )

    _check_shrunk_excludes(index, raw, file)
    own = terms("objects") if "objects" in merged else objects
    leaf_terms = LeafTerms(
        own,
        # A leaf's own weak objects count for it alone, beside its problem's.
        (weak if "objects" not in merged else frozenset()) | terms("weak_objects"),
        terms("symptoms"),
        terms("phrases"),
        terms("exclude"),
        loc_id,
    )
    if not (leaf_terms.objects or leaf_terms.symptoms or leaf_terms.phrases):
        raise RuleFileError(
            file,
            raw.line,
            f"leaf '{raw['id']}' has no words to match: "
            "give its problem objects, or it symptoms or phrases",
        )
    cat.terms.append(leaf_terms)
    leaf = Leaf(
        id=raw["id"],
        label=raw["label"],
        location=loc_id,
        group=group_id,
        category=merged["category"],
        priority=merged["priority"],
        trade=merged["trade"],
        hazard=merged["hazard"],
        job_code=merged["job_code"],
        duration_minutes=merged["duration"],
        dispatch=merged["dispatch"],
        eligibility=merged["eligibility"],
        video_helpful=merged["video_helpful"],
        safety_advice=tuple(merged.get("safety_advice", ())),
        self_help=tuple(merged.get("self_help", ())),
        questions=tuple(raw.get("questions", ())),
        tags=frozenset(merged.get("tags", ())),
        order=len(cat.leaves),
    )
    cat.leaves.append(leaf)
    return leaf


def _check_general(cat: Catalogue, merged: dict, raw: LMap, file: str) -> None:
    """A leaf tagged ``general`` is its category's job when the words name none of its
    problems (the learnt ranker's offer or guess): one per category, never an emergency,
    since it is chosen on the ranker's word alone."""
    tags = merged.get("tags") or ()
    if "general" not in tags:
        return
    line = raw.lines.get("tags", raw.line)
    if merged["priority"] == "emergency" or "needs_check" in tags:
        raise RuleFileError(file, line, f"general leaf '{raw['id']}' may not be an emergency")
    category = merged["category"]
    if category in cat.general:
        raise RuleFileError(
            file, line, f"{category} already has a general leaf: '{cat.general[category]}'"
        )
    cat.general[category] = raw["id"]


def _check_hazard_policy(merged: dict, raw: LMap, file: str) -> None:
    """Awaab's Law phase 1 covers every emergency hazard, and only those (rules/README.md).

    Checked here so a reviewer who changes a priority is told to change the hazard too,
    rather than the outcome quietly disagreeing with the file.
    """
    emergency = merged["priority"] == "emergency"
    if emergency != (merged["hazard"] == "awaab_emergency"):
        line = raw.lines.get("hazard", raw.lines.get("priority", raw.line))
        want = "awaab_emergency" if emergency else "awaab_significant or none"
        raise RuleFileError(
            file,
            line,
            f"leaf '{raw['id']}' has priority {merged['priority']}, so its hazard must be {want}",
        )


def _check_shrunk_excludes(index: TermIndex, raw: LMap, file: str) -> None:
    """Refuse an ``exclude`` term that stop words shrink to one word.

    "still warm" reads as plain "warm", so "one radiator cold, the rest are warm" would
    lose its best leaf: the author meant a phrase and got a single word.
    """
    values = raw.get("exclude")
    for i, term in enumerate(values or ()):
        word = index.normaliser.shrunk(term)
        if word is not None:
            raise RuleFileError(
                file,
                values.lines[i],
                f"exclude term '{term}' reads as just '{word}' once stop words are dropped",
            )
