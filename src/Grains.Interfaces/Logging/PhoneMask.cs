using System.Text;
using System.Text.RegularExpressions;

namespace Pointspot.Grains.Interfaces.Logging;

/// <summary>
/// Masks phone numbers in log text: <c>+66812345678</c> becomes <c>+6681****678</c>, and
/// <c>0812345678</c> or <c>081-234-5678</c> becomes <c>081****678</c>. Log calls that name a
/// member pass the masked phone. The silo's console formatters also mask every line, because
/// member grain keys contain the E.164 phone and Orleans puts grain ids into some messages.
/// </summary>
public static partial class PhoneMask
{
    private const int KeptTrailingDigits = 3;

    /// <summary>Returns the text with every phone number in it masked.</summary>
    public static string Mask(string text) =>
        MayContainPhone(text) ? Phones().Replace(text, MaskMatch) : text;

    // Cheap pre-check: a phone has at least 9 digits, and most log lines have far fewer.
    private static bool MayContainPhone(string text)
    {
        int digits = 0;
        foreach (char c in text)
        {
            if (char.IsAsciiDigit(c) && ++digits >= 9)
            {
                return true;
            }
        }

        return false;
    }

    private static string MaskMatch(Match match)
    {
        string text = match.Value;
        string digits = string.Concat(text.Where(char.IsAsciiDigit));

        // What stays readable before the stars: "+" and four digits, or the trunk "0" and two.
        int keptLeadingDigits = digits[0] == '0' ? 3 : 4;
        var masked = new StringBuilder(text.Length);
        if (text[0] == '+')
        {
            masked.Append('+');
        }

        masked.Append(digits, 0, keptLeadingDigits);
        masked.Append('*', digits.Length - keptLeadingDigits - KeptTrailingDigits);
        masked.Append(digits, digits.Length - KeptTrailingDigits, KeptTrailingDigits);
        return masked.ToString();
    }

    // The forms the product accepts: E.164 of any country, Thai mobiles with the country code and
    // with or without "+", and Thai mobiles with the trunk 0, with single spaces or hyphens
    // between the groups. A match never starts or ends inside a longer word or number.
    [GeneratedRegex(
        @"(?<![\w+])(?:\+\d{8,14}|\+66[ -]?[689]\d[ -]?\d{3}[ -]?\d{4}|66[689]\d{8}|0[689]\d[ -]?\d{3}[ -]?\d{4})(?!\w)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Phones();
}
