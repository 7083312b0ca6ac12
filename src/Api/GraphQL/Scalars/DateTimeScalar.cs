using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Pointspot.Api.GraphQL.Scalars;

/// <summary>
/// An instant in ISO 8601 with an offset. A value without an offset is rejected rather than
/// guessed, because the shop's time zone decides which day a purchase belongs to.
/// </summary>
public sealed class DateTimeScalar : ScalarGraphType
{
    private const string OutputFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";

    private static readonly string[] InputFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
    ];

    public DateTimeScalar()
    {
        Name = "DateTime";
        Description = "An instant in ISO 8601 with an offset, e.g. 2026-12-01T10:00:00+07:00.";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => Parse(text.Value.ToString()),
        _ => ThrowLiteralConversionError(value, "expected a string such as \"2026-12-01T10:00:00+07:00\""),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string text => Parse(text),
        DateTimeOffset instant => instant,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateTimeOffset instant => instant.ToString(OutputFormat, CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    private static DateTimeOffset Parse(string text)
    {
        bool hasOffset = text.EndsWith('Z') || text.EndsWith('z')
            || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (hasOffset && DateTimeOffset.TryParseExact(text, InputFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        string shown = text.Length > 40 ? text[..40] + "..." : text;
        throw new FormatException(
            $"\"{shown}\" is not an ISO 8601 date and time with an offset: send one such as \"2026-12-01T10:00:00+07:00\".");
    }
}
