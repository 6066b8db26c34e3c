"""The durable way in and out: the inbox, the one outbox, idempotency keys, leases, backoff."""
