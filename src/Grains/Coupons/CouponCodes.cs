using System.Security.Cryptography;

namespace Pointspot.Grains.Coupons;

/// <summary>
/// Random coupon codes: 10 characters from 31 letters and digits without 0, O, 1, I and L, which
/// a cashier could mistake for one another (about 49 bits, so codes cannot be guessed).
/// </summary>
public static class CouponCodes
{
    public const int Length = 10;
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);
}
