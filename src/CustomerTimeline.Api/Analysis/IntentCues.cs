using System.Buffers;

namespace CustomerTimeline.Api.Analysis;

/// <summary>
/// Phrases that reveal what the customer intends, in English, French and Romanian (accent-folded, lower-case,
/// matched on word boundaries). Urgent intents raise a priority flag on the event and the customer.
/// </summary>
internal static class IntentCues
{
    /// <param name="Phrases">Count wherever they stand.</param>
    /// <param name="Complaining">Count only in a sentence that complains (negative, or with no opinion but a
    /// negation): "once again" is a repeated problem in "broken once again", not in "thank you once again".</param>
    /// <param name="Denials">Phrases that deny the cue ("not urgent"): what they cover does not count.</param>
    public sealed record Cue(string Intent, bool Urgent, string[] Phrases, string[]? Complaining = null, string[]? Denials = null);

    public static readonly Cue[] All =
    [
        new("cancel", true, ["cancel", "cancellation", "terminate my", "close my account", "unsubscribe", "switch to another",
            "resilier", "resiliation", "annuler", "annulation", "fermer mon compte", "desabonner", "changer de fournisseur",
            "anulez", "anulati", "anulare", "anularea", "reziliez", "reziliati", "reziliere", "rezilierea", "inchid contul",
            "inchideti contul", "inchiderea contului", "dezabonez", "dezabonare", "schimb furnizorul", "renunt la abonament"]),
        new("refund", true, ["refund", "money back", "chargeback", "reimburse", "rembourse", "remboursement", "remboursez",
            "rambursare", "rambursarea", "rambursati", "ramburseze", "banii inapoi", "restituire", "restituirea", "returnati banii"]),
        new("repeated-problem", true, ["still not working", "still broken", "still failing", "still does not work",
            "keeps failing", "same problem", "same issue",
            "toujours pas", "toujours en panne", "ne fonctionne toujours", "ne marche toujours", "meme probleme",
            "tot nu merge", "tot nu functioneaza", "inca nu merge", "inca nu functioneaza", "iar nu merge",
            "iar nu functioneaza", "aceeasi problema", "aceeasi eroare"],
            ["once again", "again and again", "third time", "encore une fois", "de nouveau", "troisieme fois",
            "din nou", "iar si iar", "a treia oara", "de fiecare data"]),
        new("complaint", true, ["complaint", "lawyer", "legal action", "unacceptable", "plainte", "avocat", "inadmissible", "inacceptable",
            "reclamatie", "reclamatia", "plangere", "plangerea", "inacceptabil", "inadmisibil", "protectia consumatorului", "anpc"]),
        new("urgent", true, ["urgent", "asap", "immediately", "right now", "emergency", "urgence", "immediatement", "au plus vite", "tout de suite",
            "urgenta", "imediat", "cat mai repede", "de indata", "cat mai curand"],
            Denials: ["not urgent", "no urgency", "not an emergency", "pas urgent", "rien d urgent", "pas d urgence",
                "pas une urgence", "nu e urgent", "nu este urgent", "nu e nicio urgenta", "nu e o urgenta", "nu este o urgenta"]),
        new("purchase", false, ["pricing", "quote", "upgrade", "buy", "purchase", "devis", "tarif", "acheter", "abonnement",
            "pret", "preturi", "oferta", "cumpar", "cumpara", "achizitie", "achizitionez", "abonament"]),
        new("praise", false, ["thank you", "thanks", "well done", "great job", "merci", "bravo", "felicitations",
            "multumesc", "multumim", "mersi", "felicitari", "buna treaba"]),
    ];

    /// <summary>Each cue's phrases with a space either side, searched as one set in the space-joined words.</summary>
    public static readonly SearchValues<string>[] PaddedPhrases = [.. All.Select(cue => Padded(cue.Phrases))];

    /// <summary>Each cue's <see cref="Cue.Complaining"/> phrases, padded likewise; null when it has none.</summary>
    public static readonly SearchValues<string>?[] PaddedComplaining =
        [.. All.Select(cue => cue.Complaining is { } phrases ? Padded(phrases) : null)];

    private static SearchValues<string> Padded(string[] phrases) =>
        SearchValues.Create([.. phrases.Select(p => " " + p + " ")], StringComparison.Ordinal);
}
