using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pointspot.Replay.Tests;

/// <summary>
/// An in-memory stand-in for the Pointspot GraphQL API, as much of it as the replay uses:
/// sign-up, earn rule, API keys, idempotent collectPoints with one award per receipt,
/// member(phone) and pointsSummary. It picks the operation by the field names in the document,
/// which is enough for the documents the replay sends.
/// </summary>
internal sealed class FakePointspot : HttpMessageHandler
{
    private const string OwnerToken = "pst_owner";
    private const string ApiKey = "psk_device";

    private readonly Lock sync = new();
    private readonly Dictionary<string, (string Input, JsonObject Result)> byIdempotencyKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> receipts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> balances = new(StringComparer.Ordinal);
    private long entries;
    private long ledgerPoints;
    private int requests;

    public string? TimeZone { get; private set; }

    public decimal? SpendPerPoint { get; private set; }

    public int SignUps { get; private set; }

    public List<string> OccurredAt { get; } = [];

    /// <summary>When set, every request whose number is a multiple of it first fails with UNAVAILABLE.</summary>
    public int FailEvery { get; init; }

    /// <summary>Extra points added to every award, to make the ledger disagree with the file.</summary>
    public long ExtraPointsPerAward { get; init; }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string text = await request.Content!.ReadAsStringAsync(cancellationToken);
        var body = JsonNode.Parse(text)!.AsObject();
        string query = body["query"]!.GetValue<string>();
        var variables = body["variables"] as JsonObject ?? [];
        string? bearer = request.Headers.Authorization?.Parameter;

        int number = Interlocked.Increment(ref requests);
        if (FailEvery > 0 && number % FailEvery == 0)
        {
            return Error("UNAVAILABLE", "The service is unavailable right now.");
        }

        lock (sync)
        {
            if (query.Contains("signUpMerchant", StringComparison.Ordinal))
            {
                return SignUp(variables["input"]!.AsObject());
            }

            if (bearer is not (OwnerToken or ApiKey))
            {
                return Error("UNAUTHENTICATED", "The credentials are invalid, expired or revoked.");
            }

            if (query.Contains("setEarnRule", StringComparison.Ordinal))
            {
                SpendPerPoint = decimal.Parse(
                    variables["input"]!["spendPerPoint"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                return Data(new JsonObject { ["setEarnRule"] = new JsonObject { ["id"] = "m1" } });
            }

            if (query.Contains("createApiKey", StringComparison.Ordinal))
            {
                return Data(new JsonObject
                {
                    ["createApiKey"] = new JsonObject
                    {
                        ["apiKey"] = new JsonObject { ["id"] = "k1", ["name"] = "CDNOW replay" },
                        ["secret"] = ApiKey,
                    },
                });
            }

            if (query.Contains("collectPoints", StringComparison.Ordinal))
            {
                return Collect(variables["input"]!.AsObject());
            }

            if (query.Contains("pointsSummary", StringComparison.Ordinal))
            {
                return Data(new JsonObject
                {
                    ["pointsSummary"] = new JsonObject
                    {
                        ["members"] = balances.Count,
                        ["entries"] = entries,
                        ["ledgerPoints"] = ledgerPoints,
                        ["memberBalances"] = balances.Values.Sum(),
                    },
                });
            }

            if (query.Contains("member(phone", StringComparison.Ordinal))
            {
                string phone = variables["phone"]!.GetValue<string>();
                JsonNode? member = balances.TryGetValue(phone, out long balance)
                    ? new JsonObject { ["balance"] = balance }
                    : null;
                return Data(new JsonObject { ["member"] = member });
            }

            return Error("SYNTAX_ERROR", "Unknown document.", HttpStatusCode.BadRequest);
        }
    }

    private HttpResponseMessage SignUp(JsonObject input)
    {
        SignUps++;
        TimeZone = input["timeZone"]?.GetValue<string>();
        return Data(new JsonObject
        {
            ["signUpMerchant"] = new JsonObject
            {
                ["merchant"] = new JsonObject { ["id"] = "m1", ["name"] = "CDNOW replay", ["timeZone"] = TimeZone },
                ["token"] = OwnerToken,
            },
        });
    }

    private HttpResponseMessage Collect(JsonObject input)
    {
        string key = input["idempotencyKey"]!.GetValue<string>();
        string inputText = input.ToJsonString();
        if (byIdempotencyKey.TryGetValue(key, out var stored))
        {
            if (stored.Input != inputText)
            {
                return Error("IDEMPOTENCY_KEY_REUSED", $"Idempotency key {key} was used for a different request.");
            }

            var replay = (JsonObject)stored.Result.DeepClone();
            replay["replayed"] = true;
            return Data(new JsonObject { ["collectPoints"] = replay });
        }

        string receipt = input["receiptNumber"]!.GetValue<string>();
        if (!receipts.Add(receipt))
        {
            return Error("DUPLICATE_RECEIPT", $"Receipt {receipt} already earned points.");
        }

        string phone = input["phone"]!.GetValue<string>();
        decimal amount = decimal.Parse(input["amount"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        long points = (long)decimal.Floor(amount / (SpendPerPoint ?? 1m)) + ExtraPointsPerAward;
        long balance = balances.GetValueOrDefault(phone) + points;
        balances[phone] = balance;
        entries++;
        ledgerPoints += points;
        OccurredAt.Add(input["occurredAt"]!.GetValue<string>());

        var result = new JsonObject
        {
            ["entry"] = new JsonObject
            {
                ["id"] = entries.ToString(CultureInfo.InvariantCulture),
                ["kind"] = "EARN",
                ["points"] = points,
                ["amount"] = input["amount"]!.GetValue<string>(),
                ["balanceAfter"] = balance,
                ["occurredAt"] = input["occurredAt"]!.GetValue<string>(),
            },
            ["member"] = new JsonObject { ["phone"] = phone, ["balance"] = balance },
            ["replayed"] = false,
        };
        byIdempotencyKey[key] = (inputText, result);
        return Data(new JsonObject { ["collectPoints"] = result.DeepClone() });
    }

    private static HttpResponseMessage Data(JsonObject data) =>
        Respond(HttpStatusCode.OK, new JsonObject { ["data"] = data });

    private static HttpResponseMessage Error(string code, string message, HttpStatusCode status = HttpStatusCode.OK) =>
        Respond(status, new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject
            {
                ["message"] = message,
                ["extensions"] = new JsonObject { ["code"] = code },
            }),
        });

    private static HttpResponseMessage Respond(HttpStatusCode status, JsonObject body) =>
        new(status)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/graphql-response+json"),
        };
}
