using System.Globalization;

namespace Moonwire.Dialects.Wippy.Library;

/// <summary>
/// Go's duration syntax (<c>time.ParseDuration</c>): an optional sign, then one or more decimal numbers
/// each with a unit ns, us (µs), ms, s, m or h — "300ms", "1.5h", "2h45m". "0" alone is allowed.
/// </summary>
internal static class GoDuration
{
    private static readonly (string Unit, double Seconds)[] Units =
    [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
    ];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var rest = text.AsSpan();
        var sign = 1;
        if (rest.Length > 0 && rest[0] is '-' or '+')
        {
            sign = rest[0] == '-' ? -1 : 1;
            rest = rest[1..];
        }

        if (rest is "0")
        {
            return true;
        }

        if (rest.IsEmpty)
        {
            return false;
        }

        double seconds = 0;
        while (!rest.IsEmpty)
        {
            var digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || !double.TryParse(rest[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            rest = rest[digits..];
            // "ms" is listed before "m", so the first match is the right unit.
            var unit = 0;
            while (unit < Units.Length && !rest.StartsWith(Units[unit].Unit, StringComparison.Ordinal))
            {
                unit++;
            }

            if (unit == Units.Length)
            {
                return false;
            }

            seconds += number * Units[unit].Seconds;
            rest = rest[Units[unit].Unit.Length..];
        }

        duration = TimeSpan.FromSeconds(sign * seconds);
        return true;
    }
}
