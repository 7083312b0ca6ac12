-- Table, functions and stored queries for the Orleans ADO.NET grain storage provider
-- (Microsoft.Orleans.Persistence.AdoNet 10.4.2). OrleansQuery is created by 0001.
--
-- The provider passes seven values that together identify a grain state:
--   GrainIdHash and GrainTypeHash, int hashes of the grain key and of the grain type;
--   GrainIdN0 and GrainIdN1, the two halves of a Guid key, or 0 and an integer key;
--   GrainTypeString, the state name;
--   GrainIdExtensionString, the string key or key extension, or null;
--   ServiceId.
-- The hashes lead the unique index so that a lookup narrows quickly. The full values follow
-- them, so two grains whose hashes collide still get separate rows.
--
-- version is the state's ETag. A write must name the version it read and gets the next one.
-- The provider treats a missing or null NewGrainStateVersion as a version conflict and throws
-- InconsistentStateException.

CREATE TABLE orleans_grain_state
(
    grain_id_hash integer NOT NULL,
    grain_id_n0 bigint NOT NULL,
    grain_id_n1 bigint NOT NULL,
    grain_type_hash integer NOT NULL,
    grain_type_string text NOT NULL,
    grain_id_extension_string text NULL,
    service_id text NOT NULL,
    payload_binary bytea NULL,
    version integer NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now()
);

-- NULLS NOT DISTINCT (PostgreSQL 15 or later) makes a null extension string a key value of its
-- own, so ON CONFLICT also catches two first writes of an integer- or Guid-keyed grain.
-- NOTE: PostgreSQL limits a btree index entry to about 2.7 kB (a third of an 8 kB page), so a
-- write fails when the state name and string key together are longer than that.
CREATE UNIQUE INDEX orleans_grain_state_key
    ON orleans_grain_state (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1,
                            service_id, grain_type_string, grain_id_extension_string)
    NULLS NOT DISTINCT;

-- Writes a grain state and returns its new version, or null on a version conflict.
-- A null expected version means the caller has never seen a row, so the row is inserted with
-- version 1. When a row already exists, ON CONFLICT leaves it unchanged and the result is null.
-- A non-null expected version updates the row only if its version still matches. The row lock
-- taken by UPDATE makes that check and the bump atomic.
CREATE FUNCTION orleans_write_grain_state(
    p_grain_id_hash integer,
    p_grain_id_n0 bigint,
    p_grain_id_n1 bigint,
    p_grain_type_hash integer,
    p_grain_type_string text,
    p_grain_id_extension_string text,
    p_service_id text,
    p_expected_version integer,
    p_payload_binary bytea)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    new_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO orleans_grain_state
            (grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type_string,
             grain_id_extension_string, service_id, payload_binary, version)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type_string,
             p_grain_id_extension_string, p_service_id, p_payload_binary, 1)
        ON CONFLICT DO NOTHING
        RETURNING version INTO new_version;

        RETURN new_version;
    END IF;

    UPDATE orleans_grain_state
    SET payload_binary = p_payload_binary,
        version = version + 1,
        modified_at = now()
    WHERE grain_id_hash = p_grain_id_hash
      AND grain_type_hash = p_grain_type_hash
      AND grain_id_n0 = p_grain_id_n0
      AND grain_id_n1 = p_grain_id_n1
      AND service_id = p_service_id
      AND grain_type_string = p_grain_type_string
      AND grain_id_extension_string IS NOT DISTINCT FROM p_grain_id_extension_string
      AND version = p_expected_version
    RETURNING version INTO new_version;

    RETURN new_version;
END;
$$;

-- Clears a grain state but keeps its row and bumps the version, so a writer that still has
-- the old version gets a conflict. Returns the new version, or null on a version conflict.
CREATE FUNCTION orleans_clear_grain_state(
    p_grain_id_hash integer,
    p_grain_id_n0 bigint,
    p_grain_id_n1 bigint,
    p_grain_type_hash integer,
    p_grain_type_string text,
    p_grain_id_extension_string text,
    p_service_id text,
    p_expected_version integer)
RETURNS integer
LANGUAGE sql
AS $$
    UPDATE orleans_grain_state
    SET payload_binary = NULL,
        version = version + 1,
        modified_at = now()
    WHERE grain_id_hash = p_grain_id_hash
      AND grain_type_hash = p_grain_type_hash
      AND grain_id_n0 = p_grain_id_n0
      AND grain_id_n1 = p_grain_id_n1
      AND service_id = p_service_id
      AND grain_type_string = p_grain_type_string
      AND grain_id_extension_string IS NOT DISTINCT FROM p_grain_id_extension_string
      AND version = p_expected_version
    RETURNING version;
$$;

-- Deletes a grain state row. Used instead of orleans_clear_grain_state when the storage is
-- configured with DeleteStateOnClear. Returns the version after the deleted one, so the
-- provider can tell success from a conflict, or null on a version conflict.
CREATE FUNCTION orleans_delete_grain_state(
    p_grain_id_hash integer,
    p_grain_id_n0 bigint,
    p_grain_id_n1 bigint,
    p_grain_type_hash integer,
    p_grain_type_string text,
    p_grain_id_extension_string text,
    p_service_id text,
    p_expected_version integer)
RETURNS integer
LANGUAGE sql
AS $$
    DELETE FROM orleans_grain_state
    WHERE grain_id_hash = p_grain_id_hash
      AND grain_type_hash = p_grain_type_hash
      AND grain_id_n0 = p_grain_id_n0
      AND grain_id_n1 = p_grain_id_n1
      AND service_id = p_service_id
      AND grain_type_string = p_grain_type_string
      AND grain_id_extension_string IS NOT DISTINCT FROM p_grain_id_extension_string
      AND version = p_expected_version
    RETURNING version + 1;
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'ReadFromStorageKey',
    $$SELECT payload_binary AS "PayloadBinary", version AS "Version"
    FROM orleans_grain_state
    WHERE grain_id_hash = @GrainIdHash
      AND grain_type_hash = @GrainTypeHash
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND service_id = @ServiceId
      AND grain_type_string = @GrainTypeString
      AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString$$
),
(
    'WriteToStorageKey',
    $$SELECT orleans_write_grain_state(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
        AS "NewGrainStateVersion"$$
),
(
    'ClearStorageKey',
    $$SELECT orleans_clear_grain_state(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion)$$
),
(
    'DeleteStorageKey',
    $$SELECT orleans_delete_grain_state(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion)$$
);
