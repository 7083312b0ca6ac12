using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Coupons;

/// <summary>
/// One applyCoupons request. It asks each coupon in turn to take its discount off what is left
/// of the total; when one coupon fails, the coupons before it are released and nothing stays
/// used. The result is stored before it is returned, and a retry with the same idempotency key
/// returns it. A retry after a crash in the middle finds each coupon's recorded use again.
/// </summary>
// NOTE: a checkout cut short by a crash keeps the uses of its first coupons until the POS
// retries with the same idempotency key; nothing releases them on its own.
public sealed partial class CheckoutGrain(CouponStore store, ILogger<CheckoutGrain> logger) : Grain, ICheckoutGrain
{
    public const int MaxCoupons = 10;

    /// <summary>The maximum length of a coupon code in a request; issued codes have <see cref="CouponCodes.Length"/> characters.</summary>
    public const int MaxCodeLength = 64;

    private Guid _merchantId;
    private string _idempotencyKey = "";
    private (byte[] RequestHash, CheckoutView Checkout)? _done;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_merchantId, _idempotencyKey) = CheckoutKey.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<CheckoutResult> Apply(ApplyCouponsCommand command)
    {
        byte[] requestHash = Hash(command);
        _done ??= await LoadAsync();
        if (_done is { } done)
        {
            return CryptographicOperations.FixedTimeEquals(done.RequestHash, requestHash)
                ? new CheckoutResult(done.Checkout, true, null)
                : Failed(ErrorCodes.IdempotencyKeyReused,
                    $"Idempotency key \"{_idempotencyKey}\" was already used for another checkout "
                    + $"(receipt \"{done.Checkout.ReceiptNumber}\"): send a new key for a new checkout.");
        }

        var (codes, phone, invalid) = Check(command);
        if (invalid is not null)
        {
            return new CheckoutResult(null, false, invalid);
        }

        string checkoutKey = this.GetPrimaryKeyString();
        var applied = new List<AppliedCoupon>();
        decimal remaining = command.Amount;
        foreach (string code in codes)
        {
            var coupon = GrainFactory.GetGrain<ICouponGrain>(CouponKey.For(_merchantId, code));
            var use = new UseCouponCommand(checkoutKey, phone, command.Amount, remaining, command.Lines);
            var result = await coupon.Use(use);
            if (result.Error is not null)
            {
                await ReleaseAsync(applied, checkoutKey);
                return new CheckoutResult(null, false, result.Error);
            }

            applied.Add(result.Applied!);
            remaining -= result.Applied!.Discount;
        }

        var checkout = new CheckoutView(command.ReceiptNumber.Trim(), command.Amount, command.Amount - remaining,
            remaining, applied);
        await store.InsertCheckoutAsync(_merchantId, _idempotencyKey, requestHash, JsonSerializer.Serialize(checkout));
        _done = (requestHash, checkout);
        LogCheckoutApplied(_merchantId, command.ReceiptNumber.Trim(), applied.Count, checkout.Discount);
        return new CheckoutResult(checkout, false, null);
    }

    private async Task ReleaseAsync(List<AppliedCoupon> applied, string checkoutKey)
    {
        foreach (var coupon in Enumerable.Reverse(applied))
        {
            await GrainFactory.GetGrain<ICouponGrain>(CouponKey.For(_merchantId, coupon.Code)).Release(checkoutKey);
        }
    }

    private async Task<(byte[], CheckoutView)?> LoadAsync()
    {
        var stored = await store.FindCheckoutAsync(_merchantId, _idempotencyKey);
        return stored is { } row ? (row.RequestHash, JsonSerializer.Deserialize<CheckoutView>(row.Result)!) : null;
    }

    private static (List<string> Codes, string? Phone, PointspotError? Error) Check(ApplyCouponsCommand command)
    {
        var invalid = PointsRules.CheckMoney("amount", command.Amount, PointsRules.MaxAmount, ErrorCodes.InvalidAmount)
            ?? PointsRules.CheckText("receiptNumber", command.ReceiptNumber, PointsRules.MaxReceiptNumberLength)
            ?? PointsRules.CheckText("idempotencyKey", command.IdempotencyKey, PointsRules.MaxIdempotencyKeyLength)
            ?? LineItemCalculator.Check(command.Amount, command.Lines);
        if (invalid is not null)
        {
            return ([], null, invalid);
        }

        string? phone = null;
        if (command.Phone is not null)
        {
            if (!PhoneNumber.TryParse(command.Phone, out var parsed, out string phoneError))
            {
                return ([], null, new PointspotError(ErrorCodes.InvalidPhone, phoneError));
            }

            phone = parsed.E164;
        }

        var codes = command.Codes.Select(code => (code ?? "").Trim().ToUpperInvariant()).ToList();
        if (codes.Count is 0 or > MaxCoupons)
        {
            return ([], null, new PointspotError(ErrorCodes.InvalidInput,
                $"codes has {codes.Count} entries: send 1 to {MaxCoupons} non-empty coupon codes."));
        }

        if (codes.IndexOf("") is var empty and >= 0)
        {
            return ([], null, new PointspotError(ErrorCodes.InvalidInput,
                $"codes[{empty}] is empty: send the coupon code the member shows, or leave the entry out."));
        }

        if (codes.FindIndex(code => code.Length > MaxCodeLength) is var tooLong and >= 0)
        {
            string code = codes[tooLong];
            return ([], null, new PointspotError(ErrorCodes.InvalidInput,
                $"codes[{tooLong}] (\"{code[..16]}...\") has {code.Length} characters, more than the maximum of "
                + $"{MaxCodeLength}: send the coupon code the member shows."));
        }

        if (codes.GroupBy(code => code).FirstOrDefault(group => group.Count() > 1) is { } twice)
        {
            return ([], null, new PointspotError(ErrorCodes.InvalidInput,
                $"codes names coupon \"{twice.Key}\" more than once: send each code once."));
        }

        return (codes, phone, null);
    }

    /// <summary>Hashes the fields that make two requests the same checkout.</summary>
    private static byte[] Hash(ApplyCouponsCommand command)
    {
        var text = new StringBuilder();
        string? phone = PhoneNumber.TryParse(command.Phone, out var parsed, out _) ? parsed.E164 : command.Phone;
        text.Append(phone).Append('\n')
            .Append(command.Amount.ToString("F2", CultureInfo.InvariantCulture)).Append('\n')
            .Append(command.ReceiptNumber?.Trim()).Append('\n')
            .AppendJoin(',', command.Codes.Select(code => (code ?? "").Trim().ToUpperInvariant())).Append('\n');
        foreach (var line in command.Lines ?? [])
        {
            text.Append(line.Sku).Append('|').Append(line.Quantity).Append('|')
                .Append(line.Amount.ToString("F2", CultureInfo.InvariantCulture)).Append('\n');
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static CheckoutResult Failed(string code, string message) =>
        new(null, false, new PointspotError(code, message));

    [LoggerMessage(EventId = 6021, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} receipt {ReceiptNumber}: {Count} coupon(s) took {Discount}")]
    private partial void LogCheckoutApplied(Guid merchantId, string receiptNumber, int count, decimal discount);
}
