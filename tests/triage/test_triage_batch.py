"""The batch command, exactly as shared/contracts/triage.md specifies it."""

import json
import subprocess
import sys
from pathlib import Path

from tests.triage.contract import assert_contract
from tests.triage.rule_files import replace_in
from triage_rules import default_ruleset

ROOT = Path(__file__).parents[2]


def run(stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "triage_rules", "classify"],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def test_one_output_line_per_input_line_in_order():
    lines = [
        {"text": "I can smell gas"},
        {"text": "bath blocked", "vulnerabilities": []},
        {"text": "no heating", "vulnerabilities": ["elderly"]},
        {"text": ""},
    ]
    done = run("".join(json.dumps(x) + "\n" for x in lines))
    assert done.returncode == 0
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == 4
    for o in out:
        assert_contract(o)
    assert out[0]["category"] == "gas" and out[0]["priority"] == "emergency"
    assert out[1]["category"] == "drainage"
    assert out[2]["priority"] == "emergency"
    assert out[3]["category"] == "other" and out[3]["problem"] is None and out[3]["questions"]
    assert out[3]["candidates"] == [] and out[3]["uncertain"] is True


def test_candidates_and_uncertain_are_the_engine_s_own():
    lines = [
        {"text": "black marks on the wall above the gas fire and I keep getting headaches"},
        {"text": "boiler broken, no heating since yesterday", "vulnerabilities": ["infant"]},
        {"text": "kitchen cupboard hinge broken, gate latch loose and the bath is blocked"},
    ]
    done = run("".join(json.dumps(x) + "\n" for x in lines))
    out = [json.loads(line) for line in done.stdout.splitlines()]
    rules = default_ruleset()
    for line, answer in zip(lines, out, strict=True):
        outcome = rules.classify(line["text"], line.get("vulnerabilities", []))
        assert answer["candidates"] == [c.to_dict() for c in outcome.candidates]
        assert answer["uncertain"] == outcome.uncertain
    assert out[0]["candidates"][-1] == {
        "problem": "gas_co_alarm",
        "category": "gas",
        "priority": "emergency",
        "score": 0.0,
    }
    assert any(c["priority"] == "emergency" for c in out[1]["candidates"])
    assert out[2]["uncertain"] is True


def test_lines_that_cannot_be_parsed_get_an_error_line_and_the_command_exits_0():
    stdin = 'not json\n[1, 2]\n{"text": 5}\n'
    stdin += '{"text": "x", "vulnerabilities": "elderly"}\n\n'
    stdin += json.dumps({"text": "toilet blocked"}) + "\n"
    done = run(stdin)
    assert done.returncode == 0
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == 6
    assert all(list(o) == ["error"] for o in out[:5])
    assert out[5]["category"] == "drainage"


def test_non_utf8_bytes_do_not_stop_the_batch():
    done = subprocess.run(
        [sys.executable, "-m", "triage_rules", "classify"],
        input=b'{"text": "sink \xff blocked"}\n',
        capture_output=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["category"] == "drainage"


def test_usage_errors_exit_non_zero():
    done = subprocess.run(
        [sys.executable, "-m", "triage_rules"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 2 and "usage" in done.stderr


def test_the_batch_command_refuses_to_start_on_a_malformed_file(rules_copy):
    replace_in(rules_copy / "gas.yaml", "priority: emergency", "priority: whenever")
    done = subprocess.run(
        [sys.executable, "-m", "triage_rules", "classify", "--rules", str(rules_copy)],
        input='{"text": "x"}\n',
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert "gas.yaml:" in done.stderr and "priority must be one of" in done.stderr
