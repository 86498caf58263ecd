"""Phone numbers: stored in E.164, and checked as UK mobiles where one is required."""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType


class InvalidPhoneNumber(ValueError):
    pass


def normalise_uk_mobile(raw: str) -> str:
    """``07700 900001``, ``+44 7700 900001`` or ``447700900001`` -> ``+447700900001``.

    Raises InvalidPhoneNumber for anything that is not a UK mobile number. Ofcom's
    drama range (07700 900xxx) counts as a mobile, so demo data behaves like real data.
    """
    text = (raw or "").strip()
    if text.startswith("44") and not text.startswith("+"):
        text = "+" + text
    try:
        number = phonenumbers.parse(text, "GB")
    except NumberParseException:
        raise InvalidPhoneNumber("not a phone number") from None
    if number.country_code != 44:
        raise InvalidPhoneNumber("not a UK number")
    if _is_fictional_mobile(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber("not a valid UK number")
    if phonenumbers.number_type(number) not in {
        PhoneNumberType.MOBILE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }:
        raise InvalidPhoneNumber("not a mobile number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _is_fictional_mobile(number: phonenumbers.PhoneNumber) -> bool:
    """07700 9xxxxx: Ofcom's drama range (900xxx) and the unallocated block around it.

    phonenumbers rejects the whole block because no operator holds it, which is exactly why
    the demo city seeds its 25,000 households there: no real person can be texted by mistake.
    """
    national = str(number.national_number)
    return len(national) == 10 and national.startswith("77009")
