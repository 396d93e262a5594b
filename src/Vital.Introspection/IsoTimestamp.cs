using System.Numerics;

namespace Vital.Introspection;

/// <summary>
/// The one shape nearly every upstream timestamp has, read without the general parser:
/// <c>yyyy-MM-dd</c>, <c>T</c> or a space, <c>HH:mm:ss</c>, an optional fraction of 1 to 7 digits, then <c>Z</c>,
/// <c>±HH:mm</c> or nothing (UTC). Anything else (another layout, a value out of range, a year at either end of the
/// calendar, where an offset could leave it) is declined, and <see cref="HistoricalPullParser.ParseTimestamp"/> reads
/// it with <see cref="DateTimeOffset.TryParse(string, IFormatProvider, System.Globalization.DateTimeStyles, out DateTimeOffset)"/>
/// as before. What this reads, it reads as that call would (a test compares them on 20,000 generated strings). It is
/// here for the team scan: a pull has five timestamps, and that call was the largest single cost of parsing a page
/// (ADR 0027).
/// </summary>
internal static class IsoTimestamp
{
    private const int DateAndTimeLength = 19; // yyyy-MM-ddTHH:mm:ss

    /// <summary>
    /// The instant <paramref name="text"/> names, in UTC; false when it is not in the one shape read here. Text as
    /// UTF-16 (<see cref="char"/>) or as the body's UTF-8 bytes (<see cref="byte"/>, unescaped), which then need no string.
    /// </summary>
    public static bool TryRead<TChar>(ReadOnlySpan<TChar> text, out DateTimeOffset utc)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        utc = default;
        if (text.Length < DateAndTimeLength
            || !TryDate(text, out var year, out var month, out var day)
            || At(text, 10) is not ('T' or ' ') || At(text, 13) != ':' || At(text, 16) != ':'
            || !TryDigits(text[11..13], out var hour) || !TryDigits(text[14..16], out var minute) || !TryDigits(text[17..19], out var second)
            || year is < 2 or > 9998 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var rest = text[DateAndTimeLength..];
        long fractionTicks = 0;
        if (rest.Length > 0 && At(rest, 0) == '.')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit((char)At(rest, digits)))
            {
                digits++;
            }

            // 1 to 7 digits: a tick is the seventh.
            if (digits is 1 or > 8)
            {
                return false;
            }

            TryDigits(rest[1..digits], out var fraction);
            for (var scale = digits - 1; scale < 7; scale++)
            {
                fraction *= 10;
            }

            fractionTicks = fraction;
            rest = rest[digits..];
        }

        TimeSpan offset;
        if (rest.IsEmpty || (rest.Length == 1 && At(rest, 0) == 'Z'))
        {
            offset = TimeSpan.Zero;
        }
        else if (rest.Length == 6 && At(rest, 0) is '+' or '-' && At(rest, 3) == ':'
            && TryDigits(rest[1..3], out var offsetHours) && TryDigits(rest[4..6], out var offsetMinutes)
            && offsetMinutes <= 59 && offsetHours * 60 + offsetMinutes <= 14 * 60)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            offset = At(rest, 0) == '-' ? offset.Negate() : offset;
        }
        else
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        utc = new DateTimeOffset(local, offset).ToUniversalTime();
        return true;
    }

    /// <summary>The <c>yyyy-MM-dd</c> that opens <paramref name="text"/>, a day of the calendar.</summary>
    private static bool TryDate<TChar>(ReadOnlySpan<TChar> text, out int year, out int month, out int day)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        month = day = 0;
        return TryDigits(text[..4], out year) && At(text, 4) == '-' && At(text, 7) == '-'
            && TryDigits(text[5..7], out month) && TryDigits(text[8..10], out day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static int At<TChar>(ReadOnlySpan<TChar> text, int index)
        where TChar : unmanaged, IBinaryInteger<TChar> => int.CreateTruncating(text[index]);

    private static bool TryDigits<TChar>(ReadOnlySpan<TChar> digits, out int value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = 0;
        foreach (var unit in digits)
        {
            var c = int.CreateTruncating(unit);
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
