using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CustomerTimeline.Api.Telemetry;

/// <summary>The API's own traces and metrics. Tags carry names and counts, never variables or personal data.</summary>
public static class TimelineTelemetry
{
    public const string Name = "CustomerTimeline";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> GraphQLDuration = Meter.CreateHistogram<double>(
        "customertimeline.graphql.request.duration", "s", "Duration of GraphQL operations.");
    private static readonly Counter<long> GraphQLErrors = Meter.CreateCounter<long>(
        "customertimeline.graphql.errors", "{error}", "Errors returned in GraphQL responses.");
    private static readonly Counter<long> SyncRecords = Meter.CreateCounter<long>(
        "customertimeline.sync.records", "{record}", "Records read from sources.");
    private static readonly Counter<long> SyncDeadLetters = Meter.CreateCounter<long>(
        "customertimeline.sync.dead_letters", "{record}", "Records sent to the dead-letter table.");
    private static readonly Histogram<double> SyncLag = Meter.CreateHistogram<double>(
        "customertimeline.sync.lag", "s", "How far behind its source a stream is at the end of a run.");
    private static readonly Counter<long> SyncRuns = Meter.CreateCounter<long>(
        "customertimeline.sync.runs", "{run}", "Sync runs by outcome.");
    private static readonly Histogram<double> JourneyStatsDuration = Meter.CreateHistogram<double>(
        "customertimeline.journey.stats.duration", "s", "Computations of the global journey stats, in a request or in the background.");
    private static readonly Counter<long> PiiReads = Meter.CreateCounter<long>(
        "customertimeline.audit.pii_reads", "{read}",
        "PII reads written to the audit journal (stage journaled) or given up on after retries (stage lost), and folded into the audit log (stage folded); folded falling behind journaled means folds fail.");
    private static readonly Histogram<double> AuditFoldDuration = Meter.CreateHistogram<double>(
        "customertimeline.audit.fold.duration", "s", "Folds of the PII-read journal into the audit log, by outcome.");

    public static void RecordGraphQL(string? operationName, double seconds, int errors, string outcome)
    {
        var tags = new TagList { { "graphql.operation.name", operationName ?? "(anonymous)" }, { "outcome", outcome } };
        GraphQLDuration.Record(seconds, tags);
        if (errors > 0) GraphQLErrors.Add(errors, tags);
    }

    public static void RecordJourneyStats(double seconds, bool inRequest) =>
        JourneyStatsDuration.Record(seconds, new TagList { { "trigger", inRequest ? "request" : "background" } });

    public static void RecordPiiReads(int reads, bool journaled) =>
        PiiReads.Add(reads, new TagList { { "stage", journaled ? "journaled" : "lost" } });

    public static void RecordAuditFold(double seconds, int folded, bool succeeded)
    {
        AuditFoldDuration.Record(seconds, new TagList { { "outcome", succeeded ? "succeeded" : "failed" } });
        if (folded > 0) PiiReads.Add(folded, new TagList { { "stage", "folded" } });
    }

    public static void RecordSyncRun(string source, string outcome, long records, long deadLettered, double? lagSeconds)
    {
        var tags = new TagList { { "source", source } };
        SyncRuns.Add(1, new TagList { { "source", source }, { "outcome", outcome } });
        if (records > 0) SyncRecords.Add(records, tags);
        if (deadLettered > 0) SyncDeadLetters.Add(deadLettered, tags);
        if (lagSeconds is { } lag) SyncLag.Record(lag, tags);
    }
}
