-- The naive POS baseline: a member table with the balance in place and an append-only ledger,
-- filled like the collectPoints benchmark leaves Pointspot after its prime run (each member has
-- one earn entry). Run with psql -v members=N.
-- Unique receipt numbers and idempotency keys match the constraints of Pointspot's point_ledger.

DROP TABLE IF EXISTS pos_ledger, pos_member;

CREATE TABLE pos_member (
    phone    text PRIMARY KEY,
    balance  bigint NOT NULL,
    lifetime bigint NOT NULL
);

CREATE TABLE pos_ledger (
    entry_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone           text NOT NULL,
    points          bigint NOT NULL,
    balance_after   bigint NOT NULL,
    amount          numeric(14, 2) NOT NULL,
    receipt_number  text NOT NULL UNIQUE,
    idempotency_key text NOT NULL UNIQUE,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX pos_ledger_phone_idx ON pos_ledger (phone, entry_id);

-- Member i has the phone number 06 followed by i in 8 digits, as in the load generator.
INSERT INTO pos_member (phone, balance, lifetime)
SELECT '+666' || lpad(i::text, 8, '0'), 5, 5
FROM generate_series(0, :members - 1) AS i;

INSERT INTO pos_ledger (phone, points, balance_after, amount, receipt_number, idempotency_key, occurred_at)
SELECT '+666' || lpad(i::text, 8, '0'), 5, 5, 125.00, 'R-prime-' || i, 'prime-' || i, now()
FROM generate_series(0, :members - 1) AS i;

VACUUM ANALYZE pos_member;
VACUUM ANALYZE pos_ledger;
