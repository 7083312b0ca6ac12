-- Member cards, automation, referral and the wheel game.
--
-- Tiers and the card program live in the member-cards grain's state. A member's tier is not
-- stored: the member grain derives it from its ledger rows (lifetime points or lifetime spend).

-- New ledger kinds: the cost of a wheel spin, a wheel prize in points, points given by an
-- automation rule and the points of a referral. The three credits open expiry lots.
ALTER TABLE point_ledger
    DROP CONSTRAINT point_ledger_kind_check,
    ADD CONSTRAINT point_ledger_kind_check CHECK (kind IN (
        'EARN','SEND','PULL','EXPIRE','PAY','REFUND','VOID','TRANSFER_OUT','TRANSFER_IN','IMPORT',
        'REDEEM','WHEEL_SPIN','WHEEL_PRIZE','AUTOMATION','REFERRAL')),
    DROP CONSTRAINT point_ledger_expiry_on_credit,
    ADD CONSTRAINT point_ledger_expiry_on_credit CHECK (
        expires_at IS NULL OR (kind IN ('EARN','SEND','TRANSFER_IN','IMPORT','WHEEL_PRIZE',
            'AUTOMATION','REFERRAL') AND points > 0));

-- Automation rules of a merchant. A rule's trigger names what it waits for, and its action
-- names what it does when the trigger holds.
CREATE TABLE automation_rule (
    rule_id     uuid PRIMARY KEY,
    merchant_id uuid NOT NULL,
    name        text NOT NULL,
    trigger     text NOT NULL CHECK (trigger IN ('NTH_VISIT', 'POINTS_THRESHOLD')),
    threshold   bigint NOT NULL CHECK (threshold > 0),
    action      text NOT NULL CHECK (action IN ('AWARD_POINTS')),
    points      bigint NOT NULL CHECK (points > 0),
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX automation_rule_merchant_idx ON automation_rule (merchant_id);

-- The last ledger entry_id of a merchant that automation has processed. Entries after it are
-- read again after a restart.
CREATE TABLE automation_checkpoint (
    merchant_id   uuid PRIMARY KEY,
    last_entry_id bigint NOT NULL
);

-- Each firing of a rule, once per member and occasion. The row is written before the rule's
-- effect, and completed_at after it, so a firing cut short by a crash is finished, not
-- repeated: the effect is a ledger entry whose idempotency key names the firing.
CREATE TABLE automation_firing (
    rule_id      uuid NOT NULL REFERENCES automation_rule (rule_id),
    phone        text NOT NULL,
    occasion     text NOT NULL,
    merchant_id  uuid NOT NULL,
    entry_id     bigint NOT NULL REFERENCES point_ledger (entry_id),
    fired_at     timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    -- The error code of an action that failed for good, so the firing is not tried again.
    error_code   text,
    PRIMARY KEY (rule_id, phone, occasion)
);

-- Referral: the points each side gets, a code per member and who referred whom.
CREATE TABLE referral_program (
    merchant_id     uuid PRIMARY KEY,
    referrer_points bigint NOT NULL CHECK (referrer_points >= 0),
    referee_points  bigint NOT NULL CHECK (referee_points >= 0),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE referral_code (
    merchant_id uuid NOT NULL,
    phone       text NOT NULL,
    code        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (merchant_id, phone),
    CONSTRAINT referral_code_key UNIQUE (merchant_id, code)
);

-- A member is referred at most once. rewarded_at is set when both sides got their points.
CREATE TABLE referral (
    merchant_id    uuid NOT NULL,
    referee_phone  text NOT NULL,
    referrer_phone text NOT NULL CHECK (referrer_phone <> referee_phone),
    referred_at    timestamptz NOT NULL DEFAULT now(),
    rewarded_at    timestamptz,
    PRIMARY KEY (merchant_id, referee_phone)
);

CREATE INDEX referral_referrer_idx ON referral (merchant_id, referrer_phone);

-- Wheel games. A game's prizes are fixed when it is created; to change them, create a new
-- game and stop the old one.
CREATE TABLE wheel_game (
    game_id          uuid PRIMARY KEY,
    merchant_id      uuid NOT NULL,
    name             text NOT NULL,
    spin_cost        bigint NOT NULL CHECK (spin_cost >= 0),
    daily_spin_limit int NOT NULL CHECK (daily_spin_limit > 0),
    active           boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX wheel_game_merchant_idx ON wheel_game (merchant_id);

CREATE TABLE wheel_prize (
    game_id  uuid NOT NULL REFERENCES wheel_game (game_id),
    prize_id int NOT NULL CHECK (prize_id > 0),
    label    text NOT NULL,
    kind     text NOT NULL CHECK (kind IN ('POINTS', 'NOTHING')),
    points   bigint NOT NULL CHECK (points >= 0),
    weight   int NOT NULL CHECK (weight > 0),
    -- Null: no limit.
    stock    int CHECK (stock >= 0),
    PRIMARY KEY (game_id, prize_id),
    CONSTRAINT wheel_prize_points CHECK ((kind = 'POINTS') = (points > 0))
);

-- Every spin with its outcome. day_spin_number counts a member's spins of one local day from 1,
-- and prize_unit counts the wins of a prize with stock from 1. Two activations of one game that
-- spin at the same moment take the same number, and the unique keys below reject the second.
CREATE TABLE wheel_spin (
    spin_id         uuid PRIMARY KEY,
    game_id         uuid NOT NULL REFERENCES wheel_game (game_id),
    merchant_id     uuid NOT NULL,
    phone           text NOT NULL,
    idempotency_key text NOT NULL,
    local_day       date NOT NULL,
    day_spin_number int NOT NULL CHECK (day_spin_number > 0),
    prize_id        int NOT NULL,
    prize_unit      int CHECK (prize_unit > 0),
    spin_cost       bigint NOT NULL,
    prize_points    bigint NOT NULL,
    spun_at         timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (game_id, prize_id) REFERENCES wheel_prize (game_id, prize_id),
    CONSTRAINT wheel_spin_idempotency_key UNIQUE (game_id, phone, idempotency_key),
    CONSTRAINT wheel_spin_day_key UNIQUE (game_id, phone, local_day, day_spin_number),
    CONSTRAINT wheel_spin_stock_key UNIQUE (game_id, prize_id, prize_unit)
);
