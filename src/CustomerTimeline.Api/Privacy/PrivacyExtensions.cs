using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerTimeline.Api.Privacy;

public static class PrivacyExtensions
{
    /// <summary>Export, erasure, the suppression list the sync engine consults, and the audit log.</summary>
    public static WebApplicationBuilder AddTimelinePrivacy(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ISuppressionList, SuppressionList>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddSingleton<PiiReadAuditWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PiiReadAuditWriter>());
        builder.Services.AddValidatedOptions<ExportOptions>(builder.Configuration, ExportOptions.Section);
        builder.Services.AddScoped<CustomerExporter>();
        builder.Services.AddScoped<CustomerEraser>();
        // Sections of the export, in document order: what the sources gave, then what the service derived.
        builder.Services.AddSingleton<ICustomerExportSection, ProfileExportSection>();
        builder.Services.AddSingleton<ICustomerExportSection, IdentitiesExportSection>();
        builder.Services.AddSingleton<ICustomerExportSection, TimelineExportSection>();
        builder.Services.AddSingleton<ICustomerExportSection, MergeHistoryExportSection>();
        builder.Services.AddSingleton<ICustomerExportSection, InsightsExportSection>();
        return builder;
    }
}
