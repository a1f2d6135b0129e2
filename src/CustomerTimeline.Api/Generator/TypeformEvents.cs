using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Generator;

/// <summary>Typeform answers to the NPS (0-10), CSAT (1-5) and CES (1-7) forms, with optional comments.</summary>
internal static class TypeformEvents
{
    public static void RandomAnswer(CustomerBuilder b, DateTimeOffset at)
    {
        var rng = b.Rng;
        var type = rng.Next(100) switch { < 50 => "NPS", < 80 => "CSAT", _ => "CES" };
        var score = (type, b.Mood) switch
        {
            ("NPS", CustomerMood.Happy) => rng.Pick([8, 9, 9, 10, 10]),
            ("NPS", CustomerMood.Neutral) => rng.Next(6, 10),
            ("NPS", _) => rng.Next(0, 7),
            ("CSAT", CustomerMood.Happy) => rng.Next(4, 6),
            ("CSAT", CustomerMood.Neutral) => rng.Next(3, 5),
            ("CSAT", _) => rng.Next(1, 3),
            (_, CustomerMood.Happy) => rng.Next(5, 8),
            (_, CustomerMood.Neutral) => rng.Next(4, 7),
            _ => rng.Next(1, 4),
        };
        var sentiment = Sentiment(type, score);
        var pool = sentiment switch
        {
            > 0.4 => TextPools.PositiveComments,
            < -0.2 => TextPools.NegativeComments,
            _ => TextPools.NeutralComments,
        };
        var comment = rng.Percent(70) ? pool.Pick(rng, b.Persona.Language) : null;
        Answer(b, at, type, score, comment);
    }

    public static void Answer(CustomerBuilder b, DateTimeOffset at, string type, int score, string? comment)
    {
        var (formId, min, max, question) = type switch
        {
            "NPS" => ("Qn7PsR2k", 0, 10, "NPS"),
            "CSAT" => ("Cs4tXw9m", 1, 5, "CSAT"),
            _ => ("Ce5Hy3dL", 1, 7, "CES"),
        };
        b.Seen(IdentityKind.TypeformRespondentId, at);
        b.Add(EventSource.Typeform, b.NextTypeformToken(), Channel.Survey, at, at, $"{question} survey: {score}/{max}", comment,
            new SurveyAnswerDetails(formId, type, score, min, max, comment, b.Persona.Language), Sentiment(type, score));
    }

    /// <summary>
    /// A crude stand-in until a real analyzer exists: NPS by its promoter/passive/detractor bands, CSAT and CES
    /// linear over their scales; -1 (negative) .. 1 (positive).
    /// </summary>
    public static double Sentiment(string type, int score) => type switch
    {
        "NPS" => score switch { 10 => 1.0, 9 => 0.8, 8 => 0.3, 7 => 0.1, _ => Math.Round(-1.0 + score * 0.1, 2) },
        "CSAT" => (score - 3) / 2.0,
        _ => Math.Round((score - 4) / 3.0, 2),
    };
}
