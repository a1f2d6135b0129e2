using CustomerTimeline.Api.Connectors.Sync;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphiQL;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Api.Widget;

var builder = WebApplication.CreateBuilder(args);

builder.AddTimelineData();
builder.AddTimelineGraphQL();
builder.AddSync();
builder.AddWidget();

var app = builder.Build();
if (SchemaExport.TryRun(app, args)) return;

app.UseWebSockets();
app.UseCors();
app.MapGraphQL().RequireCors(WidgetEndpoints.CorsPolicy);
app.MapWidget();
app.MapGraphiQL();
app.LogEndpointsOnStart();

app.Run();

/// <summary>Entry point, public so the tests' WebApplicationFactory can reach it.</summary>
public partial class Program;
