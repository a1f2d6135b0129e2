using System.Net;
using System.Text.Json.Nodes;
using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.Security;

/// <summary>Missing or unsafe security configuration stops the service instead of opening the API.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Auth:Permissions:Read", "")]
    [InlineData("Auth:Permissions:Write", "")]
    [InlineData("Auth:Permissions:PiiRead", "")]
    [InlineData("Auth:Permissions:PrivacyManage", "")]
    [InlineData("Auth:Permissions:Read", "Timeline.Read Timeline.Write")]
    [InlineData("AzureAd:ClientId", "")]
    [InlineData("AzureAd:TenantId", "")]
    [InlineData("GraphQL:Limits:MaxDepth", "0")]
    [InlineData("RateLimit:PermitLimit", "0")]
    [InlineData("Auth:TokenCache:MaxAgeSeconds", "0")]
    [InlineData("Auth:TokenCache:MaxEntries", "-1")]
    [InlineData("RateLimit:Store", "7")]
    [InlineData("RateLimit:Store", "Redis")]
    public void Missing_or_invalid_security_settings_fail_start_up_naming_the_key(string key, string value)
    {
        var error = StartupError("Development", new Dictionary<string, string?> { [key] = value });
        Messages(error).ShouldContain(key, customMessage: error.ToString());
    }

    [Fact]
    public void Multi_tenant_registration_without_allowed_tenants_fails_start_up()
    {
        var error = StartupError("Production", new Dictionary<string, string?> { ["AzureAd:TenantId"] = "organizations" });
        Messages(error).ShouldContain("Auth:AllowedTenants");
    }

    [Theory]
    [InlineData("Auth:DevTokens:Enabled")]
    [InlineData("AzureAd:EnablePiiLogging")]
    public void Development_only_switches_fail_start_up_in_production(string key)
    {
        Messages(StartupError("Production", new Dictionary<string, string?> { [key] = "true" })).ShouldContain(key);
    }

    [Fact]
    public async Task Dev_tokens_work_in_development_and_carry_only_the_asked_permissions()
    {
        await using var factory = new ConfiguredApiFactory("Development",
            new Dictionary<string, string?> { ["Auth:DevTokens:Enabled"] = "true" }, useTestSigningKey: false);
        await factory.SeedAsync(SampleData.SeedAsync);
        using var http = factory.CreateClient();

        using var full = await http.PostAsync("/dev/token", null);
        full.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = JsonNode.Parse(await full.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        using var fullClient = factory.CreateGraphQLClient(token);
        var data = await fullClient.QueryAsync("""{ customerByIdentity(email: "alice.martin@example.com") { primaryEmail } }""");
        data["customerByIdentity"]!["primaryEmail"]!.GetValue<string>().ShouldBe(SampleData.AliceEmail);

        using var readOnly = await http.PostAsync("/dev/token?permissions=Read", null);
        var readToken = JsonNode.Parse(await readOnly.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        using var readClient = factory.CreateGraphQLClient(readToken);
        var masked = await readClient.QueryAsync("""{ customers(first: 1) { nodes { primaryEmail } } }""");
        masked["customers"]!["nodes"]![0]!["primaryEmail"]!.GetValue<string>().ShouldBe("a***@e***.com");

        using var bad = await http.PostAsync("/dev/token?permissions=Everything", null);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var page = await http.GetStringAsync("/graphiql");
        page.ShouldContain("/dev/token");
    }

    [Fact]
    public async Task Dev_token_route_does_not_exist_when_dev_tokens_are_off()
    {
        await using var factory = new TimelineApiFactory();
        using var http = factory.CreateClient();
        using var response = await http.PostAsync("/dev/token", null);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static Exception StartupError(string environment, Dictionary<string, string?> settings) =>
        StartupFailure.Of<Exception>(() => new ConfiguredApiFactory(environment, settings));

    private static string Messages(Exception error)
    {
        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate) messages.AddRange(aggregate.InnerExceptions.Select(Messages));
        }
        return string.Join(" | ", messages);
    }
}
