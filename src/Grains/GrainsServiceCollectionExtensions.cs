using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pointspot.Grains.Access;
using Pointspot.Grains.Catalog;
using Pointspot.Grains.Claims;
using Pointspot.Grains.Imports;
using Pointspot.Grains.Interfaces.Claims;
using Pointspot.Grains.Interfaces.Imports;
using Pointspot.Grains.Expiry;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Members;
using Pointspot.Grains.Transfers;

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
        services.AddSingleton<MemberPrivacyStore>();
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
}
