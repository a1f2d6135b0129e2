using System.Net;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.GraphQLServer;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Transport;

public sealed class ErrorSafetyTests : IAsyncLifetime
{
    private readonly TimelineApiFactory _factory = new();

    public async Task InitializeAsync()
    {
        await _factory.SeedAsync(async db =>
        {
            await SampleData.SeedAsync(db);
            await db.SaveChangesAsync();
            // A row whose details cannot be read: resolving its typed fields fails inside the server.
            var broken = SampleData.Visit(1, "broken-visit", SampleData.T0.AddDays(30), "ffffffffffffffff");
            broken.Details = "{ this is not json";
            db.Events.Add(broken);
        });
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Internal_failures_carry_no_stack_trace_or_exception_type()
    {
        using var client = _factory.CreateGraphQLClient();
        var r = await client.PostAsync("""
            { customerByIdentity(email: "alice.martin@example.com") { timeline(first: 1) { nodes { title ... on WebVisitEvent { visitorId } } } } }
            """);
        r.Status.ShouldBe(HttpStatusCode.OK);
        r.Errors.ShouldNotBeNull().Select(e => e!["extensions"]?["code"]?.GetValue<string>()).ShouldContain("INTERNAL_SERVER_ERROR");
        var text = r.Body.ToJsonString();
        text.ShouldNotContain("Exception");
        text.ShouldNotContain("JSON", Case.Sensitive);
        text.ShouldNotContain(" at ");
        // The rest of the response still arrives.
        r.Body["data"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Cancelled_request_stops_execution_without_writing_a_response()
    {
        var endpoint = _factory.Services.GetRequiredService<GraphQLHttpEndpoint>();
        await using var scope = _factory.Services.CreateAsyncScope();
        using var cts = new CancellationTokenSource();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = cts.Token };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream("""{"query":"{ customers(first: 100) { nodes { timeline(first: 100) { totalCount } } } }"}"""u8.ToArray());
        context.Response.Body = new MemoryStream();
        await cts.CancelAsync();

        await endpoint.HandleAsync(context);

        context.Response.Body.Length.ShouldBe(0);
        (await _factory.WithDbAsync(db => Task.FromResult(db.Events.Count()))).ShouldBe(19);
    }
}
