using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using GraphQL.Types;

namespace CustomerTimeline.Api.Sources;

public sealed class SyncRunResultGraphType : ObjectGraphType<SyncRunResult>
{
    public SyncRunResultGraphType()
    {
        Name = "SyncRunResult";
        Description = "What one sync run of a source did.";
        Field(r => r.Source, type: typeof(NonNullGraphType<EnumerationGraphType<EventSource>>));
        Field(r => r.Outcome, type: typeof(NonNullGraphType<EnumerationGraphType<SyncOutcome>>));
        Field(r => r.StartedAt);
        Field(r => r.EndedAt);
        Field(r => r.Pages);
        Field(r => r.Records);
        Field(r => r.DuplicatesSkipped).Description("Records already stored as they are, or older than what is stored.");
        Field(r => r.DeadLettered);
        Field(r => r.Suppressed).Description("Records skipped because they carry a key of an erased customer.");
        Field(r => r.LagSeconds, nullable: true).Description("At the end of the run: seconds behind the source.");
        Field(r => r.Error, nullable: true).Description("Why the run failed or was deferred (no personal data).");
        Field<FloatGraphType>("retryAfterSeconds")
            .Description("For a deferred run: how long the source asked us to wait.")
            .Resolve(ctx => ctx.Source.RetryAfter?.TotalSeconds);
    }
}
