"""Words for the codes staff pages show: roles, actors, queues, account events."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ROLE_LABELS = {
    "agent": _l("Contact-centre agent"),
    "supervisor": _l("Supervisor"),
    "surveyor": _l("Surveyor"),
    "admin": _l("Admin"),
}
STAFF_CHANNEL_LABELS = {
    "phone": _l("Phone call"),
    "visit": _l("Visit to the office"),
    "letter": _l("Letter"),
    "email": _l("Email"),
}
ACCOUNT_EVENT_LABELS = {
    "created": _l("Account created"),
    "disabled": _l("Account disabled"),
    "enabled": _l("Account enabled"),
    "role_changed": _l("Role changed"),
    "password_reset": _l("Password reset by an admin"),
    "password_changed": _l("Password changed"),
    "two_factor_set_up": _l("Authenticator app set up"),
    "two_factor_reset": _l("Authenticator app reset by an admin"),
    "two_factor_required": _l("Authenticator app requirement changed"),
    "recovery_codes_issued": _l("New recovery codes issued"),
    "recovery_code_used": _l("Recovery code used to sign in"),
}
ACTOR_LABELS = {
    "tenant": _l("Tenant"),
    "staff": _l("Staff"),
    "operative": _l("Operative"),
    "system": _l("System"),
    "provider": _l("Message provider"),
    "scheduler": _l("Scheduling"),
}
HAZARD_LABELS = {
    "none": _l("None"),
    "awaab_significant": _l("Awaab's Law: significant hazard"),
    "awaab_emergency": _l("Awaab's Law: emergency hazard"),
}
VULNERABILITY_LABELS = {
    "elderly": _l("Older person"),
    "infant": _l("Infant in the home"),
    "disability": _l("Disability"),
    "medical_equipment": _l("Relies on medical equipment"),
    "mental_health": _l("Mental health"),
    "pregnancy": _l("Pregnancy"),
}
CONTACT_LABELS = {
    "sms": _l("Text message"),
    "whatsapp": _l("WhatsApp"),
    "email": _l("Email"),
    "phone": _l("Phone call"),
    "post": _l("Letter"),
}
MEMBER_ROLE_LABELS = {
    "lead": _l("Lead tenant"),
    "joint": _l("Joint tenant"),
    "household": _l("Household member"),
}
TRADE_LABELS = {
    "gas_engineer": _l("Gas engineer"),
    "plumber": _l("Plumber"),
    "electrician": _l("Electrician"),
    "carpenter": _l("Carpenter"),
    "roofer": _l("Roofer"),
    "glazier": _l("Glazier"),
    "plasterer": _l("Plasterer"),
    "pest_control": _l("Pest control"),
    "general_operative": _l("General operative"),
    "surveyor": _l("Surveyor"),
    "lift_engineer": _l("Lift engineer"),
    "locksmith": _l("Locksmith"),
}
WINDOW_LABELS = {
    "morning": _l("Morning"),
    "afternoon": _l("Afternoon"),
    "all_day": _l("All day"),
    "school_run": _l("School hours"),
    "emergency": _l("Emergency visit"),
}
# What each audit event was, as staff read the trail.
EVENT_LABELS = {
    "reported": _l("Reported"),
    "triaged": _l("Triaged"),
    "triage_provisional": _l("Triaged provisionally"),
    "triage_overridden": _l("Triage changed by staff"),
    "priority_raised": _l("Priority raised"),
    "added_to": _l("More details added"),
    "booked": _l("Appointment booked"),
    "rebooked": _l("Appointment changed"),
    "appointment_cancelled": _l("Appointment cancelled"),
    "cancelled": _l("Repair cancelled"),
    "dispatched": _l("Operative sent"),
    "dispatch_failed": _l("No operative could be sent"),
    "investigated": _l("Hazard investigated"),
    "appointment_reassigned": _l("Appointment given to another operative"),
    "appointment_replanned": _l("Moved by the overnight re-plan"),
    "rebook_needed_queued": _l("Appointment to be rebooked"),
    "video_call_invited": _l("Video call link sent"),
    "video_link_resent": _l("Video call link sent again"),
    "video_call_joined": _l("Tenant opened the video call link"),
    "video_call_started": _l("Video call started"),
    "video_call": _l("Video call"),
    "video_still": _l("Still taken on the video call"),
    "video_upload": _l("Photos or video sent instead of a call"),
    "video_media_deleted": _l("Video call recording deleted"),
    "status_changed": _l("Status changed"),
    "on_the_way": _l("Operative on the way"),
    "arrived": _l("Operative arrived"),
    "completed": _l("Work completed"),
    "no_access": _l("No access"),
    "follow_on_needed": _l("More work needed"),
    "note": _l("Note added"),
    "message_sent": _l("Message sent"),
    "callback_queued": _l("Call-back asked for"),
    "video_triage_queued": _l("Video call asked for"),
    "triage_review_queued": _l("Put on the triage review queue"),
    "safety_review_queued": _l("Put on the queue of words that may hide an emergency"),
    "emergency_unassigned_queued": _l("Emergency put on the queue: nobody could be sent"),
    "emergency_follow_up_queued": _l("Emergency follow-up queued"),
    "message_failed_queued": _l("Failed message queued"),
    "no_appointment_queued": _l("Taken from the no-appointment queue"),
    "near_target_queued": _l("Taken from the target queue"),
    "awaab_clock_queued": _l("Taken from the Awaab's Law queue"),
    "work_taken": _l("Work item taken"),
    "work_done": _l("Work item done"),
}
MATCH_LABELS = {
    "name": _l("Name"),
    "address": _l("Address"),
    "postcode": _l("Postcode"),
    "phone": _l("Phone number"),
    "tenancy": _l("Tenancy reference"),
    "repair": _l("Repair reference"),
}
QUEUE_LABELS = {
    "callback": _l("Call-backs asked for"),
    "video_triage": _l("Video calls asked for"),
    "triage_review": _l("Triage: none of these"),
    "safety_review": _l("Words that may hide an emergency"),
    "emergency_unassigned": _l("Emergencies nobody could be sent to"),
    "emergency_follow_up": _l("Emergency follow-ups"),
    "message_failed": _l("Messages that failed"),
    "no_appointment": _l("No appointment booked"),
    "near_target": _l("Past or near target"),
    "awaab_clock": _l("Awaab's Law clocks running out"),
}
APPOINTMENT_STATUS_LABELS = {
    "booked": _l("Booked"),
    "cancelled": _l("Cancelled"),
    "rebooked": _l("Moved to another time"),
    "attended": _l("Attended"),
    "no_access": _l("No access"),
}
MESSAGE_STATUS_LABELS = {
    "queued": _l("Waiting to send"),
    "sending": _l("Sending"),
    "sent": _l("Sent"),
    "delivered": _l("Delivered"),
    "failed": _l("Failed"),
    "cancelled": _l("Not sent"),
}
PERIOD_LABELS = {
    "last_7_days": _l("Last 7 days"),
    "last_30_days": _l("Last 30 days"),
    "last_3_months": _l("Last 3 months"),
    "last_12_months": _l("Last 12 months"),
    "this_year": _l("This financial year so far"),
    "last_year": _l("Last financial year"),
}
