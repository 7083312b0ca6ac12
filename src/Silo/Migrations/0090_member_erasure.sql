-- Erasure of a member on request (Thailand's PDPA). The member's rows keep their amounts and
-- sequence numbers, but the phone number that identifies the person becomes a pseudonym of the
-- form "erased-" and 32 hex digits, which no phone number matches. The same phone can then
-- sign up again as a new member.

-- The ledger stays append-only for everything else. An erasure sets the transaction-local
-- setting pointspot.erasure to 'on'. It may then replace a phone by a pseudonym and rewrite a
-- reason or an idempotency key (other members' transfer and referral entries name the erased
-- phone), and change nothing else.
CREATE OR REPLACE FUNCTION point_ledger_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND current_setting('pointspot.erasure', true) = 'on'
       AND (NEW.phone = OLD.phone OR NEW.phone ~ '^erased-[0-9a-f]{32}$')
       AND (to_jsonb(NEW) - 'phone' - 'reason' - 'idempotency_key')
           = (to_jsonb(OLD) - 'phone' - 'reason' - 'idempotency_key') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'point_ledger is append-only: % is not allowed; write a correcting entry instead', TG_OP;
END;
$$;

ALTER TABLE member
    DROP CONSTRAINT member_phone_check,
    ADD CONSTRAINT member_phone_check CHECK (phone ~ '^\+66[689][0-9]{8}$' OR phone ~ '^erased-[0-9a-f]{32}$'),
    ADD COLUMN erased_at timestamptz;

-- An erased member's claims keep their amounts and decisions; their receipt photos are deleted.
ALTER TABLE point_claim
    DROP CONSTRAINT point_claim_phone_check,
    ADD CONSTRAINT point_claim_phone_check CHECK (phone ~ '^\+66[689][0-9]{8}$' OR phone ~ '^erased-[0-9a-f]{32}$'),
    ALTER COLUMN photo DROP NOT NULL;
