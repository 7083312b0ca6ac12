using System.Text.Json.Nodes;

namespace Pointspot.Replay.GraphQL;

/// <summary>A GraphQL document and its variables, as sent in the body of a POST.</summary>
internal sealed record GraphQLRequest(string Query, JsonObject? Variables = null)
{
    public string ToJson()
    {
        var body = new JsonObject
        {
            ["query"] = Query,
            ["variables"] = Variables?.DeepClone(),
        };

        return body.ToJsonString();
    }
}
