"""The staff journey's first step: the emergency questions, and how the tenant is in
touch (recorded on the repair and in every event of it)."""

from flask_babel import lazy_gettext as _l

from portal.journey.fields import Choice
from portal.journey.forms import EmergencyForm
from portal.staff.labels import STAFF_CHANNEL_LABELS


class StaffEmergencyForm(EmergencyForm):
    channel = Choice(
        _l("How is the tenant in touch?"),
        message=_l("Choose how the tenant is in touch"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Built per form, so the labels are in the reader's language.
        self.channel.choices = [(code, str(label)) for code, label in STAFF_CHANNEL_LABELS.items()]
