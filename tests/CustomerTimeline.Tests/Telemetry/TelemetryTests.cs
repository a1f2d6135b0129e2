using System.Data.Common;
using System.Diagnostics;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Telemetry;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace CustomerTimeline.Tests.Telemetry;

/// <summary>Traces and metrics name operations and count errors, and never carry variables or personal data.</summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    /// <summary>
    /// The exporter adds each span on the thread that ended it, and background work (the audit writer, the journey
    /// worker) ends spans beside the request's: a plain list lost one of two concurrent adds now and then.
    /// </summary>
    private sealed class LockedSpans : System.Collections.ObjectModel.Collection<Activity>
    {
        protected override void InsertItem(int index, Activity item)
        {
            lock (this) base.InsertItem(index, item);
        }
    }

    private sealed class TracedFactory(ICollection<Activity> spans) : TimelineApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Spans are recorded when something exports them; this exporter is not configuration, so say it.
            builder.UseSetting("Telemetry:Tracing", "true");
            builder.ConfigureServices(services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
                // After the API's own interceptors, so the tracing one has started the command's span.
                services.AddSingleton<IInterceptor, HeldQueries>();
            });
        }
    }

    private readonly LockedSpans _spans = [];
    private TracedFactory _api = null!;

    public Task InitializeAsync()
    {
        _api = new TracedFactory(_spans);
        return _api.SeedAsync(SampleData.SeedAsync);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private List<Activity> Snapshot()
    {
        lock (_spans) return [.. _spans];
    }

    [Fact]
    public async Task A_graphql_operation_is_traced_by_name_with_its_sql_and_measured()
    {
        using var meters = new MeterRecorder();

        using var client = _api.CreateGraphQLClient();
        await client.QueryAsync("query AgentProbe($email: String) { customerByIdentity(email: $email) { displayName } }",
            new { email = SampleData.AliceEmail });
        var failed = await client.PostAsync("query BrokenProbe { customer(id: \"garbage\") { id } }");
        failed.Errors.ShouldNotBeNull();

        // Spans are exported when they end, which can be just after the response reached the client.
        for (var i = 0; i < 50 && !Snapshot().Any(s => s.DisplayName == "graphql BrokenProbe"); i++) await Task.Delay(100);
        var spans = Snapshot();
        var op = spans.SingleOrDefault(s => s.DisplayName == "graphql AgentProbe")
            ?? throw new ShouldAssertException("No GraphQL span; spans: " + string.Join(", ", spans.Select(s => s.DisplayName).Distinct()));
        op.GetTagItem("graphql.operation.type").ShouldBe("query");
        spans.ShouldContain(s => s.Source.Name == TimelineTelemetry.Name && s.DisplayName.StartsWith("db ", StringComparison.Ordinal)
            && s.TraceId == op.TraceId);
        // Variables (here an email) never reach telemetry.
        spans.SelectMany(s => s.TagObjects).ShouldNotContain(t => (t.Value as string ?? "").Contains(SampleData.AliceEmail, StringComparison.OrdinalIgnoreCase));

        var measurements = meters.Snapshot();
        measurements.ShouldContain(m => m.Instrument == "customertimeline.graphql.request.duration" && m.Tag("graphql.operation.name") == "AgentProbe");
        measurements.ShouldContain(m => m.Instrument == "customertimeline.graphql.errors" && m.Tag("graphql.operation.name") == "BrokenProbe" && m.Value >= 1);
    }

    [Fact]
    public async Task A_hot_read_outside_EF_is_traced_like_EF_commands()
    {
        using var client = _api.CreateGraphQLClient();
        await client.QueryAsync("query HotProbe($id: ID!) { customer(id: $id) { displayName } }",
            new { id = CustomerTimeline.Api.Relay.GlobalId.Encode(CustomerTimeline.Api.Relay.GlobalId.CustomerType, 1) });

        Activity? op = null;
        for (var i = 0; i < 50 && (op = Snapshot().SingleOrDefault(s => s.DisplayName == "graphql HotProbe")) is null; i++) await Task.Delay(100);
        op.ShouldNotBeNull();
        var read = Snapshot().SingleOrDefault(s => s.TraceId == op.TraceId && s.DisplayName == "db SELECT"
            && (s.GetTagItem("db.query.text") as string ?? "").Contains("FROM \"Customers\" WHERE \"Id\" = @p0", StringComparison.Ordinal));
        read.ShouldNotBeNull("spans: " + string.Join(", ", Snapshot().Where(s => s.TraceId == op.TraceId).Select(s => s.GetTagItem("db.query.text") ?? s.DisplayName)));
        read.GetTagItem("db.system").ShouldBe("sqlite");
        read.ParentSpanId.ShouldNotBe(default);
    }

    [Fact]
    public async Task A_cancelled_command_ends_its_span_as_an_error()
    {
        await using var scope = _api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // Held until its caller gives up: EF reports the command cancelled, not failed.
        await Should.ThrowAsync<OperationCanceledException>(() =>
            db.Database.SqlQueryRaw<long>("SELECT 1 AS Value " + HeldQueries.Mark).ToListAsync(cancel.Token));

        Activity? span = null;
        for (var i = 0; i < 50 && (span = Snapshot().FirstOrDefault(IsHeld)) is null; i++) await Task.Delay(100);
        span.ShouldNotBeNull("the span of a cancelled command ends (and is exported) when EF reports it cancelled");
        span.Status.ShouldBe(ActivityStatusCode.Error);
        span.StatusDescription.ShouldBe(nameof(OperationCanceledException));

        static bool IsHeld(Activity s) => (s.GetTagItem("db.query.text") as string ?? "").Contains(HeldQueries.Mark, StringComparison.Ordinal);
    }

    /// <summary>Holds back the statements marked for it until their caller gives up.</summary>
    private sealed class HeldQueries : DbCommandInterceptor
    {
        public const string Mark = "/* held */";

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains(Mark, StringComparison.Ordinal)) await Task.Delay(Timeout.Infinite, cancellationToken);
            return await base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
