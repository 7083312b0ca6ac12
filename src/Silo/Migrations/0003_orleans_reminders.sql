-- Table and stored queries for the Orleans ADO.NET reminder table provider
-- (Microsoft.Orleans.Reminders.AdoNet 10.4.2). OrleansQuery is created by 0001.
--
-- grain_hash is the grain id's uniform hash, a uint that the provider passes as a signed int.
-- Each silo reads the reminders whose hash falls in its ring range (BeginHash, EndHash].
-- The provider picks ReadRangeRows1Key when BeginHash < EndHash as signed ints and
-- ReadRangeRows2Key when the range wraps around the end of the signed order.
-- version is the reminder's ETag: every upsert bumps it, and a delete must name it.

CREATE TABLE orleans_reminder
(
    service_id text NOT NULL,
    grain_id text NOT NULL,
    reminder_name text NOT NULL,
    start_time timestamptz NOT NULL,
    period_ms bigint NOT NULL,
    grain_hash integer NOT NULL,
    version integer NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX orleans_reminder_service_hash ON orleans_reminder (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    -- A single statement, so the insert-or-bump is atomic under concurrent upserts.
    'UpsertReminderRowKey',
    $$INSERT INTO orleans_reminder AS r
        (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
    SET start_time = EXCLUDED.start_time,
        period_ms = EXCLUDED.period_ms,
        grain_hash = EXCLUDED.grain_hash,
        version = r.version + 1
    RETURNING r.version AS "Version"$$
),
(
    'ReadReminderRowsKey',
    $$SELECT grain_id AS "GrainId", reminder_name AS "ReminderName",
        start_time AS "StartTime", period_ms AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND grain_id = @GrainId$$
),
(
    'ReadReminderRowKey',
    $$SELECT grain_id AS "GrainId", reminder_name AS "ReminderName",
        start_time AS "StartTime", period_ms AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND grain_id = @GrainId
      AND reminder_name = @ReminderName$$
),
(
    'ReadRangeRows1Key',
    $$SELECT grain_id AS "GrainId", reminder_name AS "ReminderName",
        start_time AS "StartTime", period_ms AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND grain_hash > @BeginHash
      AND grain_hash <= @EndHash$$
),
(
    'ReadRangeRows2Key',
    $$SELECT grain_id AS "GrainId", reminder_name AS "ReminderName",
        start_time AS "StartTime", period_ms AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)$$
),
(
    -- Returns true only when a row with the given version was deleted.
    'DeleteReminderRowKey',
    $$WITH deleted AS (
        DELETE FROM orleans_reminder
        WHERE service_id = @ServiceId
          AND grain_id = @GrainId
          AND reminder_name = @ReminderName
          AND version = @Version
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM deleted)$$
),
(
    'DeleteReminderRowsKey',
    $$DELETE FROM orleans_reminder
    WHERE service_id = @ServiceId$$
);
