-- Tables, functions and stored queries for the Orleans ADO.NET clustering provider
-- (Microsoft.Orleans.Clustering.AdoNet 10.4.2).
--
-- All three ADO.NET providers load their SQL at start-up with
-- `SELECT QueryKey, QueryText FROM OrleansQuery` and run each text with @Name parameters.
-- PostgreSQL folds those unquoted names to lower case, so the table below matches them.
-- The key names, parameter names and result column names are fixed by the providers.
-- Every table, column and function name is this project's own.

CREATE TABLE OrleansQuery
(
    QueryKey text PRIMARY KEY,
    QueryText text NOT NULL
);

-- One row per cluster (the provider passes the cluster id as DeploymentId). Its version is the
-- membership table's version: every insert or update of a member must name the version it
-- read and bumps it by one, so two silos never both act on a stale view.
CREATE TABLE orleans_membership_version
(
    deployment_id text PRIMARY KEY,
    version integer NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now()
);

-- One row per silo instance. SuspectTimes is the provider's own text encoding of suspicion votes.
CREATE TABLE orleans_membership
(
    deployment_id text NOT NULL
        REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address text NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name text NOT NULL,
    host_name text NOT NULL,
    status integer NOT NULL,
    proxy_port integer NOT NULL,
    suspect_times text NULL,
    start_time timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Inserts a member if the cluster's version still equals expected_version, and bumps the
-- version in the same transaction. Returns false when the version moved on or the member
-- already exists. The FOR UPDATE lock makes concurrent callers for one cluster run one by one.
CREATE FUNCTION orleans_insert_member(
    p_deployment_id text,
    p_address text,
    p_port integer,
    p_generation integer,
    p_silo_name text,
    p_host_name text,
    p_status integer,
    p_proxy_port integer,
    p_start_time timestamptz,
    p_i_am_alive_time timestamptz,
    p_expected_version integer)
RETURNS boolean
LANGUAGE plpgsql
AS $$
DECLARE
    current_version integer;
BEGIN
    SELECT version INTO current_version
    FROM orleans_membership_version
    WHERE deployment_id = p_deployment_id
    FOR UPDATE;

    IF current_version IS DISTINCT FROM p_expected_version THEN
        RETURN false;
    END IF;

    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status,
         proxy_port, start_time, i_am_alive_time)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
         p_proxy_port, p_start_time, p_i_am_alive_time)
    ON CONFLICT DO NOTHING;

    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = p_deployment_id;

    RETURN true;
END;
$$;

-- Updates a member's status, liveness time and suspicion votes under the same
-- compare-and-bump rule as orleans_insert_member. Returns false when the version moved on
-- or the member does not exist.
CREATE FUNCTION orleans_update_member(
    p_deployment_id text,
    p_address text,
    p_port integer,
    p_generation integer,
    p_status integer,
    p_suspect_times text,
    p_i_am_alive_time timestamptz,
    p_expected_version integer)
RETURNS boolean
LANGUAGE plpgsql
AS $$
DECLARE
    current_version integer;
BEGIN
    SELECT version INTO current_version
    FROM orleans_membership_version
    WHERE deployment_id = p_deployment_id
    FOR UPDATE;

    IF current_version IS DISTINCT FROM p_expected_version THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership
    SET status = p_status,
        suspect_times = p_suspect_times,
        i_am_alive_time = p_i_am_alive_time
    WHERE deployment_id = p_deployment_id
      AND address = p_address
      AND port = p_port
      AND generation = p_generation;

    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = p_deployment_id;

    RETURN true;
END;
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'InsertMembershipVersionKey',
    $$WITH inserted AS (
        INSERT INTO orleans_membership_version (deployment_id)
        VALUES (@DeploymentId)
        ON CONFLICT DO NOTHING
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM inserted)$$
),
(
    'InsertMembershipKey',
    $$SELECT orleans_insert_member(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
        @ProxyPort, @StartTime, @IAmAliveTime, @Version)$$
),
(
    'UpdateMembershipKey',
    $$SELECT orleans_update_member(
        @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
        @IAmAliveTime, @Version)$$
),
(
    -- A silo writes only its own liveness time, so this needs no version check.
    'UpdateIAmAlivetimeKey',
    $$UPDATE orleans_membership
    SET i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId
      AND address = @Address
      AND port = @Port
      AND generation = @Generation$$
),
(
    -- The version row is returned even when the member is missing, because the provider
    -- reads the table version from it.
    'MembershipReadRowKey',
    $$SELECT v.version AS "Version",
        m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
        m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
        m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
        m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m
        ON m.deployment_id = v.deployment_id
       AND m.address = @Address
       AND m.port = @Port
       AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId$$
),
(
    'MembershipReadAllKey',
    $$SELECT v.version AS "Version",
        m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
        m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
        m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
        m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId$$
),
(
    -- The provider passes Status = 3 (SiloStatus.Active). A proxy port of 0 means the silo
    -- runs no gateway.
    'GatewaysQueryKey',
    $$SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
    FROM orleans_membership
    WHERE deployment_id = @DeploymentId
      AND status = @Status
      AND proxy_port > 0$$
),
(
    -- Deleting the version row deletes the cluster's members through ON DELETE CASCADE.
    'DeleteMembershipTableEntriesKey',
    $$DELETE FROM orleans_membership_version
    WHERE deployment_id = @DeploymentId$$
),
(
    -- Removes members that stopped reporting before the cut-off and are not active (3).
    -- The provider uses this only when CleanupDefunctSiloEntryKey is missing.
    'CleanupDefunctSiloEntriesKey',
    $$DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId
      AND i_am_alive_time < @IAmAliveTime
      AND status <> 3$$
),
(
    -- Removes one dead (6) member, but only if its row still has the values the provider read,
    -- so a row that changed since then is kept.
    'CleanupDefunctSiloEntryKey',
    $$DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId
      AND address = @Address
      AND port = @Port
      AND generation = @Generation
      AND status = 6
      AND start_time = @StartTime
      AND i_am_alive_time = @IAmAliveTime
      AND suspect_times IS NOT DISTINCT FROM @SuspectTimes$$
);
