-- Products, requested points (claims) with their receipt photos, member labels and imports.

ALTER TABLE point_ledger DROP CONSTRAINT point_ledger_kind_check, ADD CONSTRAINT point_ledger_kind_check CHECK (kind IN ('EARN','SEND','PULL','EXPIRE','PAY','REFUND','VOID','TRANSFER_OUT','TRANSFER_IN','IMPORT'));

-- A merchant's catalog. A product earns fixed points per unit, or a multiple of the spend rule,
-- or (with neither set) the spend rule itself.
CREATE TABLE product (
    product_id      uuid PRIMARY KEY,
    merchant_id     uuid NOT NULL,
    sku             text NOT NULL,
    name            text NOT NULL,
    category        text,
    price           numeric(14, 2) NOT NULL CHECK (price >= 0),
    active          boolean NOT NULL,
    points_per_unit bigint CHECK (points_per_unit >= 0),
    multiplier      numeric(5, 2) CHECK (multiplier >= 0),
    updated_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT product_sku_key UNIQUE (merchant_id, sku),
    CONSTRAINT product_one_earn_rule CHECK (points_per_unit IS NULL OR multiplier IS NULL)
);

-- Requested points: a purchase that earned nothing at the counter, with a photo of its receipt,
-- waiting for the merchant's decision. An approved claim names the ledger entry it created.
CREATE TABLE point_claim (
    claim_id         uuid PRIMARY KEY,
    merchant_id      uuid NOT NULL,
    phone            text NOT NULL CHECK (phone ~ '^\+66[689][0-9]{8}$'),
    receipt_number   text NOT NULL,
    amount           numeric(14, 2) NOT NULL CHECK (amount >= 0),
    purchased_at     timestamptz NOT NULL,
    photo            bytea NOT NULL,
    photo_type       text NOT NULL,
    status           text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    submitted_by     text NOT NULL,
    submitted_at     timestamptz NOT NULL DEFAULT now(),
    decided_by       text,
    decided_at       timestamptz,
    rejection_reason text,
    entry_id         bigint,
    points           bigint
);

-- A receipt has at most one claim that is pending or approved; a rejected claim may be sent again.
CREATE UNIQUE INDEX point_claim_receipt_key
    ON point_claim (merchant_id, receipt_number) WHERE status <> 'REJECTED';
CREATE INDEX point_claim_status_idx ON point_claim (merchant_id, status, submitted_at);

-- Labels of members, such as "VIP" or "สาขาสยาม", set by member imports.
CREATE TABLE member_label (
    merchant_id uuid NOT NULL,
    phone       text NOT NULL,
    label       text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (merchant_id, phone, label)
);

-- One upload of a member or points file and its progress.
CREATE TABLE import_job (
    import_id       uuid PRIMARY KEY,
    merchant_id     uuid NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('MEMBERS', 'POINTS')),
    file_name       text NOT NULL,
    file_sha256     bytea NOT NULL,
    file_format     text NOT NULL,
    ignored_columns text[] NOT NULL,
    status          text NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
    total_rows      integer NOT NULL,
    processed_rows  integer NOT NULL DEFAULT 0,
    written_rows    integer NOT NULL DEFAULT 0,
    unchanged_rows  integer NOT NULL DEFAULT 0,
    failed_rows     integer NOT NULL DEFAULT 0,
    error           text,
    created_by      text NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz
);

CREATE INDEX import_job_merchant_idx ON import_job (merchant_id, started_at);

-- The rows of an import that were not written, with the reason.
CREATE TABLE import_row_error (
    import_id  uuid NOT NULL REFERENCES import_job (import_id),
    row_number integer NOT NULL,
    reason     text NOT NULL,
    PRIMARY KEY (import_id, row_number)
);
