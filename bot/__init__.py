"""The SMS and WhatsApp channel: Twilio's webhooks, the conversation engine
(``bot.engine``, which knows nothing of Twilio or Flask), the terminal chat, the
development phone page and the worker step that fetches photos sent by WhatsApp."""
