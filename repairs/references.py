"""Repair references: short, unambiguous on the phone, and unguessable.

The alphabet leaves out 0/O and 1/I/L so a reference read aloud or typed on a phone
keypad is not mistaken; random rather than sequential, so one tenant cannot walk to
another's repair by counting.
"""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 7


def format_reference(number: int) -> str:
    chars = []
    for _ in range(LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    body = "".join(chars)
    return f"{body[:3]}-{body[3:]}"


def new_reference(randbelow=secrets.randbelow) -> str:
    return format_reference(randbelow(len(ALPHABET) ** LENGTH))


def normalise_reference(raw: str) -> str:
    """What a tenant typed (any case, spaces, no dash) as the stored form, or ''."""
    text = "".join(ch for ch in raw.upper() if ch.isalnum())
    if len(text) != LENGTH or any(ch not in ALPHABET for ch in text):
        return ""
    return f"{text[:3]}-{text[3:]}"
