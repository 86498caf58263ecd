"""The rule files' tenant-visible text reaches the Babel catalogue, with its lines."""

import io

from babel.messages.extract import extract

from triage_rules import default_ruleset
from triage_rules.babel_extract import extract_rules
from triage_rules.loader import BUNDLED

GAS_ADVICE = (
    "Call the National Gas Emergency Service on 0800 111 999 from outside. "
    "They are free and open all day, every day."
)


def _messages(name: str) -> list[tuple[int, str, list[str]]]:
    with open(BUNDLED / name, "rb") as handle:
        return [
            (line, message, comments)
            for line, _, message, comments in extract_rules(handle, [], [], {})
        ]


def test_the_gas_safety_advice_is_extracted_with_its_line():
    lines = (BUNDLED / "gas.yaml").read_text(encoding="utf-8").splitlines()
    expected = next(i for i, text in enumerate(lines, 1) if "0800 111 999" in text)
    found = [
        (line, comments)
        for line, message, comments in _messages("gas.yaml")
        if message == GAS_ADVICE
    ]
    assert found == [(expected, ["gas_smell: safety_advice"])]


def test_babel_runs_the_extractor_by_its_dotted_name():
    with open(BUNDLED / "gas.yaml", "rb") as handle:
        out = list(extract("triage_rules.babel_extract.extract_rules", handle))
    assert any(message == GAS_ADVICE for _, message, _, _ in out)


def test_every_string_a_tenant_can_see_is_extracted():
    rules = default_ruleset()
    shown = set()
    for leaf in rules.leaves:
        shown |= {leaf.label, *leaf.safety_advice, *leaf.self_help, *leaf.questions}
    for check in rules.checks:
        shown |= {check.question, check.reason}
    for location, label in rules.locations():
        shown.add(label)
        for problem in rules.problems_at(location):
            shown |= {problem["label"], problem["question"]}
    shown |= {
        rules.settings.location_question,
        rules.settings.problem_question,
        *rules.settings.other_questions,
    }
    extracted = {
        message for path in BUNDLED.glob("*.yaml") for _, message, _ in _messages(path.name)
    }
    assert shown - extracted == set()


def test_ids_words_and_staff_text_stay_out_of_the_catalogue():
    messages = {message for _, message, _ in _messages("vulnerability.yaml")}
    messages |= {message for _, message, _ in _messages("vocabulary.yaml")}
    assert messages == set()
    assert "gas_smell" not in {message for _, message, _ in _messages("gas.yaml")}


def test_a_broken_rule_file_yields_nothing_instead_of_failing_extraction():
    assert list(extract_rules(io.BytesIO(b"label: [unclosed"), [], [], {})) == []
