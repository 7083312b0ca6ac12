-- Rewards and coupons. The grains of a campaign, a coupon and a reward are their single
-- writers; the conditional UPDATEs below keep stock and limits exact even when a second
-- activation of a grain exists for a moment during a cluster membership change.

ALTER TABLE point_ledger DROP CONSTRAINT point_ledger_kind_check, ADD CONSTRAINT point_ledger_kind_check CHECK (kind IN ('EARN','SEND','PULL','EXPIRE','PAY','REFUND','VOID','TRANSFER_OUT','TRANSFER_IN','IMPORT','REDEEM'));

-- A kind of coupon with its stock, per-member limit, validity window and discount.
-- starts_at and ends_at are the local midnights of valid_from and of the day after
-- valid_through in the merchant's time zone when the campaign was created.
CREATE TABLE coupon_campaign (
    campaign_id      uuid PRIMARY KEY,
    merchant_id      uuid NOT NULL,
    name             text NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('WELCOME', 'PROMOTION', 'PURCHASE', 'GIFT_VOUCHER', 'COUNTER')),
    discount_kind    text NOT NULL CHECK (discount_kind IN ('AMOUNT', 'PERCENT', 'FREE_ITEM', 'VALUE')),
    discount_amount  numeric(14, 2) CHECK (discount_amount > 0),
    discount_percent numeric(5, 2) CHECK (discount_percent > 0 AND discount_percent <= 100),
    free_item_sku    text,
    voucher_value    numeric(14, 2) CHECK (voucher_value > 0),
    stock            integer CHECK (stock >= 0),
    per_member_limit integer NOT NULL CHECK (per_member_limit > 0),
    valid_from       date NOT NULL,
    valid_through    date NOT NULL CHECK (valid_through >= valid_from),
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL,
    minimum_amount   numeric(14, 2) CHECK (minimum_amount >= 0),
    required_sku     text,
    image_url        text,
    active           boolean NOT NULL,
    issued_count     integer NOT NULL DEFAULT 0 CHECK (issued_count >= 0),
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT coupon_campaign_stock_held CHECK (stock IS NULL OR issued_count <= stock)
);

CREATE INDEX coupon_campaign_merchant_idx ON coupon_campaign (merchant_id, kind);

-- One coupon owned by one member. occasion_key names why it was issued ("welcome",
-- "receipt:R-1", a promotion's key), so issuing again for the same occasion returns it.
-- remaining_value is the unspent value of a gift voucher and null for other coupons.
CREATE TABLE coupon (
    coupon_id       uuid PRIMARY KEY,
    code            text NOT NULL,
    campaign_id     uuid NOT NULL REFERENCES coupon_campaign (campaign_id),
    merchant_id     uuid NOT NULL,
    phone           text NOT NULL CHECK (phone ~ '^\+66[689][0-9]{8}$'),
    occasion_key    text NOT NULL,
    status          text NOT NULL CHECK (status IN ('ISSUED', 'USED')),
    remaining_value numeric(14, 2) CHECK (remaining_value >= 0),
    issued_by       text NOT NULL,
    issued_at       timestamptz NOT NULL DEFAULT now(),
    used_at         timestamptz,
    CONSTRAINT coupon_code_key UNIQUE (merchant_id, code),
    CONSTRAINT coupon_occasion_key UNIQUE (campaign_id, phone, occasion_key)
);

CREATE INDEX coupon_member_idx ON coupon (merchant_id, phone);

-- Each use of a coupon at a checkout. A release (a checkout that failed on another coupon)
-- deletes the row and gives the value back.
CREATE TABLE coupon_use (
    coupon_id    uuid NOT NULL REFERENCES coupon (coupon_id),
    checkout_key text NOT NULL,
    discount     numeric(14, 2) NOT NULL CHECK (discount >= 0),
    used_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (coupon_id, checkout_key)
);

-- The result of each applyCoupons request, so a retry with its idempotency key returns it.
CREATE TABLE coupon_checkout (
    merchant_id     uuid NOT NULL,
    idempotency_key text NOT NULL,
    request_hash    bytea NOT NULL,
    result          jsonb NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (merchant_id, idempotency_key)
);

-- A reward: REDEEMABLE for points at the counter, or a GIVEAWAY that the merchant sends.
CREATE TABLE reward (
    reward_id        uuid PRIMARY KEY,
    merchant_id      uuid NOT NULL,
    name             text NOT NULL,
    description      text,
    kind             text NOT NULL CHECK (kind IN ('REDEEMABLE', 'GIVEAWAY')),
    points_cost      bigint NOT NULL CHECK (points_cost >= 0),
    stock            integer CHECK (stock >= 0),
    per_member_limit integer NOT NULL CHECK (per_member_limit > 0),
    valid_from       date NOT NULL,
    valid_through    date NOT NULL CHECK (valid_through >= valid_from),
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL,
    image_url        text,
    active           boolean NOT NULL,
    granted_count    integer NOT NULL DEFAULT 0 CHECK (granted_count >= 0),
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reward_stock_held CHECK (stock IS NULL OR granted_count <= stock),
    CONSTRAINT reward_giveaway_free CHECK (kind <> 'GIVEAWAY' OR points_cost = 0)
);

CREATE INDEX reward_merchant_idx ON reward (merchant_id);

-- A member's redemption of a reward. PENDING holds a counter code (6 digits, valid until
-- code_expires_at); CONFIRMING has taken stock and waits for its REDEEM ledger entry;
-- CONFIRMED names that entry; GIVEN is a giveaway; CANCELLED gave its stock back or never
-- took it. Only the SHA-256 of the code is stored.
CREATE TABLE reward_redemption (
    redemption_id   uuid PRIMARY KEY,
    reward_id       uuid NOT NULL REFERENCES reward (reward_id),
    merchant_id     uuid NOT NULL,
    phone           text NOT NULL CHECK (phone ~ '^\+66[689][0-9]{8}$'),
    status          text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMING', 'CONFIRMED', 'GIVEN', 'CANCELLED')),
    points          bigint NOT NULL CHECK (points >= 0),
    code_hash       bytea CHECK (length(code_hash) = 32),
    code_expires_at timestamptz,
    failed_attempts integer NOT NULL DEFAULT 0,
    occasion_key    text,
    entry_id        bigint REFERENCES point_ledger (entry_id),
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    decided_by      text,
    decided_at      timestamptz,
    CONSTRAINT reward_redemption_occasion_key UNIQUE (reward_id, phone, occasion_key)
);

CREATE INDEX reward_redemption_member_idx ON reward_redemption (merchant_id, phone);
