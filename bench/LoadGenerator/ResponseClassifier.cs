using System.Text.Json;

namespace Pointspot.Bench;

public enum OutcomeKind
{
    /// <summary>A new write was committed: no error, and collectPoints returned replayed: false.</summary>
    Acknowledged,

    /// <summary>collectPoints returned an earlier entry for the same idempotency key.</summary>
    Replayed,

    /// <summary>The server rejected the request and wrote nothing.</summary>
    Rejected,

    /// <summary>The request failed in a way that may or may not have written a ledger row.</summary>
    Unknown,
}

/// <summary>The result of one request; <see cref="Code"/> is extensions.code or the transport failure.</summary>
public readonly record struct Outcome(OutcomeKind Kind, string? Code)
{
    public static Outcome Acknowledged { get; } = new(OutcomeKind.Acknowledged, null);

    public static Outcome Replayed { get; } = new(OutcomeKind.Replayed, null);

    public static Outcome Unknown(string code) => new(OutcomeKind.Unknown, code);
}

/// <summary>Reads a GraphQL response into an <see cref="Outcome"/>.</summary>
public static class ResponseClassifier
{
    public static Outcome Classify(int status, ReadOnlySpan<byte> body, string resultField)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
            {
                string code = ReadCode(errors[0]);
                return new Outcome(MayHaveWritten(code) ? OutcomeKind.Unknown : OutcomeKind.Rejected, code);
            }

            if (status != 200)
            {
                return Outcome.Unknown($"HTTP_{status}");
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty(resultField, out var result))
            {
                return Outcome.Unknown("INVALID_RESPONSE");
            }

            bool replayed = result.ValueKind == JsonValueKind.Object
                && result.TryGetProperty("replayed", out var flag) && flag.ValueKind == JsonValueKind.True;
            return replayed ? Outcome.Replayed : Outcome.Acknowledged;
        }
        catch (JsonException)
        {
            return Outcome.Unknown(status == 200 ? "INVALID_RESPONSE" : $"HTTP_{status}");
        }
    }

    private static string ReadCode(JsonElement error)
    {
        if (error.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
            && extensions.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
        {
            return code.GetString()!;
        }

        return "NO_CODE";
    }

    // The ledger writer reports UNAVAILABLE when a commit failed or may have happened. An
    // INTERNAL error or an error without a code gives no promise either way.
    private static bool MayHaveWritten(string code) => code is "UNAVAILABLE" or "INTERNAL" or "NO_CODE";
}
