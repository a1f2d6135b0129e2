using System.Buffers;

namespace CustomerTimeline.Api.Analysis;

/// <summary>
/// Phrases that reveal what the customer intends, in English and French (accent-folded, lower-case,
/// matched on word boundaries). Urgent intents raise a priority flag on the event and the customer.
/// </summary>
internal static class IntentCues
{
    public sealed record Cue(string Intent, bool Urgent, string[] Phrases);

    public static readonly Cue[] All =
    [
        new("cancel", true, ["cancel", "cancellation", "terminate my", "close my account", "unsubscribe", "switch to another",
            "resilier", "resiliation", "annuler", "annulation", "fermer mon compte", "desabonner", "changer de fournisseur"]),
        new("refund", true, ["refund", "money back", "chargeback", "reimburse", "rembourse", "remboursement", "remboursez"]),
        new("repeated-problem", true, ["still not working", "still broken", "still failing", "still does not work", "again and again",
            "third time", "once again", "keeps failing", "same problem", "same issue",
            "toujours pas", "toujours en panne", "ne fonctionne toujours", "ne marche toujours", "encore une fois",
            "meme probleme", "troisieme fois", "de nouveau"]),
        new("complaint", true, ["complaint", "lawyer", "legal action", "unacceptable", "plainte", "avocat", "inadmissible", "inacceptable"]),
        new("urgent", true, ["urgent", "asap", "immediately", "right now", "emergency", "urgence", "immediatement", "au plus vite", "tout de suite"]),
        new("purchase", false, ["pricing", "quote", "upgrade", "buy", "purchase", "devis", "tarif", "acheter", "abonnement"]),
        new("praise", false, ["thank you", "thanks", "well done", "great job", "merci", "bravo", "felicitations"]),
    ];

    /// <summary>Each cue's phrases with a space either side, searched as one set in the space-joined words.</summary>
    public static readonly SearchValues<string>[] PaddedPhrases =
        [.. All.Select(cue => SearchValues.Create([.. cue.Phrases.Select(p => " " + p + " ")], StringComparison.Ordinal))];
}
