using System.Net;
using CustomerTimeline.Tests.Infrastructure;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Transport;

/// <summary>
/// A request the server fails as a whole (not one field) is a 500 under application/graphql-response+json, with a
/// generic message; request errors stay 400 and the legacy application/json keeps 200.
/// </summary>
public sealed class RequestFailureStatusTests : IAsyncLifetime
{
    private const string Secret = "connection string leaked here";

    /// <summary>Fails every operation named Boom before it executes (once validated), outside any field.</summary>
    private sealed class BoomListener : DocumentExecutionListenerBase
    {
        public override Task AfterValidationAsync(IExecutionContext context, GraphQL.Validation.IValidationResult validationResult) =>
            validationResult.IsValid && context.Operation.Name?.StringValue == "Boom" ? throw new InvalidOperationException(Secret) : Task.CompletedTask;
    }

    private sealed class AddBoomListener : IConfigureExecution
    {
        public float SortOrder => 0;

        public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
        {
            options.Listeners.Add(new BoomListener());
            return next(options);
        }
    }

    private readonly ConfiguredApiFactory _factory = new("Development",
        services: s => s.AddSingleton<IConfigureExecution, AddBoomListener>());

    public Task InitializeAsync() => _factory.SeedAsync(SampleData.SeedAsync);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task An_unhandled_failure_of_the_request_is_500_without_details()
    {
        using var client = _factory.CreateGraphQLClient();
        var r = await client.PostAsync("query Boom { customers(first: 1) { totalCount } }");

        r.Status.ShouldBe(HttpStatusCode.InternalServerError, r.Body.ToJsonString());
        r.ContentType.ShouldBe("application/graphql-response+json");
        r.FirstErrorCode.ShouldBe("INTERNAL_SERVER_ERROR");
        r.FirstErrorMessage.ShouldBe("An internal error occurred while executing this request.");
        r.Data.ShouldBeNull();
        var text = r.Body.ToJsonString();
        text.ShouldNotContain(Secret);
        text.ShouldNotContain("Exception");
        text.ShouldNotContain(" at ");

        // Other operations of the same host are unaffected, and request errors stay 400.
        (await client.PostAsync("query Fine { customers(first: 1) { totalCount } }")).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsync("query Boom { noSuchField }")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Legacy_json_keeps_200_for_a_failed_request()
    {
        using var client = _factory.CreateGraphQLClient();
        var r = await client.PostAsync("query Boom { customers(first: 1) { totalCount } }", accept: "application/json");
        r.Status.ShouldBe(HttpStatusCode.OK);
        r.FirstErrorCode.ShouldBe("INTERNAL_SERVER_ERROR");
    }
}
