-- Live events: the partners' webhook subscriptions with their durable delivery cursors, and the
-- log of every delivery attempt. The events themselves are the rows of point_ledger, read by
-- entry_id; nothing is copied into an outbox.

-- Reads of one merchant's entries after a sequence: GraphQL subscriptions that resume, webhook
-- deliveries and the dashboard.
CREATE INDEX point_ledger_merchant_entry_idx ON point_ledger (merchant_id, entry_id);

CREATE TABLE webhook_subscription (
    subscription_id   uuid PRIMARY KEY,
    merchant_id       uuid NOT NULL,
    url               text NOT NULL,
    event_kinds       text[] NOT NULL CHECK (cardinality(event_kinds) > 0),
    -- The HMAC key itself, because every delivery is signed with it.
    secret            text NOT NULL,
    created_by        text NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz,
    -- Every entry up to this ledger entry_id is delivered, abandoned or not of the event kinds.
    delivered_through bigint NOT NULL CHECK (delivered_through >= 0),
    -- Failed attempts at the entry after delivered_through, and when the first of them failed.
    attempts          integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    first_failed_at   timestamptz,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    -- The silo that is delivering now holds a lease; a crashed silo's lease runs out.
    lease_token       uuid,
    lease_until       timestamptz
);

CREATE INDEX webhook_subscription_merchant_idx ON webhook_subscription (merchant_id);
CREATE INDEX webhook_subscription_due_idx ON webhook_subscription (next_attempt_at)
    WHERE deleted_at IS NULL;

CREATE TABLE webhook_delivery (
    delivery_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id uuid NOT NULL REFERENCES webhook_subscription (subscription_id),
    sequence        bigint NOT NULL,
    attempt         integer NOT NULL CHECK (attempt > 0),
    outcome         text NOT NULL CHECK (outcome IN ('DELIVERED', 'FAILED', 'ABANDONED')),
    status_code     integer,
    error           text,
    attempted_at    timestamptz NOT NULL,
    duration_ms     integer NOT NULL CHECK (duration_ms >= 0)
);

CREATE INDEX webhook_delivery_subscription_idx ON webhook_delivery (subscription_id, delivery_id);
