"""Checks on what people type, shared by every operation that takes words or photos."""

from __future__ import annotations

from collections.abc import Mapping

from common.i18n import N_
from repairs.services.context import Context
from repairs.services.errors import ServiceError
from repairs.services.operation import clean_text
from repairs.services.photos import photo_path

MAX_ANSWERS = 30
MAX_ANSWER = 200


def checked_description(ctx: Context, value: object, *, required: bool) -> str:
    limit = ctx.policy.max_description
    try:
        text = clean_text(value, limit)
    except ValueError:
        raise ServiceError.invalid(
            {
                "description": N_(
                    "Describe the problem in %(limit)s characters or fewer", limit=limit
                )
            }
        ) from None
    if required and not text:
        raise ServiceError.invalid({"description": N_("Describe the problem")})
    return text


def checked_reason(ctx: Context, value: object) -> str:
    limit = ctx.policy.max_reason
    try:
        text = clean_text(value, limit)
    except ValueError:
        raise ServiceError.invalid(
            {"reason": N_("Give the reason in %(limit)s characters or fewer", limit=limit)}
        ) from None
    if not text:
        raise ServiceError.invalid({"reason": N_("Give a reason")})
    return text


def checked_answers(ctx: Context, answers: Mapping[str, str]) -> dict[str, str]:
    if not isinstance(answers, Mapping) or len(answers) > MAX_ANSWERS:
        raise ServiceError.invalid({"answers": N_("Answer the questions shown")})
    checked = {}
    for key, value in answers.items():
        try:
            checked[clean_text(key, 80)] = clean_text(value, MAX_ANSWER)
        except ValueError:
            raise ServiceError.invalid(
                {"answers": N_("Answer in %(limit)s characters or fewer", limit=MAX_ANSWER)}
            ) from None
    return checked


def checked_photos(ctx: Context, keys: tuple[str, ...], already: int = 0) -> tuple[str, ...]:
    limit = ctx.policy.max_photos
    if len(keys) + already > limit:
        raise ServiceError.invalid({"photos": N_("Add up to %(limit)s photos", limit=limit)})
    for key in keys:
        if not photo_path(ctx, key).exists():
            raise ServiceError.invalid({"photos": N_("That photo does not exist")})
    return tuple(keys)
