using System.Text.Json;
using CustomerTimeline.Api.Customers;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Insights;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Timeline;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Bench;

/// <summary>
/// The GraphQL-overhead baseline, mapped ONLY inside the bench host (an <see cref="IStartupFilter"/>, never in the
/// API): <c>GET /bench/plain-agent/{customerId}</c> validates the same bearer token, then reads what the agent-context
/// query reads (customer, identities, precomputed summary with the experience JSON, journey stages, open signals with
/// their events, latest N events) through the same loaders on the same DbContext, and writes the JSON with Utf8JsonWriter.
/// </summary>
internal sealed class PlainAgentEndpoint : IStartupFilter
{
    public const string PathPrefix = "/bench/plain-agent/";

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
    };

    private static async Task HandleAsync(HttpContext context, string idText)
    {
        var auth = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!auth.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (!long.TryParse(idText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var events = int.TryParse(context.Request.Query["events"], System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, 100) : 50;
        var db = context.RequestServices.GetRequiredService<TimelineDbContext>();
        var ct = context.RequestAborted;
        // The same one-connection-per-request the GraphQL endpoint uses, so the ratio measures GraphQL only.
        await db.Database.OpenConnectionAsync(ct);

        // Through the same loaders (and so the same compiled queries) the resolvers use: the ratio measures GraphQL.
        var services = context.RequestServices;
        var customer = await services.GetRequiredService<CustomerByIdLoader>().Load(id).GetResultAsync(ct);
        if (customer is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var identities = await services.GetRequiredService<IdentitiesByCustomerLoader>().Load(id).GetResultAsync(ct);
        var summary = await services.GetRequiredService<CustomerSummaryLoader>().Load(id).GetResultAsync(ct);
        var stages = (await services.GetRequiredService<JourneyStagesLoader>().Load(id).GetResultAsync(ct)).Select(s => s.StageKey).ToList();
        var signals = await services.GetRequiredService<OpenSignalsLoader>().Load(id).GetResultAsync(ct);
        var byId = services.GetRequiredService<EventByIdLoader>();
        var pending = signals.SelectMany(s => s.EventIdList()).Distinct().Select(byId.Load).ToList();
        var signalEvents = new Dictionary<long, TimelineEvent>();
        foreach (var result in pending)
        {
            if (await result.GetResultAsync(ct) is { } found) signalEvents[found.Id] = found;
        }
        var page = await services.GetRequiredService<TimelinePageLoader>()
            .Load(id, new PageArguments(events, Backward: false, Cursor: null), TimelineFilter.None).GetResultAsync(ct);
        var latest = page.Edges.Select(edge => edge.Node).ToList();

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
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
            json.WriteString("kind", i.Kind.ToString());
            json.WriteString("value", i.Value);
            json.WriteString("source", i.Source.ToString());
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("experience");
        if (summary is not null)
        {
            json.WriteNumber("score", summary.ExperienceScore);
            json.WriteBoolean("priority", summary.Priority);
            json.WriteBoolean("repeatedProblem", summary.RepeatedProblem);
            json.WriteNumber("change", summary.ScoreChange);
            json.WritePropertyName("details");
            json.WriteRawValue(summary.ExperienceJson, skipInputValidation: true);
        }
        json.WriteEndObject();
        json.WriteStartObject("journey");
        json.WriteString("currentStage", summary?.CurrentStageKey);
        json.WriteStartArray("stagesReached");
        foreach (var s in stages) json.WriteStringValue(s);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("signals");
        foreach (var s in signals)
        {
            json.WriteStartObject();
            json.WriteString("kind", s.Kind);
            json.WriteString("severity", s.Severity.ToString());
            json.WriteString("reason", s.Reason);
            json.WriteString("triggeredAt", s.TriggeredAt);
            json.WriteString("actionKind", s.ActionKind);
            json.WriteString("actionTitle", s.ActionTitle);
            json.WriteNumber("actionPriority", s.ActionPriority);
            json.WriteStartArray("events");
            foreach (var eventId in s.EventIdList())
            {
                if (!signalEvents.TryGetValue(eventId, out var e)) continue;
                json.WriteStartObject();
                json.WriteNumber("id", e.Id);
                json.WriteString("title", e.Title);
                json.WriteString("occurredAt", e.OccurredAt);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("timeline");
        json.WriteStartArray("nodes");
        foreach (var e in latest)
        {
            json.WriteStartObject();
            json.WriteNumber("id", e.Id);
            json.WriteString("kind", e.Kind.ToString());
            json.WriteString("source", e.Source.ToString());
            json.WriteString("channel", e.Channel.ToString());
            json.WriteString("occurredAt", e.OccurredAt);
            json.WriteString("title", e.Title);
            json.WriteString("summary", e.Summary);
            if (e.Sentiment is { } sentiment) json.WriteNumber("sentiment", sentiment);
            else json.WriteNull("sentiment");
            json.WriteBoolean("urgent", e.Urgent);
            json.WriteString("intents", e.Intents);
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
}
