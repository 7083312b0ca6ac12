using System.Security.Cryptography;
using Npgsql;

namespace Pointspot.Grains.Members;

/// <summary>
/// The personal data of a member under Thailand's PDPA: the labels of an export, and erasure.
/// An erasure runs in one transaction. The phone number becomes a pseudonym in the member's
/// ledger rows, member row, labels and claims, and in the reasons of the other members' transfer
/// entries. The profile is cleared and the claim photos are deleted.
/// </summary>
/// <remarks>
/// NOTE: the phone number stays in the stored state of the member's transfer grains (Orleans
/// grain storage), in the error messages of rejected import rows, and in any receipt number,
/// reason or idempotency key that a POS wrote it into.
/// </remarks>
public sealed class MemberPrivacyStore(NpgsqlDataSource dataSource)
{
    /// <summary>The prefix of every pseudonym, which no phone number in E.164 form starts with.</summary>
    public const string PseudonymPrefix = "erased-";

    public static bool IsPseudonym(string phone) => phone.StartsWith(PseudonymPrefix, StringComparison.Ordinal);

    public async Task<List<string>> ReadLabelsAsync(Guid merchantId, string phone)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT label FROM member_label WHERE merchant_id = $1 AND phone = $2 ORDER BY label");
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        var labels = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            labels.Add(reader.GetString(0));
        }

        return labels;
    }

    /// <summary>Returns the pseudonym, the ledger rows kept and the photos deleted, or null when no member has the phone.</summary>
    public async Task<(string Pseudonym, long EntriesKept, int PhotosDeleted)?> EraseAsync(Guid merchantId, string phone)
    {
        // Random, so the pseudonym cannot be computed back from the phone number.
        string pseudonym = PseudonymPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        int members = await ExecuteAsync(connection, """
            UPDATE member SET phone = $3, name = NULL, birth_date = NULL, gender = NULL,
                marketing_consent = false, erased_at = now()
            WHERE merchant_id = $1 AND phone = $2
            """, merchantId, phone, pseudonym);
        if (members == 0)
        {
            return null;
        }

        // The ledger's trigger lets this transaction change phone and reason only.
        await ExecuteAsync(connection, "SELECT set_config('pointspot.erasure', 'on', true)");
        long entries = await ExecuteAsync(connection,
            "UPDATE point_ledger SET phone = $3 WHERE merchant_id = $1 AND phone = $2", merchantId, phone, pseudonym);

        // A transfer entry's reason names the other member's phone number, and a referrer's
        // REFERRAL entry the referee's in national form. Automation and referral entries carry
        // the phone number in their idempotency keys.
        await ExecuteAsync(connection, """
            UPDATE point_ledger SET reason = replace(reason, $2, $3)
            WHERE merchant_id = $1 AND kind IN ('TRANSFER_OUT', 'TRANSFER_IN') AND strpos(reason, $2) > 0
            """, merchantId, phone, pseudonym);
        await ExecuteAsync(connection, """
            UPDATE point_ledger SET reason = replace(reason, $2, $3)
            WHERE merchant_id = $1 AND kind = 'REFERRAL' AND strpos(reason, $2) > 0
            """, merchantId, National(phone), pseudonym);
        await ExecuteAsync(connection, """
            UPDATE point_ledger SET idempotency_key = replace(idempotency_key, $2, $3)
            WHERE merchant_id = $1 AND strpos(idempotency_key, $2) > 0
            """, merchantId, phone, pseudonym);
        await ExecuteAsync(connection, "SELECT set_config('pointspot.erasure', 'off', true)");

        await ExecuteAsync(connection,
            "UPDATE member_label SET phone = $3 WHERE merchant_id = $1 AND phone = $2", merchantId, phone, pseudonym);
        int photos = await ExecuteAsync(connection, """
            UPDATE point_claim SET phone = $3, photo = NULL
            WHERE merchant_id = $1 AND phone = $2
            """, merchantId, phone, pseudonym);
        foreach (string sql in PseudonymUpdates)
        {
            await ExecuteAsync(connection, sql, merchantId, phone, pseudonym);
        }

        // The audit log names the member in its target and in the arguments it recorded.
        // NOTE: only the E.164 and national forms are replaced; a form such as "081-234-5678"
        // that a caller typed stays in the audit log's details.
        foreach (string form in new[] { phone, National(phone) })
        {
            await ExecuteAsync(connection, """
                UPDATE audit_log SET target = CASE WHEN target = $2 THEN $3 ELSE target END,
                    details = replace(details::text, $2, $3)::jsonb
                WHERE merchant_id = $1 AND (target = $2 OR strpos(details::text, $2) > 0)
                """, merchantId, form, pseudonym);
        }

        // A snapshot is a cache of the ledger rows that now carry the pseudonym.
        await ExecuteAsync(connection,
            "DELETE FROM member_snapshot WHERE merchant_id = $1 AND phone = $2", merchantId, phone);
        await transaction.CommitAsync();
        return (pseudonym, entries, photos);
    }

    /// <summary>The other rows that name the member: coupons, rewards, automation, referral and wheel spins.</summary>
    private static readonly string[] PseudonymUpdates =
    [
        "UPDATE coupon SET phone = $3 WHERE merchant_id = $1 AND phone = $2",
        "UPDATE reward_redemption SET phone = $3 WHERE merchant_id = $1 AND phone = $2",
        "UPDATE automation_firing SET phone = $3 WHERE merchant_id = $1 AND phone = $2",
        "UPDATE referral_code SET phone = $3 WHERE merchant_id = $1 AND phone = $2",
        "UPDATE referral SET referee_phone = $3 WHERE merchant_id = $1 AND referee_phone = $2",
        "UPDATE referral SET referrer_phone = $3 WHERE merchant_id = $1 AND referrer_phone = $2",
        "UPDATE wheel_spin SET phone = $3 WHERE merchant_id = $1 AND phone = $2",
    ];

    /// <summary>Returns the national form of an E.164 Thai mobile number: "+66812345678" gives "0812345678".</summary>
    private static string National(string e164) => "0" + e164[3..];

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync();
    }
}
