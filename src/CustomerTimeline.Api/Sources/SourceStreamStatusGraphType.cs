using CustomerTimeline.Api.Data;
using GraphQL.Types;

namespace CustomerTimeline.Api.Sources;

public sealed class SourceStreamStatusGraphType : ObjectGraphType<SyncState>
{
    public SourceStreamStatusGraphType()
    {
        Name = "SourceStreamStatus";
        Description = "One stream of a source (e.g. Zendesk users, Zendesk tickets): where the next run resumes and how far behind it is.";
        Field(s => s.Stream);
        Field(s => s.Cursor, nullable: true).Description("The connector's opaque cursor after the last committed page; null before the first.");
        Field(s => s.Status, type: typeof(NonNullGraphType<EnumerationGraphType<SyncStatus>>));
        Field(s => s.LastRunStartedAt, nullable: true);
        Field(s => s.LastRunEndedAt, nullable: true);
        Field(s => s.LastSuccessAt, nullable: true);
        Field(s => s.LastError, nullable: true)
            .Description("This stream's last failure not yet followed by a success: its kind, and the HTTP status where there is one (\"Source unavailable: the credentials were refused (HTTP 401)\"); never data.");
        Field(s => s.HighWatermark, nullable: true).Description("Newest source modification time stored.");
        Field(s => s.CaughtUpAt, nullable: true).Description("When a run last read this stream to its end.");
        Field<FloatGraphType>("lagSeconds")
            .Description("Seconds between now and the point every change of this stream is stored up to; null before the first page.")
            .Resolve(ctx =>
            {
                var now = ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
                return ctx.Source.CompleteUpTo is { } upTo ? Math.Max(0, (now - upTo).TotalSeconds) : null;
            });
        Field(s => s.LastRunPages);
        Field(s => s.LastRunRecords);
        Field(s => s.LastRunDuplicatesSkipped).Description("Records of the last run already stored as they are, or older than what is stored.");
        Field(s => s.LastRunDeadLettered);
        Field(s => s.TotalRecords);
        Field(s => s.TotalDuplicatesSkipped);
        Field(s => s.TotalDeadLettered);
    }
}
