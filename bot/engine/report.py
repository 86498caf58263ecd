"""Reporting a repair by text: the tenant's words, the questions the rules still need,
then the repair raised through ``report_repair``.

Nothing is raised until the questions are answered; what the rules ask decides which:
the emergency questions first (all those that fit when the rules say the words are not
plain), then "Is it one of these?" from the ranked candidates, then the chosen
problem's own follow-up questions. An emergency found in the words is raised at once.
"""

from __future__ import annotations

from bot.engine import outcomes, photos
from bot.engine.aftercare import add_to_existing, after_report
from bot.engine.chat import Chat
from bot.engine.polish import with_gloss
from bot.engine.words import Reading
from common.i18n import N_, Message
from repairs.services import ReportRepair, report_repair
from repairs.services.access import household_of

# Question ids that "Is it one of these?" answers for a text message.
WHICH = frozenset({"location", "problem", "leaf"})
MAX_QUESTION_ANSWER = 200


def begin(chat: Chat, text: str) -> None:
    """Start a report from the tenant's own words."""
    limit = chat.ctx.policy.max_description
    if len(text) > limit:
        chat.add(
            chat.text(N_("Describe the problem in %(limit)s characters or fewer", limit=limit))
        )
        return
    rules = chat.ctx.rules
    glossed = with_gloss(text, chat.speaker.locale == "pl")
    text = glossed if len(glossed) <= limit else text
    # The service triages again with the household's vulnerabilities; this reading only
    # decides what to ask.
    pre = rules.classify(text)
    draft = {
        "text": text,
        "answers": {},
        "checks": [],
        "pick": False,
        "candidates": [c.problem for c in pre.candidates],
        "problem": None,
        "unsure": False,
        "questions": [],
        "notes": [],
    }
    if pre.priority == "emergency":
        submit(chat, draft)
        return
    if pre.problem is None and not pre.candidates and len(text.split()) < 3:
        chat.say("describe")
        chat.goto("describe")
        return
    check_ids = [c.id for c in rules.checks]
    asked = [q for q in pre.question_ids if q in check_ids]
    if pre.uncertain:
        categories = {c.category for c in pre.candidates} | {pre.category}
        asked += [c.id for c in rules.checks if c.ask_for & categories and c.id not in asked]
    draft["checks"] = asked
    draft["pick"] = pre.problem is None or bool(WHICH & set(pre.question_ids))
    advance(chat, draft)


def advance(chat: Chat, draft: dict) -> None:
    """Ask the next question the report needs, or raise it."""
    rules = chat.ctx.rules
    if len(draft["checks"]) > 1:
        _ask_any(chat, draft)
    elif draft["checks"]:
        check = next(c for c in rules.checks if c.id == draft["checks"][0])
        chat.say("safety_check", question=Message(check.question))
        chat.goto("report_check", draft=draft)
    elif draft["pick"]:
        _ask_which(chat, draft)
    elif draft["questions"]:
        chat.say("question", question=Message(draft["questions"][0][1]))
        chat.goto("report_question", draft=draft)
    else:
        submit(chat, draft)


def _ask_which(chat: Chat, draft: dict) -> None:
    if not draft["candidates"]:
        chat.say("cannot_tell")
        chat.goto("report_pick", draft=draft, shown=[])
        return
    labels = [chat.text(Message(chat.ctx.rules.leaf(p).label)) for p in draft["candidates"]]
    text, shown = chat.speaker.numbered(
        chat.speaker.say("which_problem"),
        labels,
        chat.speaker.say("reply_number"),
        last=chat.speaker.say("none_of_these"),
        minimum=2,
    )
    chat.add(text)
    chat.goto("report_pick", draft=draft, shown=draft["candidates"][:shown])


def _ask_any(chat: Chat, draft: dict) -> None:
    """Several emergency questions as one text, as the portal asks them on one page: a
    YES or NO for each would cost the tenant a reply apiece. Those that do not fit in
    one text are asked in the next."""
    checks = {c.id: c for c in chat.ctx.rules.checks}
    reasons = [chat.text(Message(checks[c].reason)) for c in draft["checks"]]
    text, shown = chat.speaker.numbered(
        chat.speaker.say("safety_any"), reasons, chat.speaker.say("safety_any_reply")
    )
    chat.add(text)
    chat.goto("report_check_any", draft=draft, shown=draft["checks"][:shown])


