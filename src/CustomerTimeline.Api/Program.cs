using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Demo;
using CustomerTimeline.Api.GraphiQL;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Health;
using CustomerTimeline.Api.Hosting;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Privacy;
using CustomerTimeline.Api.Security;
using CustomerTimeline.Api.Telemetry;
using CustomerTimeline.Api.Widget;
using CustomerTimeline.Api.Sandbox;

var builder = WebApplication.CreateBuilder(args);

builder.AddNativeHeapLimits();
builder.AddTimelineLogging();
builder.AddTimelineCompression();
builder.AddTimelineData();
builder.AddDemoData();
builder.AddTimelineAuth();
builder.AddTimelineRateLimiting();
builder.AddTimelinePrivacy();
builder.AddTimelineGraphQL();
builder.AddSandbox();
builder.AddConnectors();
builder.AddSync();
builder.AddJourney();
builder.AddWidget();
builder.AddTimelineHealth();
builder.AddTimelineTelemetry();
builder.AddGraphQLWarmUp();

var app = builder.Build();
if (SchemaExport.TryRun(app, args)) return;
if (!app.ConfigurationIsValid()) return;

app.UseCorrelationId();
app.UseCors();
app.UseGraphQLWebSockets();
app.UseTimelineCompression();
app.UseTimelineSecurity();
app.MapGraphQL().RequireTimelineAccess().RequireCors(WidgetEndpoints.CorsPolicy);
app.MapCustomerExports();
app.MapGraphiQL();
app.MapWidget();
app.MapDevTokens();
app.MapSandbox();
app.MapTimelineHealth();
app.LogEndpointsOnStart();

app.RunService();

/// <summary>Entry point, public so the tests' WebApplicationFactory can reach it.</summary>
public partial class Program;
