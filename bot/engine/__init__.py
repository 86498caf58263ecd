"""The conversation engine: SMS and WhatsApp conversations over the repair services.

Pure of any channel: no Twilio, no Flask. ``Engine(ctx, settings).turn(inbound)`` takes
a message (channel, number, words, media) and returns the replies; the conversation's
state lives in the database, per number and channel, and expires after inactivity.
"""

from bot.engine.chat import Inbound, Media, Settings
from bot.engine.engine import Engine, Turn
from bot.engine.segments import MAX_SEGMENTS, fit, segments

__all__ = ["MAX_SEGMENTS", "Engine", "Inbound", "Media", "Settings", "Turn", "fit", "segments"]
