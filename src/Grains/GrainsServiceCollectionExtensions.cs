using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pointspot.Grains.Access;
using Pointspot.Grains.Catalog;
using Pointspot.Grains.Claims;
using Pointspot.Grains.Imports;
using Pointspot.Grains.Interfaces.Claims;
using Pointspot.Grains.Interfaces.Imports;
using Pointspot.Grains.Interfaces.Live;
using Pointspot.Grains.Expiry;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Live;
using Pointspot.Grains.Members;
using Pointspot.Grains.Transfers;
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
        services.AddSingleton<ILedgerWriter, LedgerWriter>();
        services.AddSingleton<LedgerReader>();
        services.AddSingleton<MemberDirectory>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<ProductStore>();
        services.AddOptions<ClaimOptions>().BindConfiguration(ClaimOptions.Section);
        services.AddSingleton<ClaimStore>();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        services.AddSingleton<ImportStore>();
        services.AddSingleton<MemberImportStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new PointsClock(TimeProvider.System));
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
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
