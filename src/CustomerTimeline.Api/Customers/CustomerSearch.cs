using System.Globalization;
using System.Text;

namespace CustomerTimeline.Api.Customers;

/// <summary>
/// The text <c>customers(search:)</c> matches: lower-cased and without accents, so an agent typing "stefan" or
/// "maelle" finds "Ștefan" and "Maëlle". Stored as the company, a separator, then name and email, so a caller who
/// sees names and emails masked can be matched on the company alone (the part before <see cref="Separator"/>).
/// </summary>
public static class CustomerSearch
{
    /// <summary>
    /// Between the company and the personal part; <see cref="Fold"/> turns it into a space in any text. Printable on
    /// purpose: SQL Server's Windows collations ignore control characters when they compare or search.
    /// </summary>
    public const string Separator = "¦";

    public const int MaxLength = 800;

    public static string Text(string? company, string? displayName, string? primaryEmail)
    {
        var personal = string.Join(' ', new[] { displayName, primaryEmail }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => Fold(s!)));
        var text = Fold(company ?? "") + Separator + personal;
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }

    /// <summary>Lower case, accents and control characters dropped, the few letters that carry no accent mark spelled out.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            // Combining marks: text that arrives decomposed ("e" + U+0301).
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Control or UnicodeCategory.Format)
                continue;
            switch (c)
            {
                case 'ß': folded.Append("ss"); continue;
                case 'æ': folded.Append("ae"); continue;
                case 'œ': folded.Append("oe"); continue;
                case '¦': folded.Append(' '); continue;
            }
            var letter = c switch
            {
                >= '\u00C0' and < '\u0250' => Latin[c - 0xC0],
                >= '\u1E00' and < '\u1F00' => LatinAdditional[c - 0x1E00],
                _ => Keep,
            };
            folded.Append(letter == Keep ? c : letter);
        }
        return folded.ToString();
    }

    // The service runs with invariant globalization (no ICU, and so no string.Normalize): the base letter of each
    // accented Latin letter, from the Unicode data's canonical decompositions (ø, ł, đ, ı, ħ, ŧ and a few more by hand), for
    // U+00C0-U+024F and U+1E00-U+1EFF. '.' keeps the character.
    private const char Keep = '.';

    private const string Latin =
        "aaaaaa.ceeeeiiii.nooooo.ouuuuy..aaaaaa.ceeeeiiii.nooooo.ouuuuy.yaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkk.llllll..llnnnnnn...oooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzz.b.........................l.....oo.............uu....zz......................aaiioouuuuuuuuuu.aaaa..ggggkkoooo..j...gg..nnaa....aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............................";

    private const string LatinAdditional =
        "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";
}
