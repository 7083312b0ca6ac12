-- Products of merchant catalogs.

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
