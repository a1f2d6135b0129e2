using CustomerTimeline.Api.Connectors;
using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Demo;
using CustomerTimeline.Api.GraphiQL;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Health;
using CustomerTimeline.Api.Telemetry;
using CustomerTimeline.Api.Journey;
using CustomerTimeline.Api.Sandbox;

var builder = WebApplication.CreateBuilder(args);

builder.AddTimelineData();
builder.AddDemoData();
builder.AddTimelineGraphQL();
builder.AddSandbox();
builder.AddConnectors();
builder.AddSync();
builder.AddTimelineHealth();
builder.AddTimelineTelemetry();
builder.AddJourney();

var app = builder.Build();
if (SchemaExport.TryRun(app, args)) return;

app.UseCorrelationId();
app.UseWebSockets();
app.MapGraphQL();
app.MapGraphiQL();
app.MapSandbox();
app.MapTimelineHealth();
app.LogEndpointsOnStart();

app.Run();

/// <summary>Entry point, public so the tests' WebApplicationFactory can reach it.</summary>
public partial class Program;
