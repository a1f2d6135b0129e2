using System.Text.Encodings.Web;
using System.Text.Json;
using GraphQL;
using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Security;
using CustomerTimeline.Api.Timeline;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Bench;

/// <summary>
/// The GraphQL-overhead baseline, mapped ONLY inside the bench host (an <see cref="IStartupFilter"/>, never in the
/// API): <c>GET /bench/plain-agent/{customerId}</c> validates the same bearer token, then reads what the agent-context
/// query reads (customer, identities, summary and its experience — band, top drivers with their evidence events,
/// trend —, current and skipped stages, open signals and next best actions with their events, latest N events)
/// through the same loaders and view helpers on the same DbContext, and writes the same JSON with Utf8JsonWriter.
/// The same handler also answers <c>GET /bench/plain-agent-in-pipeline/{customerId}</c> at the end of the API's own
/// pipeline (after its correlation id, CORS, authentication, rate limiter, routing and authorization middleware, as an
/// endpoint the API does not map would reach it), checking the GraphQL endpoint's read policy itself: a baseline
/// that pays what any endpoint of the API pays, as a minimal-API endpoint would.
/// </summary>
internal sealed class PlainAgentEndpoint : IStartupFilter
{
    public const string PathPrefix = "/bench/plain-agent/";
    public const string InPipelinePathPrefix = "/bench/plain-agent-in-pipeline/";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var path = context.Request.Path.Value;
            if (path is null || !path.StartsWith(PathPrefix, StringComparison.Ordinal))
            {
                await nextMiddleware(context);
                return;
            }
            await HandleAsync(context, path[PathPrefix.Length..]);
        });
        next(app);
        // The API maps no endpoint for this path, so its whole pipeline runs and hands the request on to here.
        app.Run(context =>
        {
            var path = context.Request.Path.Value;
            if (path is null || !path.StartsWith(InPipelinePathPrefix, StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return HandleInPipelineAsync(context, path[InPipelinePathPrefix.Length..]);
        });
    };

    private static async Task HandleInPipelineAsync(HttpContext context, string idText)
    {
        // Authenticated by the API's own middleware; authorized here by the policy the GraphQL endpoint requires.
        if (context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        var authorization = await context.RequestServices.GetRequiredService<IAuthorizationService>()
            .AuthorizeAsync(context.User, SecurityExtensions.ReadPolicy);
        if (!authorization.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        await HandleIdAsync(context, idText);
    }

    private static async Task HandleAsync(HttpContext context, string idText)
    {
        var auth = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!auth.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        await HandleIdAsync(context, idText);
    }

    private static async Task HandleIdAsync(HttpContext context, string idText)
    {
        if (!long.TryParse(idText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var events = int.TryParse(context.Request.Query["events"], System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, 100) : 50;
        await WriteAgentContextAsync(context, id, events);
    }

    /// <summary>Everything after the token check: also run without HTTP by <see cref="InProcessAgentLoop"/>.</summary>
    internal static async Task WriteAgentContextAsync(HttpContext context, long id, int events)
    {
        var db = context.RequestServices.GetRequiredService<TimelineDbContext>();
        var ct = context.RequestAborted;
        // The same connection rule the GraphQL endpoint uses (opened at the first EF query, kept to the end), so
        // the ratio measures GraphQL only.
        if (db is SqliteTimelineDbContext sqlite) sqlite.KeepConnectionOnceOpened();

        // Through the same loaders (and so the same SQL) the resolvers use: the ratio measures GraphQL.
        var services = context.RequestServices;
        var customer = await services.GetRequiredService<CustomerByIdLoader>().Load(id).GetResultAsync(ct);
        if (customer is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var identities = await services.GetRequiredService<IdentitiesByCustomerLoader>().Load(id).GetResultAsync(ct);
        var summary = await services.GetRequiredService<CustomerSummaryLoader>().Load(id).GetResultAsync(ct);
        var stages = await services.GetRequiredService<JourneyStagesLoader>().Load(id).GetResultAsync(ct);
        var signals = await services.GetRequiredService<OpenSignalsLoader>().Load(id).GetResultAsync(ct);
        var experience = summary is null ? null : ExperienceView.From(summary, services.GetRequiredService<IOptions<ExperienceOptions>>().Value);
        var drivers = experience?.Drivers(TopDrivers).ToList() ?? [];
        var journey = new CustomerJourneyView(id, services.GetRequiredService<JourneyMapStore>().Current, summary, stages, signals);
        var actions = CustomerSignal.NextBestActions(signals);

        // The latest events first, as the resolvers read them (a level above the evidence events, which it primes).
        var page = await services.GetRequiredService<TimelinePageLoader>()
            .Load(id, new PageArguments(events, Backward: false, Cursor: null), TimelineFilter.None).GetResultAsync(ct);
        // The evidence events of the drivers, signals and actions, in one batch as the resolvers' loads are (those on the page are not read again).
        var byId = services.GetRequiredService<EventByIdLoader>();
        var pending = drivers.SelectMany(d => d.EventIds).Concat(signals.SelectMany(s => s.EventIdList())).Distinct().Select(byId.Load).ToList();
        var evidence = new Dictionary<long, TimelineEvent>();
        foreach (var result in pending)
        {
            if (await result.GetResultAsync(ct) is { } found) evidence[found.Id] = found;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        // The API's encoder (AddTimelineGraphQL), so both write the same bytes.
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartObject("data");
        json.WriteStartObject("customer");
        json.WriteString("id", GlobalId.Encode(GlobalId.CustomerType, customer.Id));
        json.WriteString("displayName", customer.DisplayName);
        json.WriteString("primaryEmail", customer.PrimaryEmail);
        json.WriteString("phone", customer.Phone);
        json.WriteString("company", customer.Company);
        json.WriteStartArray("identities");
        foreach (var i in identities)
        {
            json.WriteStartObject();
            json.WriteString("kind", EnumNames.Of(i.Kind));
            json.WriteString("value", i.Value);
            json.WriteString("source", EnumNames.Of(i.Source));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteExperience(json, experience, drivers, evidence);
        json.WriteStartObject("journey");
        WriteStage(json, "currentStage", journey.CurrentStage);
        json.WriteStartArray("skippedStages");
        foreach (var stage in journey.SkippedStages) WriteStage(json, null, stage);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("signals");
        foreach (var s in signals)
        {
            json.WriteStartObject();
            json.WriteString("kind", s.Kind);
            json.WriteString("severity", EnumNames.Of(s.Severity));
            json.WriteString("reason", s.Reason);
            json.WriteString("triggeredAt", s.TriggeredAt);
            WriteEvents(json, s.EventIdList(), evidence, withTime: true);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("nextBestActions");
        foreach (var a in actions)
        {
            json.WriteStartObject();
            json.WriteString("kind", a.ActionKind);
            json.WriteString("title", a.ActionTitle);
            json.WriteNumber("priority", a.ActionPriority);
            json.WriteString("reason", a.Reason);
            WriteEvents(json, a.EventIdList(), evidence, withTime: false);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("timeline");
        json.WriteStartArray("nodes");
        foreach (var edge in page.Edges)
        {
            var e = edge.Node;
            json.WriteStartObject();
            json.WriteString("id", GlobalId.Encode(GlobalId.EventType, e.Id));
            json.WriteString("kind", EnumNames.Of(e.Kind));
            json.WriteString("source", EnumNames.Of(e.Source));
            json.WriteString("channel", EnumNames.Of(e.Channel));
            json.WriteString("occurredAt", e.OccurredAt);
            json.WriteString("title", e.Title);
            json.WriteString("summary", e.Summary);
            if (e.Sentiment is { } sentiment) json.WriteNumber("sentiment", sentiment);
            else json.WriteNull("sentiment");
            json.WriteBoolean("urgent", e.Urgent);
            json.WriteStartArray("intents");
            foreach (var intent in (e.Intents ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)) json.WriteStringValue(intent);
            json.WriteEndArray();
            json.WriteString("stageKey", e.StageKey);
            json.WriteString("touchpointKey", e.TouchpointKey);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    private const int TopDrivers = 3;

    /// <summary>Enum values as GraphQL writes them (CONSTANT_CASE), computed once per value.</summary>
    private static class EnumNames
    {
        public static string Of<T>(T value) where T : struct, Enum => Names<T>.ByValue[value];

        private static class Names<T> where T : struct, Enum
        {
            public static readonly Dictionary<T, string> ByValue = Enum.GetValues<T>().ToDictionary(v => v, v => v.ToString().ToConstantCase());
        }
    }

    private static void WriteExperience(Utf8JsonWriter json, ExperienceView? experience, List<ExperienceDriver> drivers, Dictionary<long, TimelineEvent> evidence)
    {
        if (experience is null)
        {
            json.WriteNull("experience");
            return;
        }
        json.WriteStartObject("experience");
        json.WriteNumber("score", experience.Result.Score);
        json.WriteString("band", experience.Band switch { ScoreBand.Low => "LOW", ScoreBand.High => "HIGH", _ => "MEDIUM" });
        json.WriteBoolean("priority", experience.Summary.Priority);
        json.WriteBoolean("repeatedProblem", experience.Summary.RepeatedProblem);
        json.WriteStartArray("repeatedProblems");
        foreach (var problem in experience.Result.RepeatedProblems) json.WriteStringValue(problem);
        json.WriteEndArray();
        json.WriteStartArray("topDrivers");
        foreach (var d in drivers)
        {
            json.WriteStartObject();
            json.WriteString("key", d.Key);
            json.WriteString("name", d.Name);
            json.WriteNumber("contribution", d.Contribution);
            json.WriteNumber("maxPoints", d.MaxPoints);
            json.WriteNumber("lostPoints", Math.Round(d.MaxPoints - d.Contribution, 2));
            json.WriteString("explanation", d.Explanation);
            WriteEvents(json, d.EventIds, evidence, withTime: true);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("trend");
        json.WriteNumber("change", experience.Result.Change);
        json.WriteString("direction", experience.Direction switch { TrendDirection.Up => "UP", TrendDirection.Down => "DOWN", _ => "FLAT" });
        json.WriteStartArray("points");
        foreach (var point in experience.Result.History)
        {
            json.WriteStartObject();
            json.WriteString("at", point.At);
            json.WriteNumber("score", point.Score);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteStage(Utf8JsonWriter json, string? property, StageView? stage)
    {
        if (stage is null)
        {
            json.WriteNull(property!);
            return;
        }
        if (property is null) json.WriteStartObject();
        else json.WriteStartObject(property);
        json.WriteString("key", stage.Stage.Key);
        json.WriteString("name", stage.Stage.Name);
        json.WriteEndObject();
    }

    private static void WriteEvents(Utf8JsonWriter json, IEnumerable<long> ids, Dictionary<long, TimelineEvent> evidence, bool withTime)
    {
        json.WriteStartArray("events");
        foreach (var id in ids)
        {
            if (!evidence.TryGetValue(id, out var e)) continue;
            json.WriteStartObject();
            json.WriteString("id", GlobalId.Encode(GlobalId.EventType, e.Id));
            json.WriteString("title", e.Title);
            if (withTime) json.WriteString("occurredAt", e.OccurredAt);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
