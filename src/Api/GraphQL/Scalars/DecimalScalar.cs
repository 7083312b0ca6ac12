using System.Globalization;
using System.Numerics;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Pointspot.Api.GraphQL.Scalars;

/// <summary>
/// Money as a decimal: accepts a string ("12.50") or a number (12.5) and returns a string, so no
/// client loses a satang to binary floating point.
/// </summary>
public sealed class DecimalScalar : ScalarGraphType
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public DecimalScalar()
    {
        Name = "Decimal";
        Description = "A decimal amount of money. Accepts a JSON string (\"12.50\") or number (12.5); returns a string.";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => Parse(text.Value.ToString()),
        GraphQLIntValue number => Parse(number.Value.ToString()),
        GraphQLFloatValue number => Parse(number.Value.ToString()),
        _ => ThrowLiteralConversionError(value, "expected a decimal string such as \"12.50\""),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string text => Parse(text),
        decimal number => number,
        int number => (decimal)number,
        long number => (decimal)number,
        BigInteger number when number >= (BigInteger)decimal.MinValue && number <= (BigInteger)decimal.MaxValue => (decimal)number,
        double number when double.IsFinite(number) => Parse(number.ToString("R", CultureInfo.InvariantCulture)),
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    private static decimal Parse(string text)
    {
        string shown = text.Length > 40 ? text[..40] + "..." : text;
        if (decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out decimal result))
        {
            // decimal keeps at most 28 or 29 significant digits and rounds the rest away, which
            // would turn 99.999999999999999999999999999 into 100. Such a value is rejected.
            int point = text.IndexOf('.');
            int fractionDigits = point < 0 ? 0 : text[(point + 1)..].TrimEnd('0').Length;
            if (result.Scale < fractionDigits)
            {
                throw new FormatException(
                    $"\"{shown}\" has more decimal places than can be kept exactly: send at most two, such as \"12.50\".");
            }

            return result;
        }

        throw new FormatException($"\"{shown}\" is not a decimal amount: send digits with an optional point, such as \"12.50\".");
    }
}
