using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Generator;

/// <summary>Dataverse contact changes and activities (emails, calls, appointments, notes, tasks).</summary>
internal static class CrmEvents
{
    private static readonly string[] CreatedFields = ["firstname", "lastname", "emailaddress1", "jobtitle", "lifecyclestage"];

    public static void ContactCreated(CustomerBuilder b, DateTimeOffset at) =>
        b.Add(EventSource.Dataverse, b.NextDataverseId(), Channel.Crm, at, at, "Contact created", b.Persona.DisplayName,
            new ContactChangeDetails(CreatedFields, b.Persona.JobTitle, StageAt(b, at)));

    public static void ContactUpdated(CustomerBuilder b, DateTimeOffset at)
    {
        var fields = new List<(string Field, string Label)> { ("lifecyclestage", "lifecycle stage") };
        for (var n = b.Rng.Next(1, 3); n > 0; n--)
        {
            var f = b.Rng.Pick(TextPools.ContactFields);
            if (!fields.Contains(f)) fields.Add(f);
        }
        var stage = StageAt(b, at);
        b.Add(EventSource.Dataverse, b.NextDataverseId(), Channel.Crm, at, at,
            $"Contact updated: {string.Join(", ", fields.Select(f => f.Label))}", $"Lifecycle stage: {stage}",
            new ContactChangeDetails(fields.Select(f => f.Field).ToList(), b.Persona.JobTitle, stage));
    }

    public static void RandomActivity(CustomerBuilder b, DateTimeOffset at)
    {
        var prospect = !b.IsCustomerAt(at);
        var lang = b.Persona.Language;
        switch (b.Rng.Next(100))
        {
            case < 40:
                var (subject, body, incoming) = (prospect ? TextPools.ProspectEmails : TextPools.CustomerEmails).Pick(b.Rng, lang);
                Activity(b, at, Channel.Email, "email", subject, body, incoming ? "Incoming" : "Outgoing", null);
                break;
            case < 60:
                var call = (prospect ? TextPools.ProspectCalls : TextPools.CustomerCalls).Pick(b.Rng, lang);
                Activity(b, at, Channel.Phone, "phonecall", call.Subject, call.Body,
                    b.Rng.Percent(60) ? "Outgoing" : "Incoming", b.Rng.Next(5, 46));
                break;
            case < 72:
                Meeting(b, at, prospect);
                break;
            case < 87:
                var note = b.Persona.Fill((prospect ? TextPools.ProspectNotes : TextPools.CustomerNotes).Pick(b.Rng, lang));
                Activity(b, at, Channel.Note, "annotation", Shorten(note, 80), note, null, null);
                break;
            default:
                var task = (prospect ? TextPools.ProspectTasks : TextPools.CustomerTasks).Pick(b.Rng, lang);
                Activity(b, at, Channel.Task, "task", task, null, null, null);
                break;
        }
    }

    public static void Meeting(CustomerBuilder b, DateTimeOffset at, bool prospect)
    {
        var (subject, body) = (prospect ? TextPools.ProspectMeetings : TextPools.CustomerMeetings).Pick(b.Rng, b.Persona.Language);
        Activity(b, at, Channel.Meeting, "appointment", subject, body, null, b.Rng.Pick([30, 45, 60]));
    }

    /// <summary>The meeting every stuck prospect had before going quiet.</summary>
    public static void Demo(CustomerBuilder b, DateTimeOffset at)
    {
        var (subject, body) = TextPools.ProspectMeetings.For(b.Persona.Language)[0];
        Activity(b, at, Channel.Meeting, "appointment", subject, body, null, 45);
    }

    private static void Activity(
        CustomerBuilder b, DateTimeOffset at, Channel channel, string type, string subject, string? body, string? direction, int? minutes)
    {
        var title = b.Persona.Fill(subject);
        var text = body is null ? null : b.Persona.Fill(body);
        var updated = Min(b.Now, at.AddMinutes(b.Rng.Next(0, 2 * 24 * 60)));
        b.Add(EventSource.Dataverse, b.NextDataverseId(), channel, at, updated, title, text,
            new CrmActivityDetails(type, title, direction, text, minutes, b.Persona.Owner));
    }

    /// <summary>Prospects climb lead → opportunity over their pre-purchase phase; happy customers end as evangelists.</summary>
    private static string StageAt(CustomerBuilder b, DateTimeOffset at)
    {
        if (b.IsCustomerAt(at))
        {
            var late = at > b.PurchaseAt + (b.End - b.PurchaseAt) * 0.6;
            return TextPools.LifecycleStages[late && b.Mood == CustomerMood.Happy ? 5 : 4];
        }
        var phaseEnd = b.PurchaseAt < b.End ? b.PurchaseAt : b.End;
        var span = Math.Max(1, (phaseEnd - b.Start).Ticks);
        var index = (int)Math.Clamp((at - b.Start).Ticks * 4 / span, 0, 3);
        return TextPools.LifecycleStages[index];
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
