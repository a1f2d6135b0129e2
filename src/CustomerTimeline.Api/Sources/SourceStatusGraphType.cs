using CustomerTimeline.Api.Data;
using GraphQL.Types;

namespace CustomerTimeline.Api.Sources;

public sealed class SourceStatusGraphType : ObjectGraphType<SourceStatus>
{
    public SourceStatusGraphType()
    {
        Name = "SourceStatus";
        Description = "How fresh one source's data is: whether it is configured and syncing, its last success and error, and each stream's position.";
        Field(s => s.Source, type: typeof(NonNullGraphType<EnumerationGraphType<EventSource>>));
        Field(s => s.Configured).Description("False when the source has no configuration: it is off.");
        Field(s => s.Running).Description("A sync run of this source (on any instance) holds its lease right now.");
        Field(s => s.Status, type: typeof(NonNullGraphType<EnumerationGraphType<SyncStatus>>))
            .Description("How the most recent run ended.");
        Field(s => s.LastSuccessAt, nullable: true).Description("Every stream has been read successfully since then.");
        Field(s => s.LastRunEndedAt, nullable: true);
        Field(s => s.LastError, nullable: true).Description("The last failure not yet followed by a success, as its stream's lastError says it; never data.");
        Field(s => s.RecordCount).Description("Records read from this source since its first sync (all streams, duplicates included).");
        Field(s => s.OpenDeadLetters).Description("Records that could not be stored and wait for a retry.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceStreamStatusGraphType>>>>("streams")
            .Description("Each stream of the source, in the order a run reads them.")
            .Resolve(ctx => ctx.Source.Streams);
    }
}
