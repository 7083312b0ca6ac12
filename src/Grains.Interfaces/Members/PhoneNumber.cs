namespace Pointspot.Grains.Interfaces.Members;

/// <summary>
/// A Thai mobile number in E.164 form (+66 followed by 9 digits). Members are keyed by it, so
/// every spelling a cashier may type maps to the one value.
/// </summary>
public readonly record struct PhoneNumber
{
    private PhoneNumber(string e164) => E164 = e164;

    /// <summary>The number as +66XXXXXXXXX.</summary>
    public string E164 { get; }

    /// <summary>The number as a Thai customer writes it: 0XXXXXXXXX.</summary>
    public string National => "0" + E164[3..];

    public override string ToString() => E164;

    /// <summary>
    /// Parses 0812345678, 081-234-5678, 081 234 5678, +66812345678, 66812345678 and
    /// +66 81 234 5678, with stray spaces, dashes, dots or brackets between the digits.
    /// Thai mobile numbers are 10 digits starting with 06, 08 or 09.
    /// </summary>
    public static bool TryParse(string? input, out PhoneNumber phone, out string error)
    {
        phone = default;
        string shown = input ?? "";
        Span<char> digits = stackalloc char[16];
        int count = 0;
        bool plus = false;

        foreach (char c in shown)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    error = Invalid(shown);
                    return false;
                }

                digits[count++] = c;
            }
            else if (c == '+' && count == 0 && !plus)
            {
                plus = true;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '\t' or '\u00A0'))
            {
                error = Invalid(shown);
                return false;
            }
        }

        string national;
        if (count == 11 && digits[0] == '6' && digits[1] == '6')
        {
            // The international form drops the trunk prefix 0: +66 81 234 5678.
            national = new string(digits[2..count]);
        }
        else if (count == 10 && !plus && digits[0] == '0')
        {
            national = new string(digits[1..count]);
        }
        else
        {
            error = Invalid(shown);
            return false;
        }

        if (national[0] is not ('6' or '8' or '9'))
        {
            error = Invalid(shown);
            return false;
        }

        phone = new PhoneNumber("+66" + national);
        error = "";
        return true;
    }

    /// <summary>Parses the E.164 form stored in grain keys and the database.</summary>
    public static PhoneNumber FromE164(string e164)
    {
        if (!TryParse(e164, out PhoneNumber phone, out string error))
        {
            throw new FormatException(error);
        }

        return phone;
    }

    private static string Invalid(string shown)
    {
        string value = shown.Length > 40 ? shown[..40] + "..." : shown;
        return $"Phone number \"{value}\" is not a Thai mobile number: expected 10 digits "
            + "starting with 06, 08 or 09 (for example 081-234-5678 or +66 81 234 5678).";
    }
}
