using Npgsql;
using Pointspot.Grains.Interfaces.Automation;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Automation;

/// <summary>A ledger entry as automation reads it; <see cref="VisitNumber"/> counts the member's EARN entries up to this one.</summary>
public sealed record AutomationEntry(
    long EntryId,
    string Phone,
    LedgerEntryKind Kind,
    long Points,
    long LifetimeAfter,
    long VisitNumber,
    DateTimeOffset RecordedAt);

/// <summary>What the firing table holds for a (rule, member, occasion).</summary>
public enum FiringState
{
    /// <summary>No row existed: this call inserted it.</summary>
    New,

    /// <summary>A row exists whose effect may not have happened: do it again (the effect is keyed).</summary>
    Pending,

    /// <summary>The effect happened, or failed for good.</summary>
    Completed,
}

/// <summary>The automation_rule, automation_checkpoint and automation_firing tables.</summary>
public sealed class AutomationStore(NpgsqlDataSource dataSource)
{
    private const string RuleColumns = "rule_id, name, trigger, threshold, action, points, active, created_at, campaign_id";

    /// <summary>
    /// Inserts a rule and returns it with its creation time from PostgreSQL's clock, the clock of
    /// the ledger's recorded_at that the rule is compared with.
    /// </summary>
    public async Task<AutomationRuleView> InsertRuleAsync(Guid merchantId, AutomationRuleView rule)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO automation_rule (rule_id, merchant_id, name, trigger, threshold, action, points, active, campaign_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            RETURNING {RuleColumns}
            """);
        Add(command, rule.Id, merchantId, rule.Name, TriggerToDatabase(rule.Trigger), rule.Threshold,
            ActionToDatabase(rule.Action), rule.Points, rule.Active, (object?)rule.CampaignId ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ReadRule(reader);
    }

    /// <summary>Sets a rule's active flag; returns the rule, or null when the merchant has no such rule.</summary>
    public async Task<AutomationRuleView?> SetRuleActiveAsync(Guid merchantId, Guid ruleId, bool active)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE automation_rule SET active = $3 WHERE merchant_id = $1 AND rule_id = $2 RETURNING {RuleColumns}
            """);
        Add(command, merchantId, ruleId, active);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadRule(reader) : null;
    }

    public async Task<List<AutomationRuleView>> ListRulesAsync(Guid merchantId)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {RuleColumns} FROM automation_rule WHERE merchant_id = $1 ORDER BY created_at, rule_id");
        Add(command, merchantId);
        var rules = new List<AutomationRuleView>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rules.Add(ReadRule(reader));
        }

        return rules;
    }

    public async Task<long> ReadCheckpointAsync(Guid merchantId)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT last_entry_id FROM automation_checkpoint WHERE merchant_id = $1");
        Add(command, merchantId);
        return await command.ExecuteScalarAsync() is long checkpoint ? checkpoint : 0;
    }

    public async Task WriteCheckpointAsync(Guid merchantId, long checkpoint)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO automation_checkpoint (merchant_id, last_entry_id) VALUES ($1, $2)
            ON CONFLICT (merchant_id) DO UPDATE SET last_entry_id = greatest(automation_checkpoint.last_entry_id, $2)
            """);
        Add(command, merchantId, checkpoint);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Reads up to <paramref name="count"/> of the merchant's entries after <paramref name="afterEntryId"/>, in entry order.</summary>
    public async Task<List<AutomationEntry>> ReadEntriesAsync(Guid merchantId, long afterEntryId, int count)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT l.entry_id, l.phone, l.kind, l.points, l.lifetime_after, l.recorded_at,
                   CASE WHEN l.kind = 'EARN' THEN (
                       SELECT count(*) FROM point_ledger e
                       WHERE e.merchant_id = l.merchant_id AND e.phone = l.phone AND e.kind = 'EARN' AND e.seq <= l.seq)
                   ELSE 0 END
            FROM point_ledger l
            WHERE l.merchant_id = $1 AND l.entry_id > $2
            ORDER BY l.entry_id LIMIT $3
            """);
        Add(command, merchantId, afterEntryId, count);
        var entries = new List<AutomationEntry>(count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new AutomationEntry(reader.GetInt64(0), reader.GetString(1),
                LedgerEntryKinds.FromDatabase(reader.GetString(2)), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(6), ToUtc(reader.GetDateTime(5))));
        }

        return entries;
    }

    /// <summary>Records a firing unless one exists, and returns the firing's state.</summary>
    public async Task<FiringState> BeginFiringAsync(Guid merchantId, Guid ruleId, string phone, string occasion, long? entryId)
    {
        await using var command = dataSource.CreateCommand("""
            WITH inserted AS (
                INSERT INTO automation_firing (rule_id, phone, occasion, merchant_id, entry_id)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT DO NOTHING
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM inserted),
                   (SELECT completed_at IS NOT NULL FROM automation_firing
                    WHERE rule_id = $1 AND phone = $2 AND occasion = $3)
            """);
        Add(command, ruleId, phone, occasion, merchantId, (object?)entryId ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        if (reader.GetBoolean(0))
        {
            return FiringState.New;
        }

        return !reader.IsDBNull(1) && reader.GetBoolean(1) ? FiringState.Completed : FiringState.Pending;
    }

    public async Task CompleteFiringAsync(Guid ruleId, string phone, string occasion, string? errorCode)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE automation_firing SET completed_at = now(), error_code = $4
            WHERE rule_id = $1 AND phone = $2 AND occasion = $3
            """);
        Add(command, ruleId, phone, occasion, (object?)errorCode ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<List<AutomationFiringView>> ListFiringsAsync(Guid merchantId, string? phone)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT rule_id, phone, occasion, entry_id, fired_at, completed_at, error_code FROM automation_firing
            WHERE merchant_id = $1 AND ($2::text IS NULL OR phone = $2)
            ORDER BY fired_at, entry_id LIMIT 1000
            """);
        Add(command, merchantId, (object?)phone ?? DBNull.Value);
        var firings = new List<AutomationFiringView>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            firings.Add(new AutomationFiringView(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3), ToUtc(reader.GetDateTime(4)),
                reader.IsDBNull(5) ? null : ToUtc(reader.GetDateTime(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return firings;
    }

    private static AutomationRuleView ReadRule(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), TriggerFromDatabase(reader.GetString(2)), reader.GetInt64(3),
        ActionFromDatabase(reader.GetString(4)), reader.GetInt64(5), reader.GetBoolean(6), ToUtc(reader.GetDateTime(7)),
        reader.IsDBNull(8) ? null : reader.GetGuid(8));

    private static string TriggerToDatabase(AutomationTrigger trigger) => trigger switch
    {
        AutomationTrigger.NthVisit => "NTH_VISIT",
        AutomationTrigger.PointsThreshold => "POINTS_THRESHOLD",
        AutomationTrigger.SignUp => "SIGN_UP",
        AutomationTrigger.BirthdayMonth => "BIRTHDAY_MONTH",
        AutomationTrigger.NoVisitDays => "NO_VISIT_DAYS",
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Unknown automation trigger."),
    };

    private static AutomationTrigger TriggerFromDatabase(string value) => value switch
    {
        "NTH_VISIT" => AutomationTrigger.NthVisit,
        "POINTS_THRESHOLD" => AutomationTrigger.PointsThreshold,
        "SIGN_UP" => AutomationTrigger.SignUp,
        "BIRTHDAY_MONTH" => AutomationTrigger.BirthdayMonth,
        "NO_VISIT_DAYS" => AutomationTrigger.NoVisitDays,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown automation trigger."),
    };

    private static string ActionToDatabase(AutomationActionKind action) => action switch
    {
        AutomationActionKind.AwardPoints => "AWARD_POINTS",
        AutomationActionKind.SendCoupon => "SEND_COUPON",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown automation action."),
    };

    private static AutomationActionKind ActionFromDatabase(string value) => value switch
    {
        "AWARD_POINTS" => AutomationActionKind.AwardPoints,
        "SEND_COUPON" => AutomationActionKind.SendCoupon,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown automation action."),
    };

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }

    private static DateTimeOffset ToUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
