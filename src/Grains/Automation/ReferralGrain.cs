using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Automation;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Points;

using Pointspot.Grains.Members;

namespace Pointspot.Grains.Automation;

/// <summary>
/// Referral codes and referrals of one merchant. Calls run one at a time per merchant, so the
/// loop check and the insert of a referral cannot interleave with another referral.
/// </summary>
public sealed partial class ReferralGrain(ReferralStore store, ILogger<ReferralGrain> logger) : Grain, IReferralGrain
{
    public const int CodeLength = 8;

    // No 0/O, 1/I/L: codes are read aloud and typed by hand.
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public async Task<ReferralCodeResult> GetCode(string phone)
    {
        var merchantId = this.GetPrimaryKey();
        var member = await GetMemberAsync(phone);
        if (member is null)
        {
            return new ReferralCodeResult(null, NotMember(phone));
        }

        string? code = await store.FindCodeAsync(merchantId, phone);
        while (code is null)
        {
            string candidate = RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);
            if (await store.TryInsertCodeAsync(merchantId, phone, candidate))
            {
                code = await store.FindCodeAsync(merchantId, phone);
            }
        }

        return new ReferralCodeResult(new ReferralCodeView(phone, code, LinkFor(merchantId, code)), null);
    }

    public async Task<ReferralResult> Refer(string refereePhone, string code)
    {
        var merchantId = this.GetPrimaryKey();
        string normalized = code.Trim().ToUpperInvariant();
        string? referrer = await store.FindOwnerAsync(merchantId, normalized);
        if (referrer is null || MemberPrivacyStore.IsPseudonym(referrer))
        {
            return Failed(ErrorCodes.ReferralCodeNotFound,
                $"Referral code \"{code}\" belongs to no member of this merchant: check the code or the link it came from.");
        }

        var referee = PhoneNumber.FromE164(refereePhone);
        if (referrer == refereePhone)
        {
            return Failed(ErrorCodes.SelfReferral,
                $"Referral code \"{normalized}\" is member {referee.National}'s own: a member cannot refer themself.");
        }

        var member = await GetMemberAsync(refereePhone);
        if (member is not { Status: MemberStatus.Registered })
        {
            return Failed(ErrorCodes.MemberNotFound,
                $"Member {referee.National} has not signed up at this merchant: sign up first, then enter the referral code.");
        }

        if (await store.GetReferralAsync(merchantId, refereePhone) is { } existing)
        {
            return Failed(ErrorCodes.AlreadyReferred,
                $"Member {referee.National} was referred by {Display(existing.ReferrerPhone)} "
                + "already: a member is referred once.");
        }

        if (await store.IsInReferrerChainAsync(merchantId, referrer, refereePhone))
        {
            return Failed(ErrorCodes.ReferralLoop,
                $"Member {referee.National} referred {PhoneNumber.FromE164(referrer).National}, directly or through "
                + "others: a referral may not go back up its own chain.");
        }

        if (await store.HasEarnedAsync(merchantId, refereePhone))
        {
            return Failed(ErrorCodes.ReferralTooLate,
                $"Member {referee.National} has made a purchase already: only members referred before their first "
                + "purchase earn the referral reward.");
        }

        if (!await store.TryInsertReferralAsync(merchantId, refereePhone, referrer))
        {
            return Failed(ErrorCodes.AlreadyReferred, $"Member {referee.National} was referred already: a member is referred once.");
        }

        LogReferred(merchantId, refereePhone, referrer);
        return new ReferralResult(await store.GetReferralAsync(merchantId, refereePhone), null);
    }

    public Task<ReferralView?> GetReferral(string refereePhone) =>
        store.GetReferralAsync(this.GetPrimaryKey(), refereePhone);

    /// <summary>Returns the path of the member page that opens with the code filled in.</summary>
    public static string LinkFor(Guid merchantId, string code) => $"/m/{merchantId:N}?ref={code}";

    private Task<MemberView?> GetMemberAsync(string phone) =>
        GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(this.GetPrimaryKey(), PhoneNumber.FromE164(phone))).GetMember();

    /// <summary>Returns a phone number as staff write it, or "an erased member" for a pseudonym.</summary>
    private static string Display(string phone) =>
        MemberPrivacyStore.IsPseudonym(phone) ? "an erased member" : PhoneNumber.FromE164(phone).National;

    private static PointspotError NotMember(string phone) => new(ErrorCodes.MemberNotFound,
        $"No member has phone number {PhoneNumber.FromE164(phone).National} at this merchant: a referral code belongs to a member.");

    private static ReferralResult Failed(string code, string message) => new(null, new PointspotError(code, message));

    [LoggerMessage(EventId = 12101, Level = LogLevel.Information,
        Message = "Merchant {MerchantId}: member {RefereePhone} referred by {ReferrerPhone}")]
    private partial void LogReferred(Guid merchantId, string refereePhone, string referrerPhone);
}
