"""Every sentence the bot says, marked for translation.

Kept in one place so the length test can render each of them, in every language, with
the longest realistic values and prove that it fits in three SMS segments. English
stays inside the GSM alphabet (no curly quotes or dashes), so it gets 459 characters;
Polish needs UCS-2 and gets 201, which is why its wording is short.
"""

from __future__ import annotations

from common.i18n import N_, Message

TEXTS: dict[str, Message] = {
    # Finding our way
    "help": N_(
        "Text us what is wrong to report a repair. Or reply STATUS for your repairs, "
        "CHANGE or CANCEL for an appointment, AGENT for a call back, STOP to end texts. "
        "Emergency? Call %(phone)s."
    ),
    "describe": N_(
        "Tell us in a few words what is wrong, for example: kitchen tap dripping. "
        "Reply HELP for more."
    ),
    "unknown_number": N_(
        "We do not know this number. To report repairs by text, call us on %(phone)s "
        "to add it to your tenancy. In an emergency, call %(phone)s now."
    ),
    "choose_home": N_("This number is linked to more than one home. Which is this about?"),
    "reply_number": N_("Reply a number."),
    "expired": N_(
        "Sorry, that question has timed out, so we have started again. Text what you need, or HELP."
    ),
    "not_a_choice": N_("Please reply with a number from 1 to %(last)s, or HELP."),
    "not_a_slot": N_("Please reply with a number from 1 to %(last)s, or MORE for other dates."),
    "yes_or_no": N_("Please reply YES or NO."),
    "thanks": N_("You are welcome. Text HELP if you need anything else."),
    "went_wrong": N_("Sorry, something went wrong. Please try again, or call us on %(phone)s."),
    "english": N_("We will text you in English."),
    "polish": N_("We will text you in Polish."),
    # Texts on and off
    "stopped": N_(
        "You will get no more texts from us. Reply START to turn them on again. "
        "In an emergency, call %(phone)s."
    ),
    "started": N_("You will get texts from us again. Text what is wrong to report a repair."),
    "opted_out": N_(
        "You have turned off texts from us. Reply START to turn them on again, or call %(phone)s."
    ),
    # Reporting
    "safety_check": N_("To check it is safe: %(question)s Reply YES or NO."),
    "safety_any": N_("To check it is safe, is any of these happening now?"),
    "safety_any_reply": N_("Reply its number, or NO if none of them is."),
    "safety_any_again": N_(
        "Please reply with the number of what is happening, from 1 to %(last)s, or NO."
    ),
    "which_problem": N_("Is it one of these?"),
    "none_of_these": N_("None of these"),
    "cannot_tell": N_(
        "We could not tell what the problem is. Reply 1 to send your words to our team, "
        "who will contact you, or describe it again in other words."
    ),
    "question": N_("%(question)s Please answer in a few words."),
    "reported": N_(
        "Thank you. Repair %(reference)s (%(problem)s) is reported. We aim to fix it by %(target)s."
    ),
    "reported_for_review": N_(
        "Thank you. Repair %(reference)s is with our team, who will read it and contact you."
    ),
    "existing": N_(
        "You reported this already: %(reference)s (%(problem)s). Reply 1 to add your message "
        "to it, or 2 to report it as a new problem."
    ),
    "added": N_("Thank you. We have added your message to repair %(reference)s."),
    "added_raised": N_(
        "Thank you. We have added your message to repair %(reference)s and raised its "
        "priority. We now aim to fix it by %(target)s."
    ),
    "tenant_to_fix": N_("This is yours to fix (%(problem)s)."),
    "not_ours": N_("This is not a repair we do (%(problem)s)."),
    "ask_agent": N_("Reply AGENT if you need to talk to us."),
    "emergency_coming": N_(
        "Emergency repair %(reference)s: someone is coming, expected by %(arrival)s."
    ),
    "emergency_finding": N_(
        "Emergency repair %(reference)s: we are finding someone now and will call you."
    ),
    "emergency_recorded": N_("We have recorded this as repair %(reference)s."),
    "if_worse": N_("If it gets worse, call %(phone)s."),
    "gas": N_(
        "Leave the home now and keep others out. Do not use switches, plugs or flames. "
        "From outside, call the National Gas Emergency Service free on %(gas)s. "
        "If anyone feels unwell, call 999."
    ),
    "emergency_unknown": N_("This sounds like an emergency. Call us now on %(phone)s."),
    # Photos
    "photo_for_repair": N_("Thank you for the photo. We will add it to repair %(reference)s."),
    "photo_first": N_("Thank you for the photo. Now tell us in a few words what is wrong."),
    "photo_with_report": N_("We will add your photo to the report."),
    "photo_only": N_("We can only use photos, so we could not use what you sent."),
    # Appointments
    "choose_time": N_("Choose a time for repair %(reference)s:"),
    "other_times": N_("Other times for repair %(reference)s:"),
    "reply_number_or_more": N_("Reply a number, or MORE for other dates."),
    "slot": N_("%(day)s %(start)s-%(end)s"),
    "no_times": N_(
        "We have no times to offer for repair %(reference)s just now, "
        "so we will call you to arrange one."
    ),
    "no_more_times": N_(
        "There are no other dates before %(last_day)s. Reply a number from the list, "
        "or AGENT for a call."
    ),
    "booked": N_(
        "Booked: repair %(reference)s on %(day)s, %(start)s to %(end)s. "
        "Reply CHANGE to move it or CANCEL to cancel it."
    ),
    "rebooked": N_(
        "Changed: repair %(reference)s is now on %(day)s, %(start)s to %(end)s. "
        "Reply CHANGE to move it or CANCEL to cancel it."
    ),
    "which_repair": N_("Which repair?"),
    "repair_line": N_("%(reference)s %(problem)s"),
    "repair_line_on": N_("%(reference)s %(problem)s, %(day)s"),
    "nothing_to_change": N_(
        "You have no repairs waiting for an appointment. Reply STATUS to see your repairs."
    ),
    "nothing_to_cancel": N_("You have no open repairs to cancel. Reply STATUS to see them."),
    "confirm_cancel_appointment": N_(
        "Cancel the appointment for repair %(reference)s (%(problem)s) on %(day)s? Reply YES or NO."
    ),
    "confirm_cancel_repair": N_(
        "Repair %(reference)s (%(problem)s) has no appointment. Cancel the repair itself? "
        "Reply YES or NO."
    ),
    "appointment_cancelled": N_(
        "Cancelled: the appointment for repair %(reference)s. The repair stays open: "
        "reply CHANGE to book a new time."
    ),
    "repair_cancelled": N_("Cancelled: repair %(reference)s."),
    "kept": N_("OK, nothing has changed."),
    # Status
    "your_repairs": N_("Your open repairs:"),
    "status_line": N_("%(reference)s %(problem)s: %(status)s"),
    "status_line_on": N_("%(reference)s %(problem)s: %(status)s, %(day)s"),
    "not_shown": N_("Not shown: %(count)s. See all at %(url)s"),
    "no_open_repairs": N_("You have no open repairs. Text what is wrong to report one."),
    # A call back
    "callback": N_(
        "We will call you back on %(number)s as soon as we can. "
        "In an emergency, call %(phone)s now."
    ),
    # Replies to our messages
    "score_thanks": N_("Thank you for your score."),
    "score_sorry": N_(
        "Thank you. We are sorry it was not better. Reply AGENT if you would like a call."
    ),
}

# What a repair's status means to a tenant, kept short for a text message.
STATUSES: dict[str, Message] = {
    "reported": N_("with our team"),
    "triaged": N_("being assessed"),
    "awaiting_appointment": N_("needs an appointment"),
    "booked": N_("booked"),
    "dispatched": N_("someone is on the way"),
    "in_progress": N_("work in progress"),
    "on_hold": N_("on hold"),
    "no_access": N_("we could not get in"),
    "follow_on_needed": N_("more work needed"),
    "completed": N_("completed"),
    "cancelled": N_("cancelled"),
}
