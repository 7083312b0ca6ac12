using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pointspot.Bench;

/// <summary>Writes the body of each request of a load run into the buffer of the client sending it.</summary>
public interface IRequestSource
{
    /// <summary>The top-level field of the response's data that marks a success.</summary>
    string ResultField { get; }

    /// <summary>
    /// Writes the body of request <paramref name="sequence"/> of client <paramref name="client"/>.
    /// Returns false when the source has no request left (the prime run ends that way).
    /// </summary>
    bool TryWrite(int client, long sequence, Span<byte> buffer, out int length);
}

/// <summary>
/// collectPoints bodies made from a pre-serialized template. Only the phone, receipt number and
/// idempotency key change per request, and they are written as bytes without a JSON serializer.
/// Receipt numbers and idempotency keys are "{tag}-{phase}-{client}-{sequence}", so they are
/// unique by construction and never derived from a random generator whose seed might repeat.
/// </summary>
public sealed class CollectRequestSource : IRequestSource
{
    public const string Amount = "125.00";

    private const string Mutation =
        "mutation Collect($input: CollectPointsInput!) { collectPoints(input: $input) "
        + "{ replayed entry { id points balanceAfter } member { balance } } }";

    private static readonly StandardFormat PhoneDigits = new('D', 8);

    private readonly byte[] _head;
    private readonly byte[] _receipt;
    private readonly byte[] _idempotencyKey;
    private readonly byte[] _tail = "\"}}}"u8.ToArray();
    private readonly IMemberChooser _members;

    public CollectRequestSource(string tag, string phase, DateTimeOffset occurredAt, IMemberChooser members)
    {
        string occurred = occurredAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        _head = Encoding.UTF8.GetBytes(
            $"{{\"query\":{JsonSerializer.Serialize(Mutation)},\"variables\":{{\"input\":{{"
            + $"\"amount\":\"{Amount}\",\"occurredAt\":\"{occurred}\",\"phone\":\"06");
        _receipt = Encoding.UTF8.GetBytes($"\",\"receiptNumber\":\"R-{tag}-{phase}-");
        _idempotencyKey = Encoding.UTF8.GetBytes($"\",\"idempotencyKey\":\"{tag}-{phase}-");
        _members = members;
    }

    public string ResultField => "collectPoints";

    /// <summary>The phone number of member <paramref name="index"/>: 06 followed by the index in 8 digits.</summary>
    public static string PhoneOf(int index) => "06" + index.ToString("D8", CultureInfo.InvariantCulture);

    public bool TryWrite(int client, long sequence, Span<byte> buffer, out int length)
    {
        length = 0;
        if (!_members.TryNext(client, out int member))
        {
            return false;
        }

        var writer = new SpanWriter(buffer);
        writer.Append(_head);
        writer.Append(member, PhoneDigits);
        writer.Append(_receipt);
        writer.AppendRequestId(client, sequence);
        writer.Append(_idempotencyKey);
        writer.AppendRequestId(client, sequence);
        writer.Append(_tail);
        length = writer.Length;
        return true;
    }

    private ref struct SpanWriter(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Length { get; private set; }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_buffer[Length..]);
            Length += bytes.Length;
        }

        public void Append(long value, StandardFormat format = default)
        {
            if (!Utf8Formatter.TryFormat(value, _buffer[Length..], out int written, format))
            {
                throw new InvalidOperationException("The request buffer is too small for the collectPoints body.");
            }

            Length += written;
        }

        public void AppendRequestId(int client, long sequence)
        {
            Append(client);
            Append("-"u8);
            Append(sequence);
        }
    }
}

/// <summary>The body of the transport ceiling: a query that the server resolves without storage.</summary>
public sealed class TypenameRequestSource : IRequestSource
{
    private static readonly byte[] Body = "{\"query\":\"{ __typename }\"}"u8.ToArray();

    public string ResultField => "__typename";

    public bool TryWrite(int client, long sequence, Span<byte> buffer, out int length)
    {
        Body.CopyTo(buffer);
        length = Body.Length;
        return true;
    }
}
