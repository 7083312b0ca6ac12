-- One purchase earning points, as a POS backend without Pointspot would write it: lock the
-- member's row, compute the new balance in the application, update it and append a ledger row,
-- all in one transaction. The amount (125.00) and its 5 points match the load generator's.
-- Run with pgbench -D members=N.
\set member random(0, :members - 1)
\set points 5
BEGIN;
SELECT balance, lifetime FROM pos_member WHERE phone = '+666' || lpad(:member::text, 8, '0') FOR UPDATE \gset
UPDATE pos_member SET balance = :balance::bigint + :points::bigint,
    lifetime = :lifetime::bigint + :points::bigint
    WHERE phone = '+666' || lpad(:member::text, 8, '0');
INSERT INTO pos_ledger (phone, points, balance_after, amount, receipt_number, idempotency_key, occurred_at)
    VALUES ('+666' || lpad(:member::text, 8, '0'), :points, :balance::bigint + :points::bigint, 125.00,
            gen_random_uuid()::text, gen_random_uuid()::text, now());
END;
