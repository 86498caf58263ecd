"""What every operation shares: input checks and the errors of the layers below.

A service raises only ``ServiceError``. The lifecycle's refusals, the optimistic lock on
repairs and the scheduling core's errors are translated here, once, into codes and
messages a channel can show.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from common.i18n import N_
from repairs.lifecycle import IllegalTransition
from repairs.services.errors import CONFLICT, SLOT_GONE, UNAVAILABLE, ServiceError
from scheduling import (
    BookingClosed,
    BookingNotFound,
    CoreUnavailable,
    InvalidJob,
    SchedulingError,
    SlotUnavailable,
)

P = ParamSpec("P")
R = TypeVar("R")


def operation(func: Callable[P, R]) -> Callable[P, R]:
    """Let only ``ServiceError`` out of a service operation."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except IllegalTransition as error:
            raise ServiceError(
                CONFLICT,
                N_("Repair %(reference)s cannot do that now", reference=error.reference),
            ) from error
        except (StaleDataError, IntegrityError) as error:
            # Someone else changed the repair (or used the same key) at the same moment.
            raise ServiceError(
                CONFLICT, N_("Someone else changed this repair just now. Please try again.")
            ) from error
        except SlotUnavailable as error:
            raise ServiceError(
                SLOT_GONE, N_("That time has just been taken. Please choose another.")
            ) from error
        except CoreUnavailable as error:
            raise ServiceError(
                UNAVAILABLE, N_("Booking is not available just now. Please try again shortly.")
            ) from error
        except InvalidJob as error:
            raise ServiceError.invalid({"slot": N_("Choose one of the times offered")}) from error
        except (BookingClosed, BookingNotFound, SchedulingError) as error:
            raise ServiceError(
                CONFLICT, N_("That appointment can no longer be changed. Please check it again.")
            ) from error

    return wrapper


# Bidirectional overrides can make text read differently from what it stores.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(value: object, limit: int) -> str:
    """Text as a person typed it, with control characters and runs of spaces removed.

    Raises ValueError when it is longer than ``limit`` characters.
    """
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        " " if ch in _BIDI_CONTROLS or (ch != "\n" and unicodedata.category(ch) == "Cc") else ch
        for ch in text
    )
    text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    if len(text) > limit:
        raise ValueError(limit)
    return text


def idempotency_key(value: object) -> str:
    key = value if isinstance(value, str) else ""
    if not 8 <= len(key) <= 80 or not key.isprintable():
        raise ServiceError.invalid(
            {"idempotency_key": N_("This form has expired. Please start again.")}
        )
    return key
