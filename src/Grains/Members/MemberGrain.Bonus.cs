using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Automation;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Wheel;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Members;

/// <summary>Points that the engine gives or takes on its own: automation, referral and wheel spins.</summary>
public sealed partial class MemberGrain
{
    public async Task<PointsChangeResult> CreditBonus(BonusPointsCommand command)
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return MerchantMissing();
        }

        await EnsureStateAsync();
        Func<StoredLedgerEntry, bool> matches = e => e.Kind == command.Kind && e.Points == command.Points;
        if (_recent.TryGet(command.IdempotencyKey, out var earlier))
        {
            return Replay(earlier, settings, matches(earlier));
        }

        var invalid = command.Kind is not (LedgerEntryKind.Automation or LedgerEntryKind.Referral)
            ? new PointspotError(ErrorCodes.InvalidPoints,
                $"Bonus points are AUTOMATION or REFERRAL entries, not {command.Kind.ToDatabase()}.")
            : command.Points <= 0 || command.Points > PointsRules.MaxPointsPerEntry
                ? new PointspotError(ErrorCodes.InvalidPoints,
                    $"A bonus of {command.Points} points is out of range: give 1 to {PointsRules.MaxPointsPerEntry}.")
                : CheckRoom(command.Points);
        if (invalid is not null)
        {
            return await RejectAsync(invalid, command.IdempotencyKey, settings, matches);
        }

        var row = NewRow(command.Kind, command.Points, command.IdempotencyKey, command.Actor.ToString(), clock.UtcNow)
            with { Reason = command.Reason };
        return await AppendCreditAsync(row, settings, matches);
    }

    /// <summary>
    /// Writes the WHEEL_SPIN debit, then the WHEEL_PRIZE credit. Both are keyed by the spin id, so
    /// a retry after a failure between them writes only what is missing.
    /// </summary>
    public async Task<WheelChargeResult> ChargeWheelSpin(WheelChargeCommand command)
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return new WheelChargeResult(null, MerchantMissing().Error);
        }

        await EnsureStateAsync();
        if (_state.Status is null)
        {
            return new WheelChargeResult(null, new PointspotError(ErrorCodes.MemberNotFound,
                $"No member has phone number {_phone.National} at this merchant: only members can spin the wheel."));
        }

        string costKey = $"wheel-spin:{command.SpinId:N}";
        string prizeKey = $"wheel-prize:{command.SpinId:N}";
        if (command.SpinCost > 0 && !await HasEntryAsync(costKey))
        {
            if (await ExpireDueLotsAsync(settings) is { } expiryFailed)
            {
                return new WheelChargeResult(null, expiryFailed);
            }

            if (_lots.Balance < command.SpinCost)
            {
                return new WheelChargeResult(null, new PointspotError(ErrorCodes.InsufficientPoints,
                    $"Member {_phone.National} has {_lots.Balance} points, fewer than the {command.SpinCost} a spin of "
                    + $"\"{command.GameName}\" costs: earn more points before spinning."));
            }

            var row = NewRow(LedgerEntryKind.WheelSpin, -command.SpinCost, costKey, command.Actor.ToString(),
                clock.UtcNow) with { Reason = command.GameName };
            var charged = await AppendAsync(row, settings,
                e => e.Kind == LedgerEntryKind.WheelSpin && e.Points == -command.SpinCost);
            if (charged.Error is not null)
            {
                return new WheelChargeResult(null, charged.Error);
            }
        }

        if (command.PrizePoints > 0 && !await HasEntryAsync(prizeKey))
        {
            var row = NewRow(LedgerEntryKind.WheelPrize, command.PrizePoints, prizeKey, command.Actor.ToString(),
                clock.UtcNow) with { Reason = command.PrizeLabel };
            var credited = await AppendCreditAsync(row, settings,
                e => e.Kind == LedgerEntryKind.WheelPrize && e.Points == command.PrizePoints);
            if (credited.Error is not null)
            {
                return new WheelChargeResult(null, credited.Error);
            }
        }

        return new WheelChargeResult(ToMemberView(settings), null);
    }

    private async Task<bool> HasEntryAsync(string idempotencyKey) =>
        _recent.TryGet(idempotencyKey, out _)
        || await ledgerReader.FindByIdempotencyKeyAsync(_merchantId, idempotencyKey) is not null;
}
