"""Messages to tenants: written to the outbox in the transaction that caused them, sent
afterwards by the worker through a transport (console in development, Twilio in
production)."""
