-- Staff invitations, refresh tokens, staff removal, the cashiers' manual points limit and the
-- audit log of every change made by staff or API keys.

ALTER TABLE staff_account ADD COLUMN removed_at timestamptz;

-- A session family: one sign-in and every token refreshed from it. Reusing a spent refresh token
-- revokes the family, and a token of a revoked family is rejected even when it was issued after
-- the revocation by a refresh that raced with it.
CREATE TABLE session_family (
    family_id   uuid PRIMARY KEY,
    staff_id    uuid NOT NULL REFERENCES staff_account (staff_id),
    merchant_id uuid NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE INDEX session_family_staff_idx ON session_family (staff_id);

-- Tokens issued before this column existed have no family.
ALTER TABLE access_token ADD COLUMN family_id uuid REFERENCES session_family (family_id);
CREATE INDEX access_token_family_idx ON access_token (family_id) WHERE family_id IS NOT NULL;
CREATE INDEX access_token_staff_idx ON access_token (staff_id);

-- Refresh tokens: single use, rotated on every refresh. Only the SHA-256 of the secret is stored.
CREATE TABLE refresh_token (
    secret_hash bytea PRIMARY KEY CHECK (length(secret_hash) = 32),
    family_id   uuid NOT NULL REFERENCES session_family (family_id),
    staff_id    uuid NOT NULL REFERENCES staff_account (staff_id),
    merchant_id uuid NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);

CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_staff_idx ON refresh_token (staff_id);

-- An owner's invitation of an admin or a cashier. The one-time token is stored as its SHA-256.
CREATE TABLE staff_invitation (
    invitation_id uuid PRIMARY KEY,
    merchant_id   uuid NOT NULL,
    email         text NOT NULL,
    role          text NOT NULL CHECK (role IN ('admin', 'cashier')),
    token_hash    bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    invited_by    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    accepted_at   timestamptz,
    staff_id      uuid REFERENCES staff_account (staff_id)
);

CREATE INDEX staff_invitation_merchant_idx ON staff_invitation (merchant_id);

-- Access settings of a merchant that live beside its grain state.
CREATE TABLE merchant_access (
    merchant_id          uuid PRIMARY KEY,
    cashier_points_limit bigint NOT NULL CHECK (cashier_points_limit >= 0),
    updated_by           text NOT NULL,
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- Every change of points or settings by staff or an API key: who, what, when and from where.
CREATE TABLE audit_log (
    audit_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id    uuid NOT NULL,
    actor_kind     text NOT NULL CHECK (actor_kind IN ('staff', 'api-key')),
    actor_id       uuid NOT NULL,
    role           text NOT NULL,
    action         text NOT NULL,
    target         text,
    details        jsonb NOT NULL,
    remote_address text,
    occurred_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_merchant_idx ON audit_log (merchant_id, audit_id DESC);
