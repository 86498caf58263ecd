"""Read-side queries for the contact centre: finding a household, what it holds, the
queues of work for a person, and a repair's whole audit trail. Nothing here changes data
but a work item taken from a queue (``work``)."""
