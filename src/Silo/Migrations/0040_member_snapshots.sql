-- Member snapshots: what a member grain needs from its ledger history, as of one entry.
--
-- A member grain rebuilds its expiry lots and card totals from the ledger on activation.
-- Replaying a long history costs one row per entry, so every so often the grain stores that
-- state as of an entry here, and the next activation reads the snapshot plus the entries after it. A snapshot is a
-- cache of the ledger: deleting a row only makes the next activation read more entries, and a
-- snapshot that does not match the ledger is ignored.

CREATE TABLE member_snapshot (
    merchant_id uuid NOT NULL,
    phone text NOT NULL,
    -- The member's entry (its seq) after which the snapshot was taken.
    seq bigint NOT NULL CHECK (seq > 0),
    -- The member's balance after that entry, which must equal the sum of the open lots.
    balance bigint NOT NULL CHECK (balance >= 0),
    -- The version of the layout of "state". A grain that does not know it replays the whole history.
    format integer NOT NULL,
    state jsonb NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (merchant_id, phone)
);
