using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Security;

namespace CustomerTimeline.Api.Privacy;

/// <summary>
/// GET /privacy/exports/{id}: streams the document of an export request while its rows are read, so a customer of
/// any size is exported in the memory of a few rows (exportCustomer's inline document is one string, held whole).
/// </summary>
public static class ExportDownloadEndpoint
{
    public static IEndpointConventionBuilder MapCustomerExports(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapGet(CustomerExporter.DownloadRoute, DownloadAsync)
            .RequireAuthorization(SecurityExtensions.PrivacyPolicy)
            .RequireRateLimiting(RateLimiting.PolicyName)
            .WithName("CustomerExportDownload");
    }

    private static async Task DownloadAsync(string id, HttpContext http, CustomerExporter exporter, TimeProvider time)
    {
        var cancellationToken = http.RequestAborted;
        await using var download = GlobalId.TryDecode(id, out var type, out var requestId) && type == PrivacyRequestGraphType.IdType
            ? await exporter.BeginDownloadAsync(requestId, RequestCaller.Of(http), cancellationToken)
            : ExportDownload.NotFound;
        switch (download.Status)
        {
            case ExportDownloadStatus.NotFound:
                await ErrorAsync(http, StatusCodes.Status404NotFound, "NOT_FOUND",
                    "No completed export has this id, or its customer has been erased.");
                return;
            case ExportDownloadStatus.Merged:
                var survivor = GlobalId.Encode(GlobalId.CustomerType, download.CustomerId);
                http.Response.StatusCode = StatusCodes.Status410Gone;
                await http.Response.WriteAsJsonAsync(new
                {
                    errors = new[]
                    {
                        new
                        {
                            message = $"This export's customer was merged into customer {survivor} since; ask for an export of that id.",
                            extensions = new { code = "CUSTOMER_MERGED", mergedInto = survivor },
                        },
                    },
                }, cancellationToken);
                return;
            case ExportDownloadStatus.Expired:
                await ErrorAsync(http, StatusCodes.Status410Gone, "EXPORT_EXPIRED",
                    "This export's download address has expired (Privacy:Export:DownloadValidHours); ask for a new export.");
                return;
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"customer-export-{requestId}.json\"";
        http.Response.Headers.CacheControl = "no-store";
        await exporter.WriteDocumentAsync(http.Response.BodyWriter, download.CustomerId, time.GetUtcNow(), cancellationToken);
    }

    private static Task ErrorAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new { errors = new[] { new { message, extensions = new { code } } } }, http.RequestAborted);
    }
}
