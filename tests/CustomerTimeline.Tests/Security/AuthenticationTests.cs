using System.Net;
using System.Net.Http.Headers;
using CustomerTimeline.Tests.Infrastructure;

namespace CustomerTimeline.Tests.Security;

/// <summary>Who gets in: the 401 / 403 / 200 matrix of the GraphQL endpoint.</summary>
public sealed class AuthenticationTests(SampleApiFixture fixture) : IClassFixture<SampleApiFixture>
{
    private const string Query = "{ customers(first: 1) { totalCount } }";

    public static TheoryData<string, string?> Unauthenticated => new()
    {
        { "no token", null },
        { "not a JWT", "not-a-jwt" },
        { "bad signature", TestTokens.Mint(key: TestTokens.ForeignKey) },
        { "alg none", TestTokens.MintAlgNone() },
        { "wrong audience", TestTokens.Mint(audience: "api://someone-else") },
        { "wrong issuer host", TestTokens.Mint(issuer: $"https://evil.example.com/{TestTokens.TenantId}/v2.0") },
        { "issuer of another tenant", TestTokens.Mint(issuer: TestTokens.Issuer(TestTokens.OtherTenantId)) },
        { "tenant not allowed", TestTokens.Mint(tenantId: TestTokens.OtherTenantId) },
        { "expired beyond clock skew", TestTokens.Mint(expires: DateTime.UtcNow.AddMinutes(-10)) },
        { "neither scp nor roles", TestTokens.Mint(scopes: [], roles: null) },
    };

    [Theory]
    [MemberData(nameof(Unauthenticated))]
    public async Task Invalid_or_missing_tokens_get_401(string why, string? token)
    {
        using var client = fixture.Factory.CreateGraphQLClient(token);
        var r = await client.PostAsync(Query);
        r.Status.ShouldBe(HttpStatusCode.Unauthorized, why);
        r.FirstErrorCode.ShouldBe("UNAUTHENTICATED", why);
        r.Data.ShouldBeNull(why);
    }

    [Fact]
    public async Task A_401_carries_a_bearer_challenge()
    {
        using var client = fixture.Factory.CreateGraphQLClient(bearerToken: null);
        using var response = await client.Http.PostAsync("/graphql",
            new StringContent($$"""{"query":"{{Query}}"}""", System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldContain(h => h.Scheme == "Bearer");
    }

    [Theory]
    [InlineData(null, null, "application/graphql-response+json")]
    [InlineData("application/json", null, "application/json")]
    [InlineData("application/graphql-response+json", null, "application/graphql-response+json")]
    [InlineData(null, TestTokens.Write, "application/graphql-response+json")]
    [InlineData("application/json", TestTokens.Write, "application/json")]
    public async Task The_401_and_403_bodies_are_in_the_negotiated_media_type(string? accept, string? scope, string expected)
    {
        using var client = fixture.Factory.CreateGraphQLClient(scope is null ? null : TestTokens.Mint(scopes: [scope]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent($$"""{"query":"{{Query}}"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        using var response = await client.Http.SendAsync(request);
        response.StatusCode.ShouldBe(scope is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(expected);
        (await GraphQLClient.ReadAsync(response)).FirstErrorCode.ShouldBe(scope is null ? "UNAUTHENTICATED" : "FORBIDDEN");
    }

    [Fact]
    public async Task Get_requests_need_a_token_too()
    {
        using var client = fixture.Factory.CreateGraphQLClient(bearerToken: null);
        using var response = await client.Http.GetAsync("/graphql?query=" + Uri.EscapeDataString(Query));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Basic_credentials_are_not_a_token()
    {
        using var client = fixture.Factory.CreateGraphQLClient(bearerToken: null);
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "YWxpY2U6c2VjcmV0");
        (await client.PostAsync(Query)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string, string[], string[]?> Forbidden => new()
    {
        { "write scope without read", [TestTokens.Write], null },
        { "pii scope without read", [TestTokens.PiiRead, TestTokens.PrivacyManage], null },
        { "an unrelated scope", ["User.Read"], null },
        { "app role without read", [], [TestTokens.Write] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task Valid_tokens_without_Timeline_Read_get_403(string why, string[] scopes, string[]? roles)
    {
        using var client = fixture.Factory.CreateGraphQLClient(scopes, roles);
        var r = await client.PostAsync(Query);
        r.Status.ShouldBe(HttpStatusCode.Forbidden, why);
        r.FirstErrorCode.ShouldBe("FORBIDDEN", why);
        r.FirstErrorMessage.ShouldContain(TestTokens.Read, customMessage: why);
    }

    public static TheoryData<string, string> Accepted => new()
    {
        { "delegated Timeline.Read", TestTokens.Mint(scopes: [TestTokens.Read]) },
        { "application role Timeline.Read", TestTokens.Mint(scopes: [], roles: [TestTokens.Read]) },
        { "expired within the clock skew", TestTokens.Mint(expires: DateTime.UtcNow.AddMinutes(-2)) },
        { "every scope", TestTokens.Mint() },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Valid_tokens_with_Timeline_Read_get_200(string why, string token)
    {
        using var client = fixture.Factory.CreateGraphQLClient(token);
        var r = await client.PostAsync(Query);
        r.Status.ShouldBe(HttpStatusCode.OK, why);
        r.DataOrThrow()["customers"]!["totalCount"]!.GetValue<int>().ShouldBe(3);
    }
}
