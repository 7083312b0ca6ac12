-- Automation rules that send a coupon or wait for a member's state, and wheel prizes that give a
-- coupon or a reward.

-- A SEND_COUPON rule names the coupon campaign it issues from and credits no points, so the
-- points check now depends on the action.
ALTER TABLE automation_rule
    ADD COLUMN campaign_id uuid,
    DROP CONSTRAINT automation_rule_action_check,
    ADD CONSTRAINT automation_rule_action_check CHECK (action IN ('AWARD_POINTS', 'SEND_COUPON')),
    DROP CONSTRAINT automation_rule_points_check,
    ADD CONSTRAINT automation_rule_action_fields CHECK (
        (action = 'AWARD_POINTS' AND points > 0 AND campaign_id IS NULL)
        OR (action = 'SEND_COUPON' AND points = 0 AND campaign_id IS NOT NULL));

-- Wheel prizes that issue a coupon of a campaign or give a GIVEAWAY reward. Each names what it
-- gives, and only points prizes credit points.
ALTER TABLE wheel_prize
    ADD COLUMN campaign_id uuid,
    ADD COLUMN reward_id uuid,
    DROP CONSTRAINT wheel_prize_kind_check,
    ADD CONSTRAINT wheel_prize_kind_check CHECK (kind IN ('POINTS', 'NOTHING', 'COUPON', 'REWARD')),
    ADD CONSTRAINT wheel_prize_target CHECK (
        (campaign_id IS NOT NULL) = (kind = 'COUPON') AND (reward_id IS NOT NULL) = (kind = 'REWARD'));

-- Triggers on a member's state, found by scanning members rather than read from a ledger entry:
-- SIGN_UP (registered), BIRTHDAY_MONTH (once a year) and NO_VISIT_DAYS (days since the last
-- EARN). Firings of SIGN_UP and BIRTHDAY_MONTH have no ledger entry.
ALTER TABLE automation_rule
    DROP CONSTRAINT automation_rule_trigger_check,
    ADD CONSTRAINT automation_rule_trigger_check CHECK (trigger IN (
        'NTH_VISIT', 'POINTS_THRESHOLD', 'SIGN_UP', 'BIRTHDAY_MONTH', 'NO_VISIT_DAYS'));

ALTER TABLE automation_firing ALTER COLUMN entry_id DROP NOT NULL;
