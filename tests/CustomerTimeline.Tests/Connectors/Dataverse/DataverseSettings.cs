using CustomerTimeline.Api.Connectors.Dataverse;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerTimeline.Tests.Connectors.Dataverse;

internal static class DataverseSettings
{
    public const string Token = "fake-dataverse-token";

    public static Dictionary<string, string?> For(string baseUrl) => new(ConnectorTestHost.TestResilience(DataverseOptions.Section))
    {
        [$"{DataverseOptions.Section}:BaseUrl"] = baseUrl,
        [$"{DataverseOptions.Section}:TenantId"] = "00000000-0000-0000-0000-0000000000aa",
        [$"{DataverseOptions.Section}:ClientId"] = "00000000-0000-0000-0000-0000000000bb",
        [$"{DataverseOptions.Section}:ClientSecret"] = "not-used-by-the-fake-token-provider",
        [$"{DataverseOptions.Section}:PageSize"] = "2",
        [$"{DataverseOptions.Section}:StartAt"] = "2024-05-01T00:00:00Z",
    };

    /// <summary>Replaces Entra ID token acquisition with a fixed token.</summary>
    public static void FakeToken(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IDataverseTokenProvider>(new FakeTokenProvider()));

    private sealed class FakeTokenProvider : IDataverseTokenProvider
    {
        public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult(Token);
    }
}
