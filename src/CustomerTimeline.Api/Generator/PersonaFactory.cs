using System.Text;

namespace CustomerTimeline.Api.Generator;

/// <summary>Draws a customer's profile from its own random stream, so customer N is the same person at any scale.</summary>
internal static class PersonaFactory
{
    public static Persona Create(int seed, long id)
    {
        var rng = new DeterministicRandom(SeedMixer.Derive(seed, id, RngStream.Persona));
        var (country, quebec) = rng.Next(100) switch
        {
            < 40 => ("US", false),
            < 60 => ("FR", false),
            < 72 => ("GB", false),
            < 82 => ("DE", false),
            var n => ("CA", n >= 94), // about a third of Canadians are French-speaking (Québec)
        };
        var language = country == "FR" || quebec ? "fr" : "en";
        var (first, last) = country switch
        {
            "DE" => (rng.Pick(TextPools.FirstNamesDe), rng.Pick(TextPools.LastNamesDe)),
            _ when language == "fr" => (rng.Pick(TextPools.FirstNamesFr), rng.Pick(TextPools.LastNamesFr)),
            _ => (rng.Pick(TextPools.FirstNamesEn), rng.Pick(TextPools.LastNamesEn)),
        };

        string? company = null;
        string domain;
        if (rng.Percent(75))
        {
            (company, domain) = rng.Pick(country switch
            {
                "FR" => TextPools.CompaniesFr,
                "GB" => TextPools.CompaniesGb,
                "DE" => TextPools.CompaniesDe,
                "CA" => quebec ? TextPools.CompaniesQuebec : TextPools.CompaniesCa,
                _ => TextPools.CompaniesUs,
            });
        }
        else
        {
            domain = rng.Pick(language == "fr" ? TextPools.FreeMailFr : country == "DE" ? TextPools.FreeMailDe : TextPools.FreeMailEn);
        }

        var ids = SeedMixer.Salt(seed, RngStream.Ids);
        return new Persona(
            id, first, last,
            Email(rng, first, last, id, domain),
            rng.Percent(85) ? Phone(rng, country, quebec, id, ids) : null,
            company, country, language,
            TextPools.JobTitles.Pick(rng, language),
            TextPools.Agents.Pick(rng, language),
            DataverseContactId: IdFactory.Guid((ulong)id, ids, rng.NextUInt64()),
            ZendeskUserId: IdFactory.Digits(360_000_000_000L + IdFactory.Permute(id, 100_000_000_000L, ids), 12),
            VisitorId: IdFactory.Hex16(SeedMixer.Mix((ulong)id ^ SeedMixer.Mix(ids ^ 1))),
            TypeformRespondentId: IdFactory.Hex16(SeedMixer.Mix((ulong)id ^ SeedMixer.Mix(ids ^ 2))) + IdFactory.Hex16(rng.NextUInt64()),
            Browser: rng.Pick(TextPools.Browsers),
            Device: rng.Pick(TextPools.Devices));
    }

    /// <summary>The local part always ends with the customer id, so two customers can never share an address.</summary>
    private static string Email(DeterministicRandom rng, string first, string last, long id, string domain)
    {
        var f = Ascii(first);
        var l = Ascii(last);
        var local = rng.Next(3) switch
        {
            0 => $"{f}.{l}{id}",
            1 => $"{f[0]}{l}{id}",
            _ => $"{f}{id}",
        };
        return $"{local}@{domain}";
    }

    /// <summary>E.164 mobile numbers whose subscriber part is a bijection of the id (unique per country code).</summary>
    private static string Phone(DeterministicRandom rng, string country, bool quebec, long id, ulong salt) => country switch
    {
        "FR" => $"+336{"12356789"[rng.Next(8)]}{IdFactory.Digits(IdFactory.Permute(id, 10_000_000, salt), 7)}",
        "GB" => $"+447{"45789"[rng.Next(5)]}{IdFactory.Digits(IdFactory.Permute(id, 100_000_000, salt), 8)}",
        "DE" => $"+49{rng.Pick(TextPools.DeMobilePrefixes)}{IdFactory.Digits(IdFactory.Permute(id, 100_000_000, salt), 8)}",
        _ => NorthAmerican(rng.Pick(country == "US" ? TextPools.UsAreaCodes : quebec ? TextPools.QuebecAreaCodes : TextPools.CaAreaCodes),
            IdFactory.Permute(id, 8_000_000, salt)),
    };

    /// <summary>NANP exchanges cannot start with 0 or 1, so the 8 million local numbers start at 2000000.</summary>
    private static string NorthAmerican(string areaCode, long local) =>
        $"+1{areaCode}{IdFactory.Digits(2_000_000 + local, 7)}";

    /// <summary>Lower-case ASCII for email addresses (invariant globalization has no Unicode normalization to lean on).</summary>
    private static string Ascii(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            sb.Append(c switch
            {
                'é' or 'è' or 'ê' or 'ë' => "e",
                'à' or 'â' => "a",
                'ä' => "ae",
                'î' or 'ï' => "i",
                'ô' => "o",
                'ö' => "oe",
                'û' or 'ù' => "u",
                'ü' => "ue",
                'ç' => "c",
                'ß' => "ss",
                >= 'a' and <= 'z' => c.ToString(),
                _ => "",
            });
        }
        return sb.ToString();
    }
}
