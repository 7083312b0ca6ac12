-- Automation rules that send a coupon.
--
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
