using System.Net;
using System.Text.Json.Nodes;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Privacy;
using CustomerTimeline.Api.Relay;
using CustomerTimeline.Api.Security;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerTimeline.Tests.Security;

/// <summary>
/// An export reads its sections in one snapshot: an erasure committed while it is written (here, right after its
/// profile section) does not leave a document with the profile and an empty timeline.
/// </summary>
public sealed class ExportSnapshotTests : IAsyncLifetime
{
    private readonly EraseMidExportFactory _factory = new();
    private GraphQLClient _officer = null!;
    private long _aliceDbId;

    public async Task InitializeAsync()
    {
        await _factory.SeedAsync(SampleData.SeedAsync);
        _officer = _factory.CreateGraphQLClient([TestTokens.Read, TestTokens.Write, TestTokens.PrivacyManage]);
        _aliceDbId = await SampleData.CustomerIdAsync(_factory, SampleData.AliceEmail);
    }

    public async Task DisposeAsync()
    {
        _officer.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task A_download_holds_what_was_stored_when_it_began_though_the_customer_is_erased_while_it_is_written()
    {
        var events = await _factory.WithDbAsync(db => db.Events.CountAsync(e => e.CustomerId == _aliceDbId));
        var url = (await _officer.QueryAsync("mutation($id: ID!) { exportCustomer(id: $id) { downloadUrl } }",
            new { id = GlobalId.Encode(GlobalId.CustomerType, _aliceDbId) }))["exportCustomer"]!["downloadUrl"]!.GetValue<string>();

        _factory.Gate.EraseNext = _aliceDbId;
        using var response = await _officer.Http.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        _factory.Gate.Erased.ShouldBeTrue();
        (await _factory.WithDbAsync(db => db.Customers.CountAsync(c => c.Id == _aliceDbId))).ShouldBe(0);
        document["sections"]!["profile"]!["primaryEmail"]!.GetValue<string>().ShouldBe(SampleData.AliceEmail);
        document["sections"]!["identities"]!.AsArray().Count.ShouldBe(5);
        document["sections"]!["timeline"]!.AsArray().Count.ShouldBe(events);
    }

    [Fact]
    public async Task An_inline_document_holds_what_was_stored_when_it_began_too()
    {
        var events = await _factory.WithDbAsync(db => db.Events.CountAsync(e => e.CustomerId == _aliceDbId));
        _factory.Gate.EraseNext = _aliceDbId;
        var export = (await _officer.QueryAsync("mutation($id: ID!) { exportCustomer(id: $id) { document } }",
            new { id = GlobalId.Encode(GlobalId.CustomerType, _aliceDbId) }))["exportCustomer"]!;

        _factory.Gate.Erased.ShouldBeTrue();
        var document = JsonNode.Parse(export["document"]!.GetValue<string>())!;
        document["sections"]!["timeline"]!.AsArray().Count.ShouldBe(events);
    }

    /// <summary>A section between the profile and the rest that erases the customer, once, on another scope.</summary>
    private sealed class EraseGate(IServiceProvider services) : ICustomerExportSection
    {
        public long? EraseNext { get; set; }

        public bool Erased { get; private set; }

        public string Name => "gate";

        public async Task WriteAsync(ExportWriter writer, TimelineDbContext db, long customerId, CancellationToken cancellationToken)
        {
            if (EraseNext is { } id)
            {
                EraseNext = null;
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CustomerEraser>().EraseAsync(id, Caller.Anonymous, cancellationToken);
                Erased = true;
            }
            writer.Json.WriteNullValue();
        }
    }

    private sealed class EraseMidExportFactory : TimelineApiFactory
    {
        public EraseGate Gate => Services.GetServices<ICustomerExportSection>().OfType<EraseGate>().Single();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                var profile = services.Single(d => d.ServiceType == typeof(ICustomerExportSection) && d.ImplementationType == typeof(ProfileExportSection));
                services.Insert(services.IndexOf(profile) + 1, ServiceDescriptor.Singleton<ICustomerExportSection>(sp => new EraseGate(sp)));
            });
        }
    }
}
