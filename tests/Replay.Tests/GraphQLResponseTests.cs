using Pointspot.Replay.GraphQL;

namespace Pointspot.Replay.Tests;

public sealed class GraphQLResponseTests
{
    [Fact]
    public void Parse_ErrorWithoutCode_UsesNoCode()
    {
        var response = GraphQLResponse.Parse(200, """{"errors":[{"message":"boom"}]}""");

        var error = Assert.Single(response.Errors);
        Assert.Equal(GraphQLResponse.MissingCode, error.Code);
        Assert.Equal("boom", error.Message);
        Assert.False(response.IsTransient);
    }

    [Fact]
    public void Parse_NotJson_NamesStatusAndBody()
    {
        var response = GraphQLResponse.Parse(502, "Bad Gateway");

        var error = Assert.Single(response.Errors);
        Assert.Equal("HTTP_502", error.Code);
        Assert.Contains("\"Bad Gateway\"", error.Message);
        Assert.True(response.IsTransient);
    }

    [Fact]
    public void Parse_ClientErrorWithoutErrors_AddsHttpError()
    {
        var response = GraphQLResponse.Parse(415, "{}");

        Assert.Equal("HTTP_415", Assert.Single(response.Errors).Code);
        Assert.False(response.IsTransient);
    }

    [Fact]
    public void Parse_Data_IsKeptAfterDocumentDisposed()
    {
        var response = GraphQLResponse.Parse(200, """{"data":{"member":{"balance":"42"}}}""");

        Assert.Empty(response.Errors);
        Assert.NotNull(response.Data);
        Assert.Equal(42, response.Data.Value.GetInt64At("member", "balance"));
    }

    [Fact]
    public void Parse_UnavailableAmongErrors_IsTransient()
    {
        var response = GraphQLResponse.Parse(200,
            """{"errors":[{"message":"a","extensions":{"code":"INTERNAL"}},{"message":"b","extensions":{"code":"UNAVAILABLE"}}]}""");

        Assert.True(response.IsTransient);
        Assert.Equal("INTERNAL", response.FirstError?.Code);
    }
}
