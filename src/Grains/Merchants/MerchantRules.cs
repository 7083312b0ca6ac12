using System.Globalization;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Merchants;

/// <summary>Checks of merchant settings and sign-up input. Each returns null when the input is valid.</summary>
public static class MerchantRules
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 128;
    public const decimal MinSpendPerPoint = 0.01m;
    public const decimal MaxSpendPerPoint = 1_000_000.00m;

    public static PointspotError? CheckEarnRule(decimal spendPerPoint, decimal minimumSpend)
    {
        string shown = spendPerPoint.ToString(CultureInfo.InvariantCulture);
        if (spendPerPoint < 0)
        {
            return new PointspotError(ErrorCodes.InvalidAmount,
                $"spendPerPoint {shown} is negative: one point needs a spend of at least 0.01.");
        }

        var invalid = PointsRules.CheckMoney("spendPerPoint", spendPerPoint, MaxSpendPerPoint, ErrorCodes.InvalidAmount)
            ?? PointsRules.CheckMoney("minimumSpend", minimumSpend, PointsRules.MaxAmount, ErrorCodes.InvalidAmount);
        if (invalid is null && spendPerPoint < MinSpendPerPoint)
        {
            invalid = new PointspotError(ErrorCodes.InvalidAmount,
                $"spendPerPoint {shown} is too small: one point needs a spend of at least 0.01.");
        }

        return invalid;
    }

    public const decimal MinPointValue = 0.01m;
    public const decimal MaxPointValue = 1_000_000.00m;

    public static PointspotError? CheckPointValue(decimal pointValue)
    {
        var invalid = PointsRules.CheckMoney("pointValue", pointValue, MaxPointValue, ErrorCodes.InvalidAmount);
        if (invalid is null && pointValue < MinPointValue)
        {
            invalid = new PointspotError(ErrorCodes.InvalidAmount,
                $"pointValue {pointValue.ToString(CultureInfo.InvariantCulture)} is too small: one point is worth "
                + "at least 0.01; send null to turn paying with points off.");
        }

        return invalid;
    }

    /// <summary>The longest validity in months that a rolling or end-of-month policy may give.</summary>
    public const int MaxExpiryMonths = 120;

    public static PointspotError? CheckExpiryPolicy(ExpiryPolicy policy)
    {
        switch (policy.Kind)
        {
            case ExpiryPolicyKind.Never:
                return null;

            case ExpiryPolicyKind.Rolling when policy.Months < 1 || policy.Months > MaxExpiryMonths:
                return InvalidExpiry($"months {policy.Months} is out of range for ROLLING: send 1 to {MaxExpiryMonths}.");

            case ExpiryPolicyKind.EndOfMonth when policy.Months < 0 || policy.Months > MaxExpiryMonths:
                return InvalidExpiry(
                    $"months {policy.Months} is out of range for END_OF_MONTH: send 0 (this month) to {MaxExpiryMonths}.");

            case ExpiryPolicyKind.FixedDate when policy.Month < 1 || policy.Month > 12:
                return InvalidExpiry($"month {policy.Month} is not a month: send 1 (January) to 12 (December).");

            // A day that every year has, so 29 February is rejected.
            case ExpiryPolicyKind.FixedDate when policy.Day < 1 || policy.Day > DateTime.DaysInMonth(2001, policy.Month):
                return InvalidExpiry(
                    $"day {policy.Day} does not exist in month {policy.Month} of every year: send 1 to "
                    + $"{DateTime.DaysInMonth(2001, policy.Month)}.");

            case ExpiryPolicyKind.Rolling or ExpiryPolicyKind.EndOfMonth or ExpiryPolicyKind.FixedDate:
                return null;

            default:
                return InvalidExpiry($"kind {policy.Kind} is not an expiry policy: send NEVER, ROLLING, END_OF_MONTH or FIXED_DATE.");
        }
    }

    public static PointspotError? CheckSignUp(string name, string email, string password, string timeZone)
    {
        return PointsRules.CheckText("name", name, MaxNameLength)
            ?? CheckEmail(email)
            ?? CheckPassword(password)
            ?? CheckTimeZone(timeZone);
    }

    public static PointspotError? CheckTimeZone(string timeZone)
    {
        if (TimeZones.TryFind(timeZone, out _))
        {
            return null;
        }

        string shown = timeZone.Length > 60 ? timeZone[..60] + "..." : timeZone;
        return new PointspotError(ErrorCodes.InvalidTimeZone,
            $"timeZone \"{shown}\" is not an IANA time zone id: send one such as Asia/Bangkok.");
    }

    private static PointspotError InvalidExpiry(string message) => new(ErrorCodes.InvalidExpiryPolicy, message);

    public static PointspotError? CheckEmail(string email, string field = "ownerEmail")
    {
        var invalid = PointsRules.CheckText(field, email, MaxEmailLength);
        if (invalid is not null)
        {
            return invalid;
        }

        int at = email.IndexOf('@');
        bool plausible = at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1
            && !email.Any(char.IsWhiteSpace) && email[(at + 1)..].Contains('.');
        return plausible
            ? null
            : new PointspotError(ErrorCodes.InvalidInput,
                $"{field} \"{email}\" is not an e-mail address: send one such as owner@example.com.");
    }

    public static PointspotError? CheckPassword(string password)
    {
        if (password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            return new PointspotError(ErrorCodes.InvalidInput,
                $"password is {password.Length} characters long: use {MinPasswordLength} to "
                + $"{MaxPasswordLength} characters.");
        }

        return CheckPasswordText(password);
    }

    /// <summary>
    /// Checks that a password is text that UTF-8 can encode, as the password hash needs, without
    /// showing the password in the message.
    /// </summary>
    public static PointspotError? CheckPasswordText(string password)
    {
        if (password.Length > MaxPasswordLength)
        {
            return new PointspotError(ErrorCodes.InvalidInput,
                $"password is {password.Length} characters long: the maximum is {MaxPasswordLength}.");
        }

        return PointsRules.CheckText("password", password, MaxPasswordLength) is null
            ? null
            : new PointspotError(ErrorCodes.InvalidInput,
                "password is empty or contains control characters or half of a UTF-16 surrogate pair: "
                + "send printable text.");
    }
}
