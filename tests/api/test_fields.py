"""Request fields read exactly what their JSON Schema admits, from a query or a JSON body."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from portal.api.fields import (
    IDENTIFIER,
    Choice,
    Day,
    Integer,
    Invalid,
    Listed,
    Moment,
    Number,
    Text,
    object_schema,
    query_parameter,
    read,
)

NAME = Text(
    name="ref", description="", pattern=IDENTIFIER, min_length=1, max_length=5, required=True
)
COUNT = Integer(name="count", description="", low=1, high=10, default=3)
SHARE = Number(name="share", description="", low=-1, high=1)
WHEN = Moment(name="when", description="")
DAYS = Listed(name="days", description="", values=("mon", "tue"))


@pytest.mark.parametrize(
    ("field", "raw", "value"),
    [
        (COUNT, "7", 7),
        (COUNT, "-0", None),
        (SHARE, "0.5", 0.5),
        (SHARE, "-1e-05", -1e-05),
        (DAYS, "", []),
        (DAYS, "tue,mon", ["tue", "mon"]),
        (Day(name="d", description=""), "2026-12-01", date(2026, 12, 1)),
    ],
)
def test_query_text_that_the_schema_admits_is_read(field, raw, value):
    if value is None:
        with pytest.raises(Invalid):
            field.from_query(raw)
    else:
        assert field.from_query(raw) == value


@pytest.mark.parametrize(
    ("field", "raw"),
    [
        (COUNT, "7.0"),
        (COUNT, " 7"),
        (COUNT, "٧"),  # an Arabic-Indic seven: int() takes it, JSON Schema does not
        (COUNT, "11"),
        (SHARE, "nan"),
        (SHARE, "inf"),
        (SHARE, "1_0"),
        (DAYS, "mon,,tue"),
        (DAYS, "Mon"),
        (Day(name="d", description=""), "20261201"),
        (Day(name="d", description=""), "2026-02-30"),
        (NAME, ""),
        (NAME, "a b"),
        (NAME, "abc\n"),
        (NAME, "abcdef"),
    ],
)
def test_query_text_the_schema_refuses_is_refused(field, raw):
    with pytest.raises(Invalid):
        field.from_query(raw)


@pytest.mark.parametrize(
    ("field", "value", "admitted"),
    [
        (COUNT, 5, True),
        (COUNT, 5.0, False),
        (COUNT, True, False),
        (COUNT, "5", False),
        (SHARE, 1, True),
        (SHARE, False, False),
        (Choice(name="c", description="", values=("a",)), "a", True),
        (Choice(name="c", description="", values=("a",)), ["a"], False),
        (DAYS, ["mon"], True),
        (DAYS, "mon", False),
        (NAME, None, False),
    ],
)
def test_json_values_must_have_their_declared_type(field, value, admitted):
    if admitted:
        assert field.from_json(value) == value
    else:
        with pytest.raises(Invalid):
            field.from_json(value)


@pytest.mark.parametrize(
    ("raw", "moment"),
    [
        ("2026-12-01T09:30:00Z", datetime(2026, 12, 1, 9, 30, tzinfo=UTC)),
        ("2026-12-01t09:30:00z", datetime(2026, 12, 1, 9, 30, tzinfo=UTC)),
        (
            "2026-12-01T09:30:00.123456789+01:00",
            datetime(2026, 12, 1, 9, 30, 0, 123456, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("2026-12-01T09:30:00", None),
        ("2026-12-01 09:30:00Z", None),
        ("2026-12-01T09:30Z", None),
        ("2026-12-01T23:59:60Z", None),
        ("20261201T093000Z", None),
    ],
)
def test_a_moment_is_an_rfc_3339_time_with_its_offset(raw, moment):
    if moment is None:
        with pytest.raises(Invalid):
            WHEN.from_json(raw)
    else:
        assert WHEN.from_json(raw) == moment


def test_reading_names_every_bad_field_and_fills_in_defaults():
    values, errors = read((NAME, COUNT, SHARE), {"share": "2"}, query=True)
    assert values == {"ref": None, "count": 3, "share": None}
    assert set(errors) == {"ref", "share"}


def test_the_schema_says_what_reading_enforces():
    assert NAME.schema() == {
        "type": "string",
        "pattern": IDENTIFIER,
        "minLength": 1,
        "maxLength": 5,
    }
    assert COUNT.schema() == {"type": "integer", "minimum": 1, "maximum": 10, "default": 3}
    assert query_parameter(DAYS)["style"] == "form" and not query_parameter(DAYS)["explode"]
    body = object_schema((NAME, COUNT))
    assert body["additionalProperties"] is False and body["required"] == ["ref"]
