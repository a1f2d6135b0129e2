using CustomerTimeline.Api.Security;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.IdentityModel.Abstractions;
using Microsoft.IdentityModel.LoggingExtensions;

namespace CustomerTimeline.Tests.Security;

/// <summary>
/// IdentityModel logs every token it refuses as an error; a refusal the caller's token caused is written at
/// Information, and what the API's own configuration causes keeps its level. The messages are IdentityModel's own, as
/// it writes them with personal data hidden.
/// </summary>
public sealed class IdentityModelLoggerTests
{
    [Theory]
    [InlineData("Microsoft.IdentityModel Version: 8.23.0.0. Date 12/03/2026 09:03:06. PII logging is OFF.\nIDX14100: JWT is not well formed, there are no dots (.).", true)]
    [InlineData("Message: IDX14102: Unable to decode the header '[PII of type 'Microsoft.IdentityModel.Logging.SecurityArtifact' is hidden.]' as Base64Url encoded string.", true)]
    [InlineData("IDX10400: Unable to decode: '[PII of type 'System.String' is hidden.]' as Base64url encoded string.", true)]
    [InlineData("IDX10511: Signature validation failed. Keys tried: 'Microsoft.IdentityModel.Tokens.RsaSecurityKey, KeyId: 'dev-1'.", true)]
    [InlineData("IDX10504: Unable to validate signature, token does not have a signature: '[PII is hidden]'.", true)]
    [InlineData("IDX10223: Lifetime validation failed. The token is expired.", true)]
    [InlineData("IDX10214: Audience validation failed. Audiences: '[PII is hidden]'.", true)]
    [InlineData("IDX10634: Unable to create the SignatureProvider. Algorithm: 'HS256' is not supported.", true)]
    [InlineData("IDX10500: Signature validation failed. No security keys were provided to validate the signature.", false)]
    [InlineData("IDX10204: Unable to validate issuer. validationParameters.ValidIssuer is null or whitespace AND validationParameters.ValidIssuers is null or empty.", false)]
    [InlineData("IDX10208: Unable to validate audience. validationParameters.ValidAudience is null or whitespace and validationParameters.ValidAudiences is null.", false)]
    [InlineData("IDX10205: Issuer validation failed. Issuer: '[PII is hidden]'. Did not match: validationParameters.ValidIssuer.", true)]
    [InlineData("IDX20803: Unable to obtain configuration from: '[PII is hidden]'.", false)]
    [InlineData("IDX10108: The address specified is not valid as per HTTPS scheme.", false)]
    [InlineData("No IdentityModel code at all, IDX1 or IDX123456 neither.", false)]
    public void A_refusal_caused_by_the_token_is_told_from_the_APIs_own_errors(string message, bool causedByTheToken) =>
        IdentityModelLogger.CausedByTheToken(message).ShouldBe(causedByTheToken);

    [Fact]
    public void Through_IdentityModels_adapter_a_refused_token_is_information_and_a_configuration_error_stays_an_error()
    {
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Trace));
        var adapter = new IdentityLoggerAdapter(new IdentityModelLogger(factory));

        adapter.Log(new LogEntry { EventLogLevel = EventLogLevel.Error, Message = "IDX14100: JWT is not well formed, there are no dots (.)." });
        adapter.Log(new LogEntry { EventLogLevel = EventLogLevel.Warning, Message = "IDX10223: Lifetime validation failed. The token is expired." });
        adapter.Log(new LogEntry { EventLogLevel = EventLogLevel.Error, Message = "IDX20803: Unable to obtain configuration from: '[PII is hidden]'." });
        adapter.Log(new LogEntry { EventLogLevel = EventLogLevel.Verbose, Message = "IDX10243: Reading issuer signing keys from validation parameters." });

        var records = collector.GetSnapshot();
        records.Select(r => (r.Level, r.Message[..8])).ShouldBe(
        [
            (LogLevel.Information, "IDX14100"),
            (LogLevel.Information, "IDX10223"),
            (LogLevel.Error, "IDX20803"),
            (LogLevel.Debug, "IDX10243"),
        ]);
        records.ShouldAllBe(r => r.Category == typeof(IdentityLoggerAdapter).FullName);
    }

    [Fact]
    public async Task The_API_hands_IdentityModel_this_logger()
    {
        await using var factory = new TimelineApiFactory();
        factory.Services.GetRequiredService<ILogger<IdentityLoggerAdapter>>().ShouldBeOfType<IdentityModelLogger>();
    }
}
