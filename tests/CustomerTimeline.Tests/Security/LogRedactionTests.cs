using CustomerTimeline.Api.Data;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CustomerTimeline.Tests.Security;

/// <summary>
/// Captures every log line, at every level, of a scenario that reads, masks, exports and erases personal data,
/// sends bad tokens and bad input, and breaks a row: no email, phone, free text, token or connection string may
/// appear in any of them.
/// </summary>
public sealed class LogRedactionTests : IAsyncLifetime
{
    private readonly ConfiguredApiFactory _factory = new("Development", new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
    }, services: s => s.AddLogging(logging => logging.AddFakeLogging()));

    public async Task InitializeAsync() => await _factory.SeedAsync(async db =>
    {
        await SampleData.SeedAsync(db);
        await db.SaveChangesAsync();
        // A row whose details cannot be parsed, with personal data in the broken text.
        var broken = SampleData.Visit(1, "broken-visit", SampleData.T0.AddDays(30), "ffffffffffffffff");
        broken.Details = "{ \"note\": \"call alice.martin@example.com on +14155550101";
        db.Events.Add(broken);
    });

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_full_scenario_logs_no_personal_data_tokens_or_connection_strings()
    {
        var token = TestTokens.Mint();
        var foreignToken = TestTokens.Mint(key: TestTokens.ForeignKey);
        var expiredToken = TestTokens.Mint(expires: DateTime.UtcNow.AddHours(-1));
        using var agent = _factory.CreateGraphQLClient(token);
        using var dashboard = _factory.CreateGraphQLClient([TestTokens.Read]);

        const string everything = """
            query($email: String, $phone: String) {
              byEmail: customerByIdentity(email: $email) { id displayName primaryEmail phone identities { value }
                timeline(first: 20) { nodes { title summary ... on TicketMessageEvent { body } ... on SurveyAnswerEvent { comment }
                  ... on TicketEvent { description } ... on CrmActivityEvent { crmBody: body } } } }
              byPhone: customerByIdentity(phone: $phone) { displayName }
              customers(search: "martin") { nodes { displayName primaryEmail } }
            }
            """;
        var variables = new { email = SampleData.AliceEmail, phone = SampleData.AlicePhone };
        await agent.PostAsync(everything, variables);
        await dashboard.PostAsync(everything, variables);
        // GET carries the query, with an email in it, in the URL.
        await agent.Http.GetAsync("/graphql?query=" + Uri.EscapeDataString("""{ customerByIdentity(email: "alice.martin@example.com") { phone } }"""));
        // Bad input echoing personal data, and validation errors.
        await agent.PostAsync("""{ customerByIdentity(phone: "call +14155550101 now please") { id } }""");
        await agent.PostAsync("""{ customerByIdentity(email: "bob@fabrikam.fr") { nope } }""");
        await agent.PostAsync("""{ customers(search: "Pas satisfait du tout") { totalCount """);
        // Nested past the parser's limit: the parser's message quotes the document's line.
        await agent.PostAsync("""{ customerByIdentity(email: "alice.martin@example.com", phone: """ + new string('[', 300) + new string(']', 300) + ") { id } }");
        // The broken row fails inside the server.
        await agent.PostAsync("""{ customers(first: 1) { nodes { timeline(first: 1) { nodes { ... on WebVisitEvent { visitorId pages { url } } } } } } }""");
        // Bad and expired tokens.
        foreach (var bad in new[] { foreignToken, expiredToken, TestTokens.MintAlgNone() })
        {
            using var rejected = _factory.CreateGraphQLClient(bad);
            await rejected.PostAsync(everything, variables);
        }

        var aliceId = (await agent.QueryAsync(everything, variables))["byEmail"]!["id"]!.GetValue<string>();
        await agent.PostAsync("mutation($id: ID!) { exportCustomer(id: $id) { document } }", new { id = aliceId });
        await agent.PostAsync("mutation($id: ID!) { eraseCustomer(id: $id) { deletedRows } }", new { id = aliceId });
        await agent.PostAsync("mutation($id: ID!) { eraseCustomer(id: $id) { deletedRows } }", new { id = aliceId });

        var connectionString = await _factory.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        // Values as written, and as they look inside a URL.
        var forbidden = SampleData.PersonalValues
            .Concat(SampleData.PersonalValues.Select(Uri.EscapeDataString))
            .Concat([token, foreignToken, expiredToken, token.Split('.')[2], connectionString, "Data Source="])
            .ToList();

        var records = _factory.Services.GetFakeLogCollector().GetSnapshot();
        records.Count.ShouldBeGreaterThan(100, "the capture must include framework and EF logs to mean anything");
        records.ShouldContain(r => r.Category == "Microsoft.EntityFrameworkCore.Database.Command");
        records.ShouldContain(r => r.Category != null && r.Category.StartsWith("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal));

        foreach (var record in records)
        {
            var text = string.Join('\n', new[] { record.Message, record.Exception?.ToString() }
                .Concat(record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? [])
                .Concat(record.Scopes.Select(s => s?.ToString())));
            foreach (var value in forbidden)
                text.ShouldNotContain(value, Case.Insensitive, $"{record.Category} ({record.Level}) logged a forbidden value");
        }
    }

    [Fact]
    public async Task Ef_sensitive_data_logging_is_off()
    {
        var enabled = await _factory.WithDbAsync(db => Task.FromResult(
            db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.IsSensitiveDataLoggingEnabled ?? false));
        enabled.ShouldBeFalse();
    }
}
