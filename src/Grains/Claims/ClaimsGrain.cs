using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Claims;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Merchants;

namespace Pointspot.Grains.Claims;

/// <summary>
/// The claims of one merchant. Approval earns through <see cref="IMemberGrain.CollectPoints"/>
/// with an idempotency key derived from the claim id, so a claim earns at most once even when
/// an approval is retried after a crash, and the ledger's one-earn-per-receipt rule still holds.
/// </summary>
public sealed partial class ClaimsGrain(
    ClaimStore store,
    LedgerReader ledgerReader,
    IOptions<ClaimOptions> options,
    TimeProvider timeProvider,
    ILogger<ClaimsGrain> logger) : Grain, IClaimsGrain
{
    public const int MaxListSize = 200;

    private Guid MerchantId => this.GetPrimaryKey();

    /// <summary>The idempotency key of the ledger entry that approving a claim writes.</summary>
    public static string IdempotencyKey(Guid claimId) => $"claim:{claimId:N}";

    public async Task<ClaimResult> Submit(ClaimSubmission submission)
    {
        if (await GetSettingsAsync() is not { } settings)
        {
            return ClaimResult.Failed(ErrorCodes.NotFound, "The merchant of this request does not exist.");
        }

        if (!PhoneNumber.TryParse(submission.Phone, out var phone, out string phoneError))
        {
            return ClaimResult.Failed(ErrorCodes.InvalidPhone, phoneError);
        }

        var invalid = ClaimRules.Check(submission, options.Value.MaxPhotoBytes, timeProvider.GetUtcNow());
        if (invalid is not null)
        {
            return new ClaimResult(null, invalid);
        }

        string receiptNumber = submission.ReceiptNumber.Trim();
        var earned = await ledgerReader.FindEarnByReceiptAsync(MerchantId, receiptNumber);
        if (earned is not null && submission.Actor.Kind == "member")
        {
            // The member page needs no credentials, so it does not tell who earned what and when.
            return ClaimResult.Failed(ErrorCodes.DuplicateReceipt,
                $"Receipt \"{receiptNumber}\" already earned points: a receipt earns once, so there is nothing to claim.");
        }

        if (earned is not null)
        {
            return ClaimResult.Failed(ErrorCodes.DuplicateReceipt,
                $"Receipt \"{receiptNumber}\" already earned {earned.Points} points on "
                + $"{TimeZones.ToLocal(earned.OccurredAt, settings.TimeZone):yyyy-MM-dd HH:mm}: a receipt earns once, "
                + "so there is nothing to claim.");
        }

        string photoType = ImageTypes.Detect(submission.Photo)!;
        var claim = await store.InsertAsync(MerchantId, Guid.NewGuid(), phone.E164, submission, photoType);
        if (claim is null)
        {
            var open = await store.FindOpenByReceiptAsync(MerchantId, receiptNumber);
            return ClaimResult.Failed(ErrorCodes.DuplicateReceipt,
                $"Receipt \"{receiptNumber}\" already has claim {open?.Id} ({open?.Status.ToString().ToLowerInvariant()}): "
                + "a receipt is claimed once. Wait for the merchant's decision on that claim.");
        }

        LogClaimSubmitted(MerchantId, claim.Id, submission.Actor.ToString());
        return new ClaimResult(ToLocal(claim, settings), null);
    }

    public async Task<ClaimResult> Approve(Guid claimId, Actor actor)
    {
        if (await GetSettingsAsync() is not { } settings)
        {
            return ClaimResult.Failed(ErrorCodes.NotFound, "The merchant of this request does not exist.");
        }

        var claim = await store.GetAsync(MerchantId, claimId);
        if (claim is null)
        {
            return NotFound(claimId);
        }

        if (claim.Status == ClaimStatus.Approved)
        {
            return new ClaimResult(ToLocal(claim, settings), null);
        }

        if (claim.Status == ClaimStatus.Rejected)
        {
            return ClaimResult.Failed(ErrorCodes.ClaimAlreadyDecided,
                $"Claim {claimId} was rejected because \"{claim.RejectionReason}\": a decided claim stays decided. "
                + "Submit a new claim for the receipt if it is valid after all.");
        }

        var member = GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(MerchantId, PhoneNumber.FromE164(claim.Phone)));
        var command = new CollectPointsCommand(
            claim.Amount, claim.ReceiptNumber, IdempotencyKey(claimId), claim.PurchasedAt, actor);
        var earned = await member.CollectPoints(command);
        if (earned.Error is { } error)
        {
            if (error.Code == ErrorCodes.DuplicateReceipt)
            {
                return ClaimResult.Failed(ErrorCodes.DuplicateReceipt,
                    $"Receipt \"{claim.ReceiptNumber}\" of claim {claimId} already earned points at the counter: "
                    + "a receipt earns once, so reject this claim.");
            }

            return new ClaimResult(null, error);
        }

        var entry = earned.Entry!;
        var approved = await store.MarkApprovedAsync(MerchantId, claimId, entry.Id, entry.Points, actor.ToString())
            ?? await store.GetAsync(MerchantId, claimId);
        LogClaimApproved(MerchantId, claimId, entry.Id, entry.Points, actor.ToString());
        return new ClaimResult(ToLocal(approved!, settings), null);
    }

    public async Task<ClaimResult> Reject(Guid claimId, string reason, Actor actor)
    {
        if (await GetSettingsAsync() is not { } settings)
        {
            return ClaimResult.Failed(ErrorCodes.NotFound, "The merchant of this request does not exist.");
        }

        var invalid = PointsRules.CheckText("reason", reason, ClaimRules.MaxRejectionReasonLength);
        if (invalid is not null)
        {
            return new ClaimResult(null, invalid);
        }

        var claim = await store.GetAsync(MerchantId, claimId);
        if (claim is null)
        {
            return NotFound(claimId);
        }

        if (claim.Status == ClaimStatus.Rejected)
        {
            return new ClaimResult(ToLocal(claim, settings), null);
        }

        if (claim.Status == ClaimStatus.Approved)
        {
            return ClaimResult.Failed(ErrorCodes.ClaimAlreadyDecided,
                $"Claim {claimId} was approved and earned {claim.Points} points (entry {claim.EntryId}): "
                + "a decided claim stays decided. Pull the points by hand if the approval was wrong.");
        }

        var rejected = await store.MarkRejectedAsync(MerchantId, claimId, reason.Trim(), actor.ToString())
            ?? await store.GetAsync(MerchantId, claimId);
        LogClaimRejected(MerchantId, claimId, actor.ToString());
        return new ClaimResult(ToLocal(rejected!, settings), null);
    }

    public async Task<IReadOnlyList<ClaimView>> List(ClaimStatus? status, int first)
    {
        var settings = await GetSettingsAsync();
        if (settings is null)
        {
            return [];
        }

        var claims = await store.ListAsync(MerchantId, status, Math.Clamp(first, 0, MaxListSize));
        return claims.Select(claim => ToLocal(claim, settings)).ToList();
    }

    public async Task<ClaimView?> Get(Guid claimId)
    {
        var settings = await GetSettingsAsync();
        var claim = settings is null ? null : await store.GetAsync(MerchantId, claimId);
        return claim is null ? null : ToLocal(claim, settings!);
    }

    public Task<ClaimPhoto?> GetPhoto(Guid claimId) => store.GetPhotoAsync(MerchantId, claimId);

    private Task<MerchantSettings?> GetSettingsAsync() =>
        GrainFactory.GetGrain<IMerchantGrain>(MerchantId).GetSettings();

    private static ClaimResult NotFound(Guid claimId) => ClaimResult.Failed(ErrorCodes.NotFound,
        $"No claim with id {claimId} exists at this merchant: list the claims with the claims query.");

    private static ClaimView ToLocal(ClaimView claim, MerchantSettings settings) => claim with
    {
        PurchasedAt = TimeZones.ToLocal(claim.PurchasedAt, settings.TimeZone),
        SubmittedAt = TimeZones.ToLocal(claim.SubmittedAt, settings.TimeZone),
        DecidedAt = claim.DecidedAt is { } decidedAt ? TimeZones.ToLocal(decidedAt, settings.TimeZone) : null,
    };

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} claim {ClaimId} submitted by {Actor}")]
    private partial void LogClaimSubmitted(Guid merchantId, Guid claimId, string actor);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} claim {ClaimId} approved by {Actor}: entry {EntryId}, {Points} points")]
    private partial void LogClaimApproved(Guid merchantId, Guid claimId, long entryId, long points, string actor);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} claim {ClaimId} rejected by {Actor}")]
    private partial void LogClaimRejected(Guid merchantId, Guid claimId, string actor);
}
