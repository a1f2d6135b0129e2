using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphiQL;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Privacy;
using CustomerTimeline.Api.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddTimelineLogging();
builder.AddTimelineData();
builder.AddTimelineAuth();
builder.AddTimelineRateLimiting();
builder.AddTimelinePrivacy();
builder.AddTimelineGraphQL();

var app = builder.Build();
if (SchemaExport.TryRun(app, args)) return;

app.UseTimelineSecurity();
app.MapGraphQL().RequireTimelineAccess();
app.MapGraphiQL();
app.MapDevTokens();
app.LogEndpointsOnStart();

app.Run();

/// <summary>Entry point, public so the tests' WebApplicationFactory can reach it.</summary>
public partial class Program;
