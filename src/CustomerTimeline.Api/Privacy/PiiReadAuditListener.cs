using CustomerTimeline.Api.Security;
using GraphQL.Execution;
using GraphQL.Validation;

namespace CustomerTimeline.Api.Privacy;

/// <summary>After a request ran, queues one audit row per customer whose personal data it returned unmasked.</summary>
public sealed class PiiReadAuditListener(PiiReadAuditWriter writer) : IDocumentExecutionListener
{
    public Task AfterValidationAsync(IExecutionContext context, IValidationResult validationResult) => Task.CompletedTask;

    public Task BeforeExecutionAsync(IExecutionContext context) => Task.CompletedTask;

    public async Task AfterExecutionAsync(IExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RequestSecurity.Of(context.UserContext) is not { } security) return;
        var reads = security.PiiReads;
        if (reads.Count == 0 || context.CancellationToken.IsCancellationRequested) return;
        await writer.RecordAsync(security.Caller, reads, context.CancellationToken);
    }
}
