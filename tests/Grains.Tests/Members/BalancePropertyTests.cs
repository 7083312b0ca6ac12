using CsCheck;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Members;

/// <summary>Random runs of sends and pulls against a model balance kept by the test.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BalancePropertyTests(PointspotClusterFixture fixture)
{
    [Fact]
    public async Task RandomSendsAndPulls_MatchModel_NeverNegative()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();

        // Positive values send points, negative values pull them.
        var changes = Gen.Int[-40, 40].Where(points => points != 0).Array[1, 12];
        int run = 0;

        await changes.SampleAsync(async points =>
        {
            run++;
            string phone = $"09{run:D8}";
            var member = fixture.Member(merchantId, phone);
            long modelBalance = 0;
            long modelLifetime = 0;

            for (int i = 0; i < points.Length; i++)
            {
                string key = $"run-{run}-change-{i}";
                var result = points[i] > 0
                    ? await member.SendPoints(Adjust(points[i], key))
                    : await member.PullPoints(Adjust(-points[i], key));

                if (points[i] > 0)
                {
                    modelBalance += points[i];
                    modelLifetime += points[i];
                    Assert.Null(result.Error);
                }
                else if (modelBalance >= -points[i])
                {
                    modelBalance += points[i];
                    Assert.Null(result.Error);
                }
                else
                {
                    string expectedCode = modelLifetime == 0
                        ? ErrorCodes.MemberNotFound
                        : ErrorCodes.InsufficientPoints;
                    Assert.Equal(expectedCode, result.Error?.Code);
                }
            }

            var view = await member.GetMember();
            long balance = view?.Balance ?? 0;
            Assert.Equal(modelBalance, balance);
            Assert.Equal(modelLifetime, view?.LifetimePoints ?? 0);

            List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, "+66" + phone[1..]);
            Assert.Equal(modelBalance, rows.Sum(row => row.Points));
            Assert.All(rows, row =>
                Assert.True(row.BalanceAfter >= 0, $"Entry {row.Sequence} left {row.BalanceAfter}"));
        }, iter: 40, threads: 1);
    }
}
