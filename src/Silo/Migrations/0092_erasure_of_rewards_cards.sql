-- Erasure of a member (PDPA) also reaches the tables of rewards, coupons, automation, referral
-- and the wheel: their rows keep the member's pseudonym in place of the phone number, like the
-- ledger's. Coupons and reward redemptions checked the phone's form, so the pseudonym's form is
-- allowed there too.

ALTER TABLE coupon
    DROP CONSTRAINT coupon_phone_check,
    ADD CONSTRAINT coupon_phone_check CHECK (phone ~ '^\+66[689][0-9]{8}$' OR phone ~ '^erased-[0-9a-f]{32}$');

ALTER TABLE reward_redemption
    DROP CONSTRAINT reward_redemption_phone_check,
    ADD CONSTRAINT reward_redemption_phone_check CHECK (phone ~ '^\+66[689][0-9]{8}$' OR phone ~ '^erased-[0-9a-f]{32}$');
