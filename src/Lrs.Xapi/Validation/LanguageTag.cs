namespace Lrs.Xapi.Validation;

/// <summary>
/// RFC 5646 well-formedness: language [-extlang] [-script] [-region] *[-variant] *[-extension] [-privateuse],
/// a bare private-use tag, or one of the grandfathered tags.
/// </summary>
internal static class LanguageTag
{
    private static readonly HashSet<string> Grandfathered = new(StringComparer.OrdinalIgnoreCase)
    {
        "en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo", "i-navajo",
        "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE", "art-lojban", "cel-gaulish",
        "no-bok", "no-nyn", "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang",
    };

    public static bool IsWellFormed(string tag)
    {
        if (tag.Length == 0)
        {
            return false;
        }

        if (Grandfathered.Contains(tag))
        {
            return true;
        }

        var parts = tag.Split('-');
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 8 || !part.All(char.IsAsciiLetterOrDigit))
            {
                return false;
            }
        }

        if (IsX(parts[0]))
        {
            return PrivateUse(parts, 1);
        }

        // language: 2-3 letters (with up to three 3-letter extlangs), 4 letters, or 5-8 letters.
        var first = parts[0];
        if (!first.All(char.IsAsciiLetter) || first.Length < 2)
        {
            return false;
        }

        var i = 1;
        if (first.Length <= 3)
        {
            var ext = 0;
            while (i < parts.Length && ext < 3 && parts[i].Length == 3 && parts[i].All(char.IsAsciiLetter))
            {
                i++;
                ext++;
            }
        }

        if (i < parts.Length && parts[i].Length == 4 && parts[i].All(char.IsAsciiLetter))
        {
            i++; // script
        }

        if (i < parts.Length && ((parts[i].Length == 2 && parts[i].All(char.IsAsciiLetter)) ||
                                 (parts[i].Length == 3 && parts[i].All(char.IsAsciiDigit))))
        {
            i++; // region
        }

        var variants = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (i < parts.Length && IsVariant(parts[i]))
        {
            if (!variants.Add(parts[i]))
            {
                return false;
            }

            i++;
        }

        var singletons = new HashSet<char>();
        while (i < parts.Length && parts[i].Length == 1 && !IsX(parts[i]))
        {
            if (!singletons.Add(char.ToLowerInvariant(parts[i][0])))
            {
                return false;
            }

            i++;
            var start = i;
            while (i < parts.Length && parts[i].Length >= 2)
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i < parts.Length && IsX(parts[i]))
        {
            return PrivateUse(parts, i + 1);
        }

        return i == parts.Length;
    }

    private static bool IsX(string part) => part is "x" or "X";

    private static bool IsVariant(string part) =>
        part.Length is >= 5 and <= 8 || (part.Length == 4 && char.IsAsciiDigit(part[0]));

    private static bool PrivateUse(string[] parts, int from) => from < parts.Length;
}
