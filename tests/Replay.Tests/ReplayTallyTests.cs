using Pointspot.Replay.GraphQL;
using Pointspot.Replay.Purchases;
using Pointspot.Replay.Replaying;

namespace Pointspot.Replay.Tests;

public sealed class ReplayTallyTests
{
    private static readonly Purchase Purchase = new(7, 1, new DateOnly(1997, 1, 1), 1, "11.77", 11.77m);

    [Fact]
    public void FromResponse_NewEntry_IsAcceptedWithPoints()
    {
        var response = GraphQLResponse.Parse(200,
            """{"data":{"collectPoints":{"entry":{"points":11},"member":{"balance":11},"replayed":false}}}""");

        var outcome = CollectOutcome.FromResponse(response);

        Assert.Equal(new CollectOutcome.Accepted(11, Replayed: false), outcome);
    }

    [Fact]
    public void FromResponse_Replayed_IsAcceptedAsReplay()
    {
        var response = GraphQLResponse.Parse(200,
            """{"data":{"collectPoints":{"entry":{"points":11},"member":{"balance":11},"replayed":true}}}""");

        Assert.Equal(new CollectOutcome.Accepted(11, Replayed: true), CollectOutcome.FromResponse(response));
    }

    [Fact]
    public void FromResponse_Error_IsRejectedWithCode()
    {
        var response = GraphQLResponse.Parse(200,
            """{"errors":[{"message":"Receipt CDNOW-7 already earned points.","extensions":{"code":"DUPLICATE_RECEIPT"}}],"data":null}""");

        var outcome = CollectOutcome.FromResponse(response);

        Assert.Equal(new CollectOutcome.Rejected("DUPLICATE_RECEIPT", "Receipt CDNOW-7 already earned points."), outcome);
    }

    [Fact]
    public void FromResponse_DataWithoutReplayed_IsInvalidResponse()
    {
        var response = GraphQLResponse.Parse(200, """{"data":{"collectPoints":{"entry":{"points":11}}}}""");

        var rejected = Assert.IsType<CollectOutcome.Rejected>(CollectOutcome.FromResponse(response));
        Assert.Equal(GraphQLResponse.InvalidResponse, rejected.Code);
    }

    [Fact]
    public void RecordOutcome_CountsPointsOfNewEntriesOnly()
    {
        var tally = new ReplayTally();

        tally.RecordOutcome(Purchase, new CollectOutcome.Accepted(11, Replayed: false));
        tally.RecordOutcome(Purchase, new CollectOutcome.Accepted(11, Replayed: true));
        tally.RecordOutcome(Purchase, new CollectOutcome.Accepted(4, Replayed: false));

        Assert.Equal(3, tally.Sent);
        Assert.Equal(2, tally.AcceptedNew);
        Assert.Equal(1, tally.AcceptedReplayed);
        Assert.Equal(15, tally.PointsAwarded);
        Assert.Equal(0, tally.Rejected);
    }

    [Fact]
    public void Rejections_GroupedByCodeWithFirstExample()
    {
        var tally = new ReplayTally();

        tally.RecordOutcome(Purchase, new CollectOutcome.Rejected("DUPLICATE_RECEIPT", "first"));
        tally.RecordOutcome(Purchase with { LineNumber = 9 }, new CollectOutcome.Rejected("DUPLICATE_RECEIPT", "second"));
        tally.RecordOutcome(Purchase, new CollectOutcome.Rejected("INVALID_AMOUNT", "third"));
        tally.RecordInvalidLine(new InvalidLine(3, " 00001 1997 1 1.00", "expected 4 columns"));

        Assert.Equal(3, tally.Sent);
        Assert.Equal(4, tally.Rejected);
        var groups = tally.Rejections.ByCount();
        Assert.Equal(["DUPLICATE_RECEIPT", "INVALID_AMOUNT", "INVALID_LINE"], groups.Select(group => group.Code));
        Assert.Equal([2L, 1L, 1L], groups.Select(group => group.Count));
        Assert.Equal("line 7: first", groups[0].Example);
        Assert.Equal("line 3: expected 4 columns: \"00001 1997 1 1.00\"", groups[2].Example);
    }

    [Fact]
    public async Task RecordOutcome_FromManyThreads_LosesNoCount()
    {
        var tally = new ReplayTally();

        await Parallel.ForAsync(0, 10_000, (i, _) =>
        {
            CollectOutcome outcome = (i % 3) switch
            {
                0 => new CollectOutcome.Accepted(2, Replayed: false),
                1 => new CollectOutcome.Accepted(2, Replayed: true),
                _ => new CollectOutcome.Rejected("CODE_" + (i % 5), "x"),
            };
            tally.RecordOutcome(Purchase, outcome);
            return ValueTask.CompletedTask;
        });

        Assert.Equal(10_000, tally.Sent);
        Assert.Equal(3_334, tally.AcceptedNew);
        Assert.Equal(3_333, tally.AcceptedReplayed);
        Assert.Equal(3_333, tally.Rejected);
        Assert.Equal(3_333, tally.Rejections.ByCount().Sum(group => group.Count));
        Assert.Equal(6_668, tally.PointsAwarded);
    }
}
