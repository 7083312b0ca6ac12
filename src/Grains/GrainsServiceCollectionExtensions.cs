using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pointspot.Grains.Access;
using Pointspot.Grains.Audit;
using Pointspot.Grains.Automation;
using Pointspot.Grains.Cards;
using Pointspot.Grains.Catalog;
using Pointspot.Grains.Claims;
using Pointspot.Grains.Coupons;
using Pointspot.Grains.Imports;
using Pointspot.Grains.Interfaces.Claims;
using Pointspot.Grains.Interfaces.Imports;
using Pointspot.Grains.Interfaces.Live;
using Pointspot.Grains.Expiry;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Live;
using Pointspot.Grains.Members;
using Pointspot.Grains.Rewards;
using Pointspot.Grains.Transfers;
using Pointspot.Grains.Wheel;
using Pointspot.Grains.Webhooks;

namespace Pointspot.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the services the grains use. The caller registers an NpgsqlDataSource. Register
    /// these before the Orleans silo, so the ledger writer is disposed after the silo has stopped.
    /// </summary>
    public static IServiceCollection AddPointspotGrains(this IServiceCollection services)
    {
        services.AddOptions<LedgerWriterOptions>().BindConfiguration("Ledger");
        services.AddOptions<ExpiryOptions>().BindConfiguration("Expiry");
        services.AddOptions<TransferOptions>().BindConfiguration("Transfers");
        services.AddMetrics();
        services.AddSingleton<LedgerMetrics>();
        services.AddSingleton<ILedgerWriter, LedgerWriter>();
        services.AddSingleton<LedgerReader>();
        services.AddOptions<MemberOptions>().BindConfiguration("Members");
        services.AddSingleton<MemberSnapshotStore>();
        services.AddSingleton<MemberDirectory>();
        services.AddSingleton<MemberPrivacyStore>();
        services.AddSingleton<AccountStore>();
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section);
        services.AddSingleton<SessionStore>();
        services.AddSingleton<StaffStore>();
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<ProductStore>();
        services.AddOptions<ClaimOptions>().BindConfiguration(ClaimOptions.Section);
        services.AddSingleton<ClaimStore>();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        services.AddSingleton<ImportStore>();
        services.AddSingleton<MemberImportStore>();
        services.AddCardsAutomationAndWheel();
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<CouponStore>();
        services.AddSingleton<RewardStore>();
        services.AddSingleton<RedemptionStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new PointsClock(TimeProvider.System));
        return services;
    }

    /// <summary>Member cards, automation, referral and the wheel game, with their action and prize kinds.</summary>
    private static IServiceCollection AddCardsAutomationAndWheel(this IServiceCollection services)
    {
        services.AddOptions<AutomationOptions>().BindConfiguration(AutomationOptions.Section);
        services.AddSingleton<CardEntryReader>();
        services.AddSingleton<AutomationStore>();
        services.AddSingleton<ReferralStore>();
        services.AddSingleton<MemberScanStore>();
        services.AddSingleton<WheelStore>();
        services.AddSingleton<IAutomationAction, AwardPointsAction>();
        services.AddSingleton<IAutomationAction, SendCouponAction>();
        services.AddSingleton<IWheelPrizeHandler, PointsPrizeHandler>();
        services.AddSingleton<IWheelPrizeHandler, NothingPrizeHandler>();
        services.AddSingleton<IWheelPrizeHandler, CouponPrizeHandler>();
        services.AddSingleton<IWheelPrizeHandler, RewardPrizeHandler>();
        return services;
    }

    /// <summary>
    /// Registers the live-event services of a silo: the ledger feed with its watermark, the
    /// dashboard reader, and the webhook store and dispatcher.
    /// </summary>
    public static IServiceCollection AddPointspotLive(this IServiceCollection services)
    {
        services.AddOptions<LedgerFeedOptions>().BindConfiguration(LedgerFeedOptions.Section);
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section);
        services.AddSingleton<LedgerFeed>();
        services.AddSingleton<ILedgerFeed>(provider => provider.GetRequiredService<LedgerFeed>());
        services.AddSingleton<ILedgerCommitObserver>(provider => provider.GetRequiredService<LedgerFeed>());
        services.AddHostedService(provider => provider.GetRequiredService<LedgerFeed>());
        services.AddSingleton<IDashboardReader, DashboardReader>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<DeliveryStore>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var handler = new SocketsHttpHandler();
                if (!provider.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateAddresses)
                {
                    handler.ConnectCallback = (context, cancellationToken) =>
                        WebhookAddresses.ConnectPublicAsync(context.DnsEndPoint, cancellationToken);
                }

                return handler;
            });
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
