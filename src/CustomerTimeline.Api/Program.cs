using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphiQL;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Journey;

var builder = WebApplication.CreateBuilder(args);

builder.AddTimelineData();
builder.AddTimelineGraphQL();
builder.AddJourney();

var app = builder.Build();
if (SchemaExport.TryRun(app, args)) return;

app.MapGraphQL();
app.MapGraphiQL();
app.LogEndpointsOnStart();

app.Run();

/// <summary>Entry point, public so the tests' WebApplicationFactory can reach it.</summary>
public partial class Program;
