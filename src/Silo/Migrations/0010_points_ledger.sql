-- Merchant staff, credentials, members and the points ledger.
-- Merchant settings live in the merchant grain's state (Orleans grain storage).

CREATE TABLE staff_account (
    staff_id      uuid PRIMARY KEY,
    merchant_id   uuid NOT NULL,
    email         text NOT NULL,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('owner', 'admin', 'cashier')),
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- E-mail addresses sign in across all merchants, so they are unique regardless of case.
CREATE UNIQUE INDEX staff_account_email_key ON staff_account (lower(email));
CREATE INDEX staff_account_merchant_idx ON staff_account (merchant_id);

-- Bearer tokens of signed-in staff. Only the SHA-256 of the secret is stored.
CREATE TABLE access_token (
    secret_hash bytea PRIMARY KEY CHECK (length(secret_hash) = 32),
    staff_id    uuid NOT NULL REFERENCES staff_account (staff_id),
    merchant_id uuid NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

-- API keys of POS devices and partners. Only the SHA-256 of the secret is stored.
CREATE TABLE api_key (
    api_key_id  uuid PRIMARY KEY,
    merchant_id uuid NOT NULL,
    name        text NOT NULL,
    scope       text NOT NULL CHECK (scope IN ('pos', 'partner', 'admin')),
    secret_hash bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE INDEX api_key_merchant_idx ON api_key (merchant_id);

-- A member is one phone number (E.164) at one merchant.
CREATE TABLE member (
    merchant_id       uuid NOT NULL,
    phone             text NOT NULL CHECK (phone ~ '^\+66[689][0-9]{8}$'),
    status            text NOT NULL CHECK (status IN ('PENDING_SIGN_UP', 'REGISTERED')),
    name              text,
    birth_date        date,
    gender            text CHECK (gender IN ('FEMALE', 'MALE', 'OTHER', 'UNSPECIFIED')),
    marketing_consent boolean NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    registered_at     timestamptz,
    PRIMARY KEY (merchant_id, phone)
);

-- The points ledger: the single truth of every member's points. Rows are only ever inserted.
-- seq numbers each member's entries from 1 without gaps; unique (merchant_id, phone, seq) is
-- the optimistic concurrency check of the member grain that writes them.
CREATE TABLE point_ledger (
    entry_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id     uuid NOT NULL,
    phone           text NOT NULL,
    seq             bigint NOT NULL CHECK (seq > 0),
    kind            text NOT NULL CHECK (kind IN ('EARN', 'SEND', 'PULL')),
    points          bigint NOT NULL,
    balance_after   bigint NOT NULL CHECK (balance_after >= 0),
    lifetime_after  bigint NOT NULL CHECK (lifetime_after >= 0),
    amount          numeric(14, 2) CHECK (amount >= 0),
    spend_per_point numeric(14, 2) CHECK (spend_per_point > 0),
    receipt_number  text,
    reason          text,
    idempotency_key text NOT NULL,
    actor           text NOT NULL,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT point_ledger_member_seq_key UNIQUE (merchant_id, phone, seq),
    CONSTRAINT point_ledger_idempotency_key UNIQUE (merchant_id, idempotency_key),
    CONSTRAINT point_ledger_earn_has_receipt CHECK (kind <> 'EARN' OR receipt_number IS NOT NULL)
);

-- One receipt earns once per merchant.
CREATE UNIQUE INDEX point_ledger_earn_receipt_key
    ON point_ledger (merchant_id, receipt_number) WHERE kind = 'EARN';

CREATE FUNCTION point_ledger_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'point_ledger is append-only: % is not allowed; write a correcting entry instead', TG_OP;
END;
$$;

CREATE TRIGGER point_ledger_append_only
    BEFORE UPDATE OR DELETE ON point_ledger
    FOR EACH ROW EXECUTE FUNCTION point_ledger_reject_change();
