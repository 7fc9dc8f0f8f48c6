using System.Globalization;

namespace Lrs.Xapi.Validation;

/// <summary>
/// The string formats xAPI builds on (IRI, UUID, mailto, timestamps, durations, language tags, media types).
/// Each check is a small hand-written recogniser: regexes would be harder to read and slower on the ingest path.
/// </summary>
public static class Formats
{
    /// <summary>
    /// An absolute IRI (RFC 3987): a scheme, a colon, then at least one character, with no whitespace, control
    /// characters or the delimiters RFC 3987 excludes, and well-formed percent escapes.
    /// </summary>
    public static bool IsIri(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var colon = SchemeEnd(value);
        if (colon < 0 || colon == value.Length - 1)
        {
            return false;
        }

        for (var i = colon + 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c <= ' ' || c == 0x7f || c is '<' or '>' or '"' or '{' or '}' or '|' or '\\' or '^' or '`')
            {
                return false;
            }

            if (c == '%' && (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An IRL is an IRI meant to be dereferenced; we hold it to the IRI grammar and nothing more.</summary>
    public static bool IsIrl(string? value) => IsIri(value);

    /// <summary>Index of the ':' ending a valid scheme (ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )), or -1.</summary>
    private static int SchemeEnd(string value)
    {
        if (!char.IsAsciiLetter(value[0]))
        {
            return -1;
        }

        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':')
            {
                return i;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>8-4-4-4-12 hexadecimal digits, any case, any RFC 4122 version.</summary>
    public static bool IsUuid(string? value) => TryParseUuid(value, out _);

    public static bool TryParseUuid(string? value, out Guid id)
    {
        id = Guid.Empty;
        if (value is null || value.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < 36; i++)
        {
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? value[i] != '-' : !char.IsAsciiHexDigit(value[i]))
            {
                return false;
            }
        }

        return Guid.TryParseExact(value, "D", out id);
    }

    /// <summary>"mailto:" followed by an address with a local part and a domain.</summary>
    public static bool IsMailto(string? value)
    {
        if (value is null || !value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var address = value.AsSpan(7);
        var at = address.IndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address[(at + 1)..].Contains('@'))
        {
            return false;
        }

        foreach (var c in address)
        {
            if (c <= ' ' || c is '<' or '>' or '"' or '(' or ')' or ',' or ';' or '\\' or '[' or ']')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hex SHA-1 of 40 digits.</summary>
    public static bool IsSha1Hex(string? value) => IsHex(value, 40);

    public static bool IsHex(string? value, int length)
    {
        if (value is null || value.Length != length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// An ISO 8601 date-time (extended or basic form; under 2.0 also RFC 3339's space separator). The offset may be
    /// Z, ±hh:mm, ±hhmm or ±hh, but never a negative zero: ISO 8601 reserves "-00:00" for an unknown offset, which
    /// the spec rejects. A missing offset is read as UTC.
    /// </summary>
    public static bool TryParseTimestamp(string? value, out DateTimeOffset instant) => TryParseTimestamp(value, allowSpace: true, out instant);

    public static bool TryParseTimestamp(string? value, bool allowSpace, out DateTimeOffset instant)
    {
        instant = default;
        if (value is null)
        {
            return false;
        }

        var p = new Cursor(value);
        if (!p.Digits(4, out var year))
        {
            return false;
        }

        var extended = p.Take('-');
        if (!p.Digits(2, out var month) || (extended && !p.Take('-')) || !p.Digits(2, out var day))
        {
            return false;
        }

        if (!(p.Take('T') || p.Take('t') || (allowSpace && p.Take(' '))))
        {
            return false;
        }

        if (!p.Digits(2, out var hour))
        {
            return false;
        }

        if (extended && !p.Take(':'))
        {
            return false;
        }

        if (!p.Digits(2, out var minute))
        {
            return false;
        }

        var second = 0;
        long fractionTicks = 0;
        if (extended ? p.Take(':') : p.PeekDigit())
        {
            if (!p.Digits(2, out second))
            {
                return false;
            }

            if (p.Take('.') || p.Take(','))
            {
                var digits = 0;
                long scale = TimeSpan.TicksPerSecond;
                while (p.PeekDigit())
                {
                    var d = p.Next() - '0';
                    if (digits < 7)
                    {
                        scale /= 10;
                        fractionTicks += d * scale;
                    }

                    digits++;
                }

                if (digits == 0)
                {
                    return false;
                }
            }
        }

        TimeSpan offset;
        if (p.End)
        {
            offset = TimeSpan.Zero;
        }
        else if (p.Take('Z') || p.Take('z'))
        {
            offset = TimeSpan.Zero;
        }
        else
        {
            var sign = p.Take('+') ? 1 : p.Take('-') ? -1 : 0;
            if (sign == 0 || !p.Digits(2, out var oh))
            {
                return false;
            }

            var om = 0;
            if (!p.End)
            {
                var colon = p.Take(':');
                if ((colon && !extended) || !p.Digits(2, out om))
                {
                    return false;
                }
            }

            if (sign < 0 && oh == 0 && om == 0)
            {
                return false;
            }

            if (oh > 23 || om > 59)
            {
                return false;
            }

            offset = new TimeSpan(sign * oh, sign * om, 0);
        }

        // Year 0000 has the digits of a year but no DateTime: DaysInMonth would throw, so it is refused here.
        if (!p.End || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 24 || minute > 59 || second > 60)
        {
            return false;
        }

        try
        {
            // 24:00 is the end of the day and a leap second is read as the last second of its minute.
            var local = new DateTime(year, month, day, hour == 24 ? 0 : hour, minute, second == 60 ? 59 : second, DateTimeKind.Unspecified)
                .AddTicks(fractionTicks);
            if (hour == 24)
            {
                if (minute != 0 || second != 0 || fractionTicks != 0)
                {
                    return false;
                }

                local = local.AddDays(1);
            }

            instant = new DateTimeOffset(local, offset).ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>The form the LRS writes timestamps in: UTC, "Z", milliseconds or finer.</summary>
    public static string FormatTimestamp(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return utc.Ticks % TimeSpan.TicksPerMillisecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// An ISO 8601 duration: "P" then years, months, weeks, days, then "T" with hours, minutes, seconds. At least one
    /// component; only the last may carry a fraction.
    /// </summary>
    public static bool IsDuration(string? value)
    {
        if (value is null || value.Length < 3 || value[0] != 'P')
        {
            return false;
        }

        const string dateUnits = "YMWD";
        const string timeUnits = "HMS";
        var inTime = false;
        var components = 0;
        var lastUnit = -1;
        var sawFraction = false;
        var i = 1;
        while (i < value.Length)
        {
            if (value[i] == 'T')
            {
                if (inTime || i == value.Length - 1)
                {
                    return false;
                }

                inTime = true;
                lastUnit = -1;
                i++;
                continue;
            }

            var start = i;
            while (i < value.Length && char.IsAsciiDigit(value[i]))
            {
                i++;
            }

            var fraction = false;
            if (i < value.Length && (value[i] == '.' || value[i] == ','))
            {
                fraction = true;
                i++;
                var fracStart = i;
                while (i < value.Length && char.IsAsciiDigit(value[i]))
                {
                    i++;
                }

                if (i == fracStart)
                {
                    return false;
                }
            }

            if (i == start || i >= value.Length || sawFraction)
            {
                return false;
            }

            var units = inTime ? timeUnits : dateUnits;
            var unit = units.IndexOf(value[i], StringComparison.Ordinal);
            if (unit <= lastUnit)
            {
                return false;
            }

            lastUnit = unit;
            sawFraction = fraction;
            components++;
            i++;
        }

        // ISO 8601:2004 4.4.3.2: weeks stand alone ("P4W"), never beside other components.
        if (value.Contains('W', StringComparison.Ordinal) && components > 1)
        {
            return false;
        }

        return components > 0 && !(inTime && lastUnit < 0);
    }

    /// <summary>
    /// Truncates the seconds of a duration to hundredths: the spec compares durations only to 0.01 s.
    /// </summary>
    public static string DurationForComparison(string duration)
    {
        var s = duration.LastIndexOf('S');
        var dot = duration.LastIndexOfAny(['.', ',']);
        if (s != duration.Length - 1 || dot < 0 || s - dot - 1 <= 2)
        {
            return duration;
        }

        return string.Concat(duration.AsSpan(0, dot + 3), "S");
    }

    /// <summary>An RFC 5646 language tag, checked for well-formedness (not registry membership).</summary>
    public static bool IsLanguageTag(string? value) => value is not null && LanguageTag.IsWellFormed(value);

    /// <summary>An Internet media type: type "/" subtype, each a token, with optional parameters.</summary>
    public static bool IsMediaType(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var semi = value.IndexOf(';', StringComparison.Ordinal);
        var main = (semi < 0 ? value : value[..semi]).Trim();
        var slash = main.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < main.Length - 1 && IsToken(main.AsSpan(0, slash)) && IsToken(main.AsSpan(slash + 1));
    }

    private static bool IsToken(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    private ref struct Cursor(string s)
    {
        private readonly string _s = s;
        private int _i;

        public readonly bool End => _i >= _s.Length;

        public readonly bool PeekDigit() => _i < _s.Length && char.IsAsciiDigit(_s[_i]);

        public char Next() => _s[_i++];

        public bool Take(char c)
        {
            if (_i < _s.Length && _s[_i] == c)
            {
                _i++;
                return true;
            }

            return false;
        }

        public bool Digits(int count, out int value)
        {
            value = 0;
            if (_i + count > _s.Length)
            {
                return false;
            }

            for (var k = 0; k < count; k++)
            {
                var c = _s[_i + k];
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            _i += count;
            return true;
        }
    }
}
