using CustomerTimeline.Api.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddTimelineData();

var app = builder.Build();

app.Run();

/// <summary>Entry point, public so the tests' WebApplicationFactory can reach it.</summary>
public partial class Program;
