using CustomerTimeline.Api.Security;
using GraphQL.Execution;
using GraphQL.Validation;
using Microsoft.EntityFrameworkCore;

namespace CustomerTimeline.Api.Privacy;

/// <summary>After a request ran, writes one audit row per customer whose personal data it returned unmasked.</summary>
public sealed partial class PiiReadAuditListener(ILogger<PiiReadAuditListener> logger) : IDocumentExecutionListener
{
    public Task AfterValidationAsync(IExecutionContext context, IValidationResult validationResult) => Task.CompletedTask;

    public Task BeforeExecutionAsync(IExecutionContext context) => Task.CompletedTask;

    public async Task AfterExecutionAsync(IExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RequestSecurity.Of(context.UserContext) is not { } security) return;
        var reads = security.PiiReads;
        if (reads.Count == 0 || context.CancellationToken.IsCancellationRequested) return;
        try
        {
            var audit = context.RequestServices!.GetRequiredService<AuditLog>();
            await audit.RecordPiiReadsAsync(security.Caller, reads, context.CancellationToken);
        }
        catch (DbUpdateException e)
        {
            LogAuditFailed(logger, e, reads.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit rows of {Count} PII read(s)")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, int count);
}
