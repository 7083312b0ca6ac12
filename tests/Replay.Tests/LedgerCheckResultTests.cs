using Pointspot.Replay.GraphQL;
using Pointspot.Replay.Ledger;
using Pointspot.Replay.Replaying;

namespace Pointspot.Replay.Tests;

public sealed class LedgerCheckResultTests
{
    private static LedgerCheckResult Result(
        long expected = 100, long balances = 100, long ledgerPoints = 100, long memberBalances = 100) =>
        new(expected, Phones: 3, balances, MembersNotFound: 0, [],
            new PointsSummary(3, 5, ledgerPoints, memberBalances), SummaryError: null);

    [Fact]
    public void Passed_AllFourEqual()
    {
        var result = Result();

        Assert.True(result.Passed);
        Assert.Empty(result.Problems());
    }

    [Fact]
    public void Problems_MemberBalancesDiffer_NamesBothNumbers()
    {
        var problem = Assert.Single(Result(balances: 90).Problems());

        Assert.Equal("member balances is 90, but the file's purchases earn 100 (-10)", problem);
    }

    [Fact]
    public void Problems_LedgerPointsDiffer_Fails()
    {
        var result = Result(ledgerPoints: 1_000_100);

        Assert.False(result.Passed);
        Assert.Equal("ledgerPoints is 1,000,100, but the file's purchases earn 100 (+1,000,000)", Assert.Single(result.Problems()));
    }

    [Fact]
    public void Problems_MemberBalancesSummaryDiffers_Fails()
    {
        var result = Result(memberBalances: 99);

        Assert.False(result.Passed);
        Assert.StartsWith("memberBalances is 99", Assert.Single(result.Problems()));
    }

    [Fact]
    public void Problems_AllEqualButNotExpected_ListsEach()
    {
        var result = Result(expected: 100, balances: 120, ledgerPoints: 120, memberBalances: 120);

        Assert.Equal(3, result.Problems().Count);
    }

    [Fact]
    public void Problems_SummaryFailed_Fails()
    {
        var result = new LedgerCheckResult(100, 3, 100, 0, [], null, new GraphQLError("UNAVAILABLE", "down"));

        Assert.False(result.Passed);
        Assert.Equal("pointsSummary failed (UNAVAILABLE: down)", Assert.Single(result.Problems()));
    }

    [Fact]
    public void Problems_MemberQueriesFailed_Fails()
    {
        var failures = new[] { new CodeCount("UNAVAILABLE", 2, "0800000001: down") };
        var result = new LedgerCheckResult(100, 3, 100, 0, failures, new PointsSummary(3, 5, 100, 100), null);

        Assert.False(result.Passed);
        Assert.Equal(
            "member(phone) failed for 2 phones, so their balances are missing (UNAVAILABLE, e.g. 0800000001: down)",
            Assert.Single(result.Problems()));
    }

    [Fact]
    public void MemberBalanceSum_MissingMember_CountsAsZero()
    {
        var sum = new MemberBalanceSum();

        sum.Record("0800000001", GraphQLResponse.Parse(200, """{"data":{"member":{"balance":7}}}"""));
        sum.Record("0800000002", GraphQLResponse.Parse(200, """{"data":{"member":null}}"""));
        sum.Record("0800000003", GraphQLResponse.Parse(200,
            """{"errors":[{"message":"down","extensions":{"code":"UNAVAILABLE"}}]}"""));

        Assert.Equal(7, sum.Sum);
        Assert.Equal(3, sum.Done);
        Assert.Equal(1, sum.NotFound);
        var failure = Assert.Single(sum.Failures.ByCount());
        Assert.Equal("UNAVAILABLE", failure.Code);
        Assert.Equal("0800000003: down", failure.Example);
    }

    [Fact]
    public void PointsSummary_FromResponse_ReadsFourFields()
    {
        var response = GraphQLResponse.Parse(200,
            """{"data":{"pointsSummary":{"members":3,"entries":5,"ledgerPoints":"120","memberBalances":120}}}""");

        Assert.Equal(new PointsSummary(3, 5, 120, 120), PointsSummary.FromResponse(response));
    }

    [Fact]
    public void PointsSummary_FromResponse_MissingFieldIsNull()
    {
        var response = GraphQLResponse.Parse(200, """{"data":{"pointsSummary":{"members":3,"entries":5}}}""");

        Assert.Null(PointsSummary.FromResponse(response));
    }
}
