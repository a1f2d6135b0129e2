using System.Text.Json;
using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Connectors.Typeform;

/// <summary>Pure mapping of a Typeform response to a SurveyAnswer event, following the form's options.</summary>
public static class TypeformMapper
{
    private static readonly string[] TextFields = ["long_text", "short_text"];

    public static SourceRecord Map(JsonElement raw, TypeformFormOptions form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var recordId = RawRecords.RecordId(raw, "token", "");
        var updatedAt = RawRecords.Timestamp(raw, "submitted_at");
        var response = ConnectorJson.ReadRecord<TypeformResponse>(raw, out var error);
        if (response is null) return RawRecords.Unmappable(raw, recordId, updatedAt, error ?? "Empty response record.");
        var token = response.Token ?? response.ResponseId;
        if (string.IsNullOrWhiteSpace(token)) return RawRecords.Unmappable(raw, recordId, updatedAt, "The response has no token.");
        if (response.SubmittedAt is not { } submittedAt)
            return RawRecords.Unmappable(raw, recordId, updatedAt, "The response has no submitted_at (not completed).");

        var answers = response.Answers ?? [];
        var scoreAnswer = ScoreAnswer(answers, form);
        if (scoreAnswer?.Number is not { } number)
            return RawRecords.Unmappable(raw, token, submittedAt, $"No {form.SurveyType} score answer"
                + (form.ScoreFieldRef is null ? "." : $" for field ref '{form.ScoreFieldRef}'."));
        var (min, max) = form.Scale;
        if (number != Math.Floor(number) || number < min || number > max)
            return RawRecords.Unmappable(raw, token, submittedAt, $"The score {number} is outside the {form.SurveyType} scale {min}-{max}.");

        var email = Hidden(response, form.EmailHiddenField)
                    ?? answers.FirstOrDefault(a => a.Type == "email" && !string.IsNullOrWhiteSpace(a.Email))?.Email;
        var respondentId = Hidden(response, form.RespondentIdHiddenField) ?? IdentityNormalizer.NormalizeEmail(email);
        var keys = new List<IdentityKey>();
        if (!string.IsNullOrWhiteSpace(email)) keys.Add(new(IdentityKind.Email, email));
        if (!string.IsNullOrWhiteSpace(respondentId)) keys.Add(new(IdentityKind.TypeformRespondentId, respondentId));
        if (keys.Count == 0)
            return RawRecords.Unmappable(raw, token, submittedAt,
                $"The response identifies no respondent (no hidden '{form.EmailHiddenField}' or '{form.RespondentIdHiddenField}', no email answer).");

        var comment = CommentAnswer(answers, form)?.Text;
        var score = (int)number;
        var type = form.SurveyType.ToString().ToUpperInvariant();
        return new SourceEvent(
            token,
            submittedAt,
            keys,
            EventKind.SurveyAnswer,
            submittedAt,
            Channel.Survey,
            $"{type} {score}/{max}",
            RawRecords.Excerpt(comment),
            new SurveyAnswerDetails(form.FormId, type, score, min, max, comment, Hidden(response, "language") ?? Hidden(response, "lang")));
    }

    private static TypeformAnswer? ScoreAnswer(IReadOnlyList<TypeformAnswer> answers, TypeformFormOptions form)
    {
        if (form.ScoreFieldRef is { } scoreRef) return answers.FirstOrDefault(a => a.Field?.Ref == scoreRef);
        string[] types = form.SurveyType switch
        {
            TypeformSurveyType.Nps => ["nps", "opinion_scale"],
            TypeformSurveyType.Csat => ["rating", "opinion_scale"],
            _ => ["opinion_scale", "rating"],
        };
        foreach (var fieldType in types)
        {
            var answer = answers.FirstOrDefault(a => a.Type == "number" && a.Field?.Type == fieldType);
            if (answer is not null) return answer;
        }
        return null;
    }

    private static TypeformAnswer? CommentAnswer(IReadOnlyList<TypeformAnswer> answers, TypeformFormOptions form) =>
        form.CommentFieldRef is { } commentRef
            ? answers.FirstOrDefault(a => a.Field?.Ref == commentRef)
            : answers.FirstOrDefault(a => a.Type == "text" && TextFields.Contains(a.Field?.Type));

    private static string? Hidden(TypeformResponse response, string? name) =>
        name is not null && response.Hidden?.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
}
