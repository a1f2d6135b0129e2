namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>The API in a chosen environment with extra settings, for tests of configuration-driven behaviour.</summary>
public sealed class ConfiguredApiFactory(
    string environment, IDictionary<string, string?>? settings = null, bool useTestSigningKey = true) : TimelineApiFactory
{
    protected override string EnvironmentName => environment;

    protected override bool UseTestSigningKey => useTestSigningKey;

    protected override IDictionary<string, string?> Settings => settings ?? new Dictionary<string, string?>();
}
