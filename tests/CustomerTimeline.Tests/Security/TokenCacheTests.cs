using System.Net;
using System.Security.Claims;
using CustomerTimeline.Api.Security;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CustomerTimeline.Tests.Security;

/// <summary>Validated bearer tokens are remembered, within their lifetime and their signing key's trust only.</summary>
public sealed class TokenCacheTests
{
    private readonly CountingHandler _inner = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private CachingTokenHandler Cache(int maxEntries = 100, int maxAgeSeconds = 300) =>
        new(_inner, new TokenCacheOptions { MaxEntries = maxEntries, MaxAgeSeconds = maxAgeSeconds }, _time);

    private static TokenValidationParameters Parameters(SecurityKey? key = null) => new()
    {
        ValidIssuer = TestTokens.Issuer(TestTokens.TenantId),
        ValidAudience = TestTokens.ClientId,
        IssuerSigningKeys = [key ?? TestTokens.SigningKey],
        ClockSkew = TimeSpan.FromMinutes(5),
    };

    [Fact]
    public async Task A_token_is_validated_once_and_every_request_gets_its_own_claims()
    {
        var cache = Cache();
        var token = TestTokens.Mint();

        var first = await cache.ValidateTokenAsync(token, Parameters());
        var second = await cache.ValidateTokenAsync(token, Parameters());

        first.IsValid.ShouldBeTrue();
        second.IsValid.ShouldBeTrue();
        _inner.Validations.ShouldBe(1);
        second.ClaimsIdentity.ShouldNotBeSameAs(first.ClaimsIdentity);
        second.ClaimsIdentity.FindFirst("oid")!.Value.ShouldBe(TestTokens.AgentObjectId);
        second.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value)).ShouldBe(first.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value)));
        second.SecurityToken.ShouldBeSameAs(first.SecurityToken);
        second.Issuer.ShouldBe(first.Issuer);

        // What one request adds to its principal never reaches the next one.
        second.ClaimsIdentity.AddClaim(new Claim("roles", "Injected.Role"));
        var third = await cache.ValidateTokenAsync(token, Parameters());
        third.ClaimsIdentity.HasClaim("roles", "Injected.Role").ShouldBeFalse();
        _inner.Validations.ShouldBe(1);
    }

    [Fact]
    public async Task Tokens_that_fail_are_validated_again_every_time()
    {
        var cache = Cache();
        var forged = TestTokens.Mint(key: TestTokens.ForeignKey);

        (await cache.ValidateTokenAsync(forged, Parameters())).IsValid.ShouldBeFalse();
        (await cache.ValidateTokenAsync(forged, Parameters())).IsValid.ShouldBeFalse();
        _inner.Validations.ShouldBe(2);
    }

    [Fact]
    public async Task A_remembered_token_is_validated_again_after_the_max_age()
    {
        var cache = Cache(maxAgeSeconds: 60);
        var token = TestTokens.Mint();
        await cache.ValidateTokenAsync(token, Parameters());

        _time.Advance(TimeSpan.FromSeconds(59));
        await cache.ValidateTokenAsync(token, Parameters());
        _inner.Validations.ShouldBe(1);

        _time.Advance(TimeSpan.FromSeconds(2));
        (await cache.ValidateTokenAsync(token, Parameters())).IsValid.ShouldBeTrue();
        _inner.Validations.ShouldBe(2);
    }

    [Fact]
    public async Task A_remembered_token_is_not_taken_past_its_expiry_and_clock_skew()
    {
        var cache = Cache(maxAgeSeconds: 3600);
        var token = TestTokens.Mint(expires: _time.GetUtcNow().UtcDateTime.AddMinutes(1));
        await cache.ValidateTokenAsync(token, Parameters());

        // exp + 5 min of skew is 6 minutes away: a hit at 5 minutes, a full validation after 6.
        _time.Advance(TimeSpan.FromMinutes(5));
        await cache.ValidateTokenAsync(token, Parameters());
        _inner.Validations.ShouldBe(1);
        _time.Advance(TimeSpan.FromMinutes(1.5));
        await cache.ValidateTokenAsync(token, Parameters());
        _inner.Validations.ShouldBe(2);
    }

    [Fact]
    public async Task A_token_whose_signing_key_is_no_longer_trusted_is_validated_again_and_refused()
    {
        var cache = Cache();
        var token = TestTokens.Mint();
        (await cache.ValidateTokenAsync(token, Parameters())).IsValid.ShouldBeTrue();

        // The metadata no longer lists the key (rotated out): the remembered validation does not count.
        var rotated = await cache.ValidateTokenAsync(token, Parameters(TestTokens.ForeignKey));
        rotated.IsValid.ShouldBeFalse();
        _inner.Validations.ShouldBe(2);
    }

    [Fact]
    public async Task Keys_from_the_configuration_manager_are_trusted_while_it_still_lists_them()
    {
        var cache = Cache();
        var token = TestTokens.Mint();
        var configuration = new Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration { Issuer = TestTokens.Issuer(TestTokens.TenantId) };
        configuration.SigningKeys.Add(TestTokens.SigningKey);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = TestTokens.Issuer(TestTokens.TenantId),
            ValidAudience = TestTokens.ClientId,
            ConfigurationManager = new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<
                Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration>(configuration),
        };

        (await cache.ValidateTokenAsync(token, parameters)).IsValid.ShouldBeTrue();
        (await cache.ValidateTokenAsync(token, parameters)).IsValid.ShouldBeTrue();
        _inner.Validations.ShouldBe(1);

        configuration.SigningKeys.Clear();
        (await cache.ValidateTokenAsync(token, parameters)).IsValid.ShouldBeFalse();
        _inner.Validations.ShouldBe(2);
    }

    [Fact]
    public async Task Max_entries_of_zero_validates_every_request()
    {
        var cache = Cache(maxEntries: 0);
        var token = TestTokens.Mint();
        await cache.ValidateTokenAsync(token, Parameters());
        await cache.ValidateTokenAsync(token, Parameters());
        _inner.Validations.ShouldBe(2);
    }

    [Fact]
    public async Task A_full_cache_keeps_working()
    {
        var cache = Cache(maxEntries: 2);
        var tokens = Enumerable.Range(0, 5).Select(i => TestTokens.Mint(objectId: $"0d4b6c2a-7e91-4f3b-8a5d-00000000000{i}")).ToList();
        foreach (var token in tokens) (await cache.ValidateTokenAsync(token, Parameters())).IsValid.ShouldBeTrue();
        foreach (var token in tokens)
        {
            var result = await cache.ValidateTokenAsync(token, Parameters());
            result.IsValid.ShouldBeTrue();
            result.ClaimsIdentity.FindFirst("oid")!.Value.ShouldBe(((JsonWebToken)result.SecurityToken).GetClaim("oid").Value);
        }
    }

    [Fact]
    public async Task The_api_wraps_its_bearer_handlers_and_serves_repeated_requests_with_one_token()
    {
        await using var factory = new TimelineApiFactory();
        var jwt = factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        jwt.TokenHandlers.ShouldNotBeEmpty();
        jwt.TokenHandlers.ShouldAllBe(h => h is CachingTokenHandler);

        using var client = factory.CreateGraphQLClient();
        for (var i = 0; i < 3; i++)
            (await client.PostAsync("{ customers(first: 1) { totalCount } }")).Status.ShouldBe(HttpStatusCode.OK);
        using var foreign = factory.CreateGraphQLClient(TestTokens.Mint(key: TestTokens.ForeignKey));
        (await foreign.PostAsync("{ customers(first: 1) { totalCount } }")).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private sealed class CountingHandler : JsonWebTokenHandler
    {
        private int _validations;

        public int Validations => _validations;

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref _validations);
            return base.ValidateTokenAsync(token, validationParameters);
        }
    }
}
