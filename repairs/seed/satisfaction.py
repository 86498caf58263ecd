"""Tenants' answers to "How did we do?" for the seeded history's completed repairs.

About a third reply, mostly within a day, by text (or WhatsApp, if that is how they
reported). Most are satisfied; a repair finished late or after a wasted visit is scored
lower, so the figure moves with the other measures instead of being a constant.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta

REPLY_RATE = 0.32
REPLY_DAYS = 14
SCORES = (1, 2, 3, 4, 5)
# Weights of the scores 1 to 5: on time at the first visit, and otherwise.
ON_TIME = (4, 4, 10, 30, 52)
LATE_OR_REVISITED = (14, 12, 20, 28, 26)
COMMENT_SHARE = 0.25
COMMENTS = {
    "poor": (
        "Took far too long",
        "Had to take two days off work for this",
        "Nobody told me they were not coming",
        "Still not right",
    ),
    "fair": ("Fixed in the end", "OK but the wait was long", "Left some mess behind"),
    "good": (
        "Quick and tidy",
        "Lovely operative, thank you",
        "Came when they said",
        "Sorted first time",
        "Very polite and explained everything",
    ),
}


def build_satisfaction(
    rng: random.Random, repairs: list[dict], appointments: list[dict], now: datetime
) -> tuple[list[dict], list[dict]]:
    """The replies, and a "satisfaction_recorded" audit event for each."""
    visits = Counter(a["repair_id"] for a in appointments if a["arrived_at"] is not None)
    replies, events = [], []
    for repair in repairs:
        done = repair["completed_at"]
        if done is None or rng.random() >= REPLY_RATE:
            continue
        delay = timedelta(hours=min(rng.lognormvariate(1.0, 1.3), 24 * REPLY_DAYS))
        answered = done + delay
        if answered > now:
            continue  # not answered yet
        late = repair["target_at"] is not None and done > repair["target_at"]
        weights = LATE_OR_REVISITED if late or visits[repair["id"]] > 1 else ON_TIME
        score = rng.choices(SCORES, weights)[0]
        comment = None
        if rng.random() < COMMENT_SHARE:
            mood = "poor" if score <= 2 else "fair" if score == 3 else "good"
            comment = rng.choice(COMMENTS[mood])
        channel = "whatsapp" if repair["channel"] == "whatsapp" else "sms"
        replies.append(
            {
                "repair_id": repair["id"],
                "person_id": repair["reported_by_id"],
                "score": score,
                "comment": comment,
                "channel": channel,
                "question_id": None,
                "first_answered_at": answered,
                "answered_at": answered,
            }
        )
        events.append(
            {
                "repair_id": repair["id"],
                "occurred_at": answered,
                "kind": "satisfaction_recorded",
                "actor_kind": "tenant",
                "actor_id": repair["reported_by_id"],
                "actor_label": "tenant",
                "channel": channel,
                "from_status": None,
                "to_status": None,
                "changes": {"score": [None, score]},
                "note": None,
            }
        )
    return replies, events
