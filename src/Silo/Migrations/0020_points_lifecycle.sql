-- Points lifecycle: expiry lots, payments with points, refunds and voids.
--
-- Every positive EARN, SEND, TRANSFER_IN or IMPORT entry is a lot. Debits take from the lot
-- that expires soonest, and lots that never expire go last. The remainder of each lot is not
-- stored: a member grain rebuilds it by replaying the member's entries in seq order, so the
-- ledger stays the only record of points.

ALTER TABLE point_ledger
    DROP CONSTRAINT point_ledger_kind_check,
    ADD CONSTRAINT point_ledger_kind_check CHECK (kind IN ('EARN','SEND','PULL','EXPIRE','PAY','REFUND','VOID','TRANSFER_OUT','TRANSFER_IN','IMPORT'));

ALTER TABLE point_ledger
    -- Credits: the last day, in the merchant's time zone at credit time, that the lot can be
    -- spent, and the instant it stops being spendable (the start of the next local day).
    -- Both are null for a lot that never expires.
    ADD COLUMN expires_on date,
    ADD COLUMN expires_at timestamptz,
    -- EXPIRE names its lot's credit entry, REFUND the earn entry, VOID the PAY entry whose
    -- lots it restores or the EARN entry whose points it takes back.
    ADD COLUMN reverses_entry_id bigint REFERENCES point_ledger (entry_id),
    -- PAY: the money value of one point when the payment was made.
    ADD COLUMN point_value numeric(14, 2) CHECK (point_value > 0),
    -- REFUND and VOID: points that were due but exceeded the member's balance.
    ADD COLUMN shortfall_points bigint CHECK (shortfall_points >= 0),
    ADD CONSTRAINT point_ledger_expiry_pair CHECK ((expires_on IS NULL) = (expires_at IS NULL)),
    ADD CONSTRAINT point_ledger_expiry_on_credit CHECK (
        expires_at IS NULL OR (kind IN ('EARN','SEND','TRANSFER_IN','IMPORT') AND points > 0)),
    ADD CONSTRAINT point_ledger_reversal_named CHECK (
        kind NOT IN ('EXPIRE','REFUND','VOID') OR reverses_entry_id IS NOT NULL),
    ADD CONSTRAINT point_ledger_pay_has_receipt CHECK (
        kind <> 'PAY' OR (receipt_number IS NOT NULL AND point_value IS NOT NULL));

-- The expiry run of a merchant looks up the lots that fell due since its last run.
CREATE INDEX point_ledger_expiry_idx ON point_ledger (merchant_id, expires_at)
    WHERE expires_at IS NOT NULL;

-- Refunds and voids find the entries of a receipt.
CREATE INDEX point_ledger_receipt_idx ON point_ledger (merchant_id, receipt_number)
    WHERE receipt_number IS NOT NULL;

-- A receipt is paid with points at most once per merchant.
CREATE UNIQUE INDEX point_ledger_pay_receipt_key
    ON point_ledger (merchant_id, receipt_number) WHERE kind = 'PAY';