def on_check_any(chat: Chat, reading: Reading) -> None:
    draft, shown = chat.data["draft"], chat.data["shown"]
    if reading.number is not None and 1 <= reading.number <= len(shown):
        draft["answers"][shown[reading.number - 1]] = "yes"
        draft["checks"], draft["pick"], draft["questions"] = [], False, []
    elif reading.keyword == "no" and reading.number is None:
        draft["answers"].update(dict.fromkeys(shown, "no"))
        draft["checks"] = [c for c in draft["checks"] if c not in shown]
    else:
        chat.say("safety_any_again", last=len(shown))
        return
    advance(chat, draft)


def on_check(chat: Chat, reading: Reading) -> None:
    draft = chat.data["draft"]
    if reading.keyword not in ("yes", "no"):
        chat.say("yes_or_no")
        return
    check = draft["checks"].pop(0)
    draft["answers"][check] = reading.keyword
    if reading.keyword == "yes":
        draft["checks"], draft["pick"], draft["questions"] = [], False, []
    advance(chat, draft)


def on_pick(chat: Chat, reading: Reading) -> None:
    draft, shown = chat.data["draft"], chat.data["shown"]
    if reading.number is None:
        if len(reading.text.split()) >= 3:  # described again in other words
            begin(chat, reading.text)
        else:
            chat.say("not_a_choice", last=len(shown) + 1)
        return
    if not 1 <= reading.number <= len(shown) + 1:
        chat.say("not_a_choice", last=len(shown) + 1)
        return
    draft["pick"] = False
    if reading.number > len(shown):
        draft["unsure"] = True  # "none of these": a person reads the words
    else:
        leaf = chat.ctx.rules.leaf(shown[reading.number - 1])
        draft["problem"] = leaf.id
        if leaf.eligibility == "landlord":
            draft["questions"] = [[f"{leaf.id}:{i}", q] for i, q in enumerate(leaf.questions)]
    advance(chat, draft)


def on_question(chat: Chat, reading: Reading) -> None:
    draft = chat.data["draft"]
    answer = reading.text.strip()[:MAX_QUESTION_ANSWER]
    if not answer:
        chat.say("question", question=Message(draft["questions"][0][1]))
        return
    _, question = draft["questions"].pop(0)
    # Kept with the description, in the rule files' words, for whoever does the job.
    draft["notes"].append(f"{question} {answer}")
    advance(chat, draft)


def on_existing(chat: Chat, reading: Reading) -> None:
    draft = chat.data["draft"]
    if reading.number == 1:
        add_to_existing(chat, chat.data["existing"], draft)
    elif reading.number == 2:
        submit(chat, draft, confirm_new=True)
    else:
        chat.say("not_a_choice", last=2)


def submit(chat: Chat, draft: dict, *, confirm_new: bool = False) -> None:
    """Raise the repair and say what happens next."""
    problem = draft["problem"]
    household = household_of(chat.ctx.session, chat.person.id, chat.today)
    communal = bool(
        problem
        and household is not None
        and household.home.block_id is not None
        and chat.ctx.rules.leaf(problem).location == "communal"
    )
    description = "\n\n".join([draft["text"], *draft["notes"]]).strip()
    result = chat.attempt(
        report_repair,
        ReportRepair(
            person_id=chat.person.id,
            description=description,
            problem=problem,
            answers=draft["answers"],
            communal=communal,
            unsure=draft["unsure"],
            confirm_new=confirm_new,
        ),
    )
    if result.existing is not None:
        repair = result.existing
        chat.say("existing", reference=repair.reference, problem=chat.problem_of(repair))
        chat.goto("report_existing", draft=draft, existing=repair.reference)
        return
    if result.advice_only:
        outcomes.advice_only(chat, result.outcome)
        chat.reset()
        return
    photos.attach(chat, result.repair.reference)
    after_report(chat, result)
