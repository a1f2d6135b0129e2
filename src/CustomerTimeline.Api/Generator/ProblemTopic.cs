namespace CustomerTimeline.Api.Generator;

/// <summary>A support problem: one Zendesk tag, a ticket type, and its wording in both languages.</summary>
/// <param name="RepeatSubjects">Escalating subjects for the RepeatedProblem pattern; null when the topic is a one-off.</param>
internal sealed record ProblemTopic(
    string Tag,
    string Type,
    Localized<string> Subject,
    Localized<string> Description,
    Localized<string>? RepeatSubjects = null);
