using Npgsql;
using Pointspot.Grains.Interfaces.Automation;

namespace Pointspot.Grains.Automation;

/// <summary>A member who meets a rule's trigger now, the occasion, and the ledger entry behind it if any.</summary>
public sealed record DueMember(string Phone, string Occasion, long? EntryId);

/// <summary>
/// Finds the members who meet a SIGN_UP, BIRTHDAY_MONTH or NO_VISIT_DAYS rule now and whose firing
/// for that occasion has not completed.
/// </summary>
// NOTE: each query reads all of the merchant's members (or all of its EARN entries for
// NO_VISIT_DAYS) on every reminder tick. That is fine for thousands of members; a merchant with
// millions would need a per-rule checkpoint.
public sealed class MemberScanStore(NpgsqlDataSource dataSource)
{
    private const string NotFired = """
        NOT EXISTS (SELECT 1 FROM automation_firing f
                    WHERE f.rule_id = $2 AND f.phone = due.phone AND f.occasion = due.occasion
                      AND f.completed_at IS NOT NULL)
        """;

    /// <summary>
    /// Returns up to <paramref name="count"/> due members, by phone. <paramref name="now"/> is the
    /// instant the rule is judged at, and <paramref name="timeZone"/> the merchant's IANA time zone.
    /// </summary>
    public async Task<List<DueMember>> FindDueAsync(Guid merchantId, AutomationRuleView rule, DateTimeOffset now,
        string timeZone, int count)
    {
        await using var command = rule.Trigger switch
        {
            AutomationTrigger.SignUp => SignedUp(merchantId, rule, count),
            AutomationTrigger.BirthdayMonth => BirthdayMonth(merchantId, rule, count, now, timeZone),
            AutomationTrigger.NoVisitDays => NoVisit(merchantId, rule, count, now, timeZone),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Trigger, "The trigger is not a member scan."),
        };
        var due = new List<DueMember>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            due.Add(new DueMember(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
        }

        return due;
    }

    /// <summary>Members who registered after the rule was added; occasion "sign-up".</summary>
    private NpgsqlCommand SignedUp(Guid merchantId, AutomationRuleView rule, int count) => Create($"""
        SELECT due.phone, due.occasion, NULL::bigint FROM (
            SELECT m.phone, 'sign-up' AS occasion FROM member m
            WHERE m.merchant_id = $1 AND m.registered_at >= $4) due
        WHERE {NotFired}
        ORDER BY due.phone LIMIT $3
        """, merchantId, rule.Id, count, rule.CreatedAt.UtcDateTime);

    /// <summary>Members born in the merchant's current local month; occasion "birthday-" and the local year.</summary>
    private NpgsqlCommand BirthdayMonth(Guid merchantId, AutomationRuleView rule, int count, DateTimeOffset now,
        string timeZone)
    {
        var local = Merchants.TimeZones.ToLocal(now, timeZone);
        return Create($"""
            SELECT due.phone, due.occasion, NULL::bigint FROM (
                SELECT m.phone, $4::text AS occasion FROM member m
                WHERE m.merchant_id = $1 AND extract(month FROM m.birth_date) = $5) due
            WHERE {NotFired}
            ORDER BY due.phone LIMIT $3
            """, merchantId, rule.Id, count, $"birthday-{local.Year}", local.Month);
    }

    /// <summary>
    /// Members whose last EARN (by its occurredAt) is at least threshold days before
    /// <paramref name="now"/>, and who reached that point after the rule was added; occasion
    /// "no-visit-since-" and that EARN's local date.
    /// </summary>
    private NpgsqlCommand NoVisit(Guid merchantId, AutomationRuleView rule, int count, DateTimeOffset now,
        string timeZone) => Create($"""
        SELECT due.phone, due.occasion, due.entry_id FROM (
            SELECT last.phone, last.entry_id,
                   'no-visit-since-' || to_char(last.occurred_at AT TIME ZONE $7::text, 'YYYY-MM-DD') AS occasion
            FROM (SELECT DISTINCT ON (l.phone) l.phone, l.entry_id, l.occurred_at
                  FROM point_ledger l WHERE l.merchant_id = $1 AND l.kind = 'EARN'
                  ORDER BY l.phone, l.occurred_at DESC, l.entry_id DESC) last
            WHERE last.occurred_at + make_interval(days => $5) <= $4
              AND last.occurred_at + make_interval(days => $5) >= $6) due
        WHERE {NotFired}
        ORDER BY due.phone LIMIT $3
        """, merchantId, rule.Id, count, now.UtcDateTime, (int)rule.Threshold, rule.CreatedAt.UtcDateTime, timeZone);

    private NpgsqlCommand Create(string sql, params object[] values)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
