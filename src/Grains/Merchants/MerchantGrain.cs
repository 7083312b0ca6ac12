using Microsoft.Extensions.Logging;
using Pointspot.Grains.Access;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Access;
using Pointspot.Grains.Interfaces.Expiry;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Merchants;

/// <summary>One merchant: settings in Orleans grain storage, API keys and ledger totals in PostgreSQL.</summary>
public sealed partial class MerchantGrain(
    [PersistentState("merchant", "pointspot")] IPersistentState<MerchantState> state,
    AccountStore accounts,
    LedgerReader ledgerReader,
    TimeProvider timeProvider,
    ILogger<MerchantGrain> logger) : Grain, IMerchantGrain
{
    public const int MaxApiKeyNameLength = 100;

    public async Task<MerchantSettings> Initialize(string name, string timeZone)
    {
        if (state.State.Settings is { } existing)
        {
            return existing;
        }

        state.State.Settings = new MerchantSettings(
            this.GetPrimaryKey(), name.Trim(), timeZone, EarnRule.Default, timeProvider.GetUtcNow());
        await state.WriteStateAsync();
        LogMerchantCreated(this.GetPrimaryKey());
        return state.State.Settings;
    }

    public Task<MerchantSettings?> GetSettings() => Task.FromResult(state.State.Settings);

    public async Task<MerchantResult> SetEarnRule(decimal spendPerPoint, decimal? minimumSpend, Actor actor)
    {
        if (state.State.Settings is not { } settings)
        {
            return new MerchantResult(null, Missing());
        }

        var rule = new EarnRule(spendPerPoint, minimumSpend ?? 0.00m);
        var invalid = MerchantRules.CheckEarnRule(rule.SpendPerPoint, rule.MinimumSpend);
        if (invalid is not null)
        {
            return new MerchantResult(null, invalid);
        }

        state.State.Settings = settings with { EarnRule = rule };
        await state.WriteStateAsync();
        LogEarnRuleSet(settings.Id, rule.SpendPerPoint, rule.MinimumSpend, actor.ToString());
        return new MerchantResult(state.State.Settings, null);
    }

    public async Task<MerchantResult> SetExpiryPolicy(ExpiryPolicy policy, Actor actor)
    {
        if (state.State.Settings is not { } settings)
        {
            return new MerchantResult(null, Missing());
        }

        var invalid = MerchantRules.CheckExpiryPolicy(policy);
        if (invalid is not null)
        {
            return new MerchantResult(null, invalid);
        }

        // The reminder stays registered under every policy, NEVER included, because lots
        // credited under an earlier policy keep their expiry dates.
        await GrainFactory.GetGrain<IExpiryGrain>(settings.Id).Start();
        state.State.Settings = settings with { Expiry = policy };
        await state.WriteStateAsync();
        LogExpiryPolicySet(settings.Id, policy.Kind, policy.Months, policy.Month, policy.Day, actor.ToString());
        return new MerchantResult(state.State.Settings, null);
    }

    public async Task<MerchantResult> SetPointValue(decimal? pointValue, Actor actor)
    {
        if (state.State.Settings is not { } settings)
        {
            return new MerchantResult(null, Missing());
        }

        var invalid = pointValue is { } value ? MerchantRules.CheckPointValue(value) : null;
        if (invalid is not null)
        {
            return new MerchantResult(null, invalid);
        }

        state.State.Settings = settings with { PointValue = pointValue is { } set ? decimal.Round(set, 2) + 0.00m : null };
        await state.WriteStateAsync();
        LogPointValueSet(settings.Id, pointValue, actor.ToString());
        return new MerchantResult(state.State.Settings, null);
    }

    public async Task<CreateApiKeyResult> CreateApiKey(string name, string scope, Actor actor)
    {
        if (state.State.Settings is not { } settings)
        {
            return new CreateApiKeyResult(null, null, Missing());
        }

        var invalid = PointsRules.CheckText("name", name, MaxApiKeyNameLength);
        if (invalid is not null)
        {
            return new CreateApiKeyResult(null, null, invalid);
        }

        if (!ApiKeyScopes.All.Contains(scope))
        {
            return new CreateApiKeyResult(null, null, new PointspotError(ErrorCodes.InvalidInput,
                $"scope \"{scope}\" is not an API key scope: send {string.Join(", ", ApiKeyScopes.All)}."));
        }

        string secret = Secrets.New(Secrets.ApiKeyPrefix);
        var apiKey = await accounts.CreateApiKeyAsync(
            Guid.NewGuid(), settings.Id, name.Trim(), scope, Secrets.Hash(secret), actor.ToString());
        LogApiKeyCreated(settings.Id, apiKey.Id, actor.ToString());
        return new CreateApiKeyResult(apiKey, secret, null);
    }

    public async Task<ApiKeyResult> RevokeApiKey(Guid apiKeyId, Actor actor)
    {
        var revoked = await accounts.RevokeApiKeyAsync(this.GetPrimaryKey(), apiKeyId);
        if (revoked is not { } found)
        {
            return new ApiKeyResult(null, new PointspotError(ErrorCodes.NotFound,
                $"No API key with id {apiKeyId} exists at this merchant: list the keys with the apiKeys query."));
        }

        await GrainFactory.GetGrain<ICredentialGrain>(Convert.ToHexStringLower(found.SecretHash)).Invalidate();
        LogApiKeyRevoked(this.GetPrimaryKey(), apiKeyId, actor.ToString());
        return new ApiKeyResult(found.Key, null);
    }

    public Task<IReadOnlyList<ApiKeyView>> ListApiKeys() => accounts.ListApiKeysAsync(this.GetPrimaryKey());

    public Task<PointsSummary> GetPointsSummary() => ledgerReader.ReadSummaryAsync(this.GetPrimaryKey());

    private static PointspotError Missing() =>
        new(ErrorCodes.NotFound, "The merchant of this request does not exist.");

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Merchant {MerchantId} created")]
    private partial void LogMerchantCreated(Guid merchantId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} earn rule set to {SpendPerPoint} per point, minimum spend {MinimumSpend}, by {Actor}")]
    private partial void LogEarnRuleSet(Guid merchantId, decimal spendPerPoint, decimal minimumSpend, string actor);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} expiry policy set to {Kind} (months {Months}, month {Month}, day {Day}) by {Actor}")]
    private partial void LogExpiryPolicySet(
        Guid merchantId, ExpiryPolicyKind kind, int months, int month, int day, string actor);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} point value set to {PointValue} by {Actor}")]
    private partial void LogPointValueSet(Guid merchantId, decimal? pointValue, string actor);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} API key {ApiKeyId} created by {Actor}")]
    private partial void LogApiKeyCreated(Guid merchantId, Guid apiKeyId, string actor);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} API key {ApiKeyId} revoked by {Actor}")]
    private partial void LogApiKeyRevoked(Guid merchantId, Guid apiKeyId, string actor);
}
