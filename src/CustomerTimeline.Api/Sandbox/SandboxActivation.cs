using CustomerTimeline.Api.Connectors.Dataverse;
using CustomerTimeline.Api.Connectors.Matomo;
using CustomerTimeline.Api.Connectors.Typeform;
using CustomerTimeline.Api.Connectors.Zendesk;
using CustomerTimeline.Api.Demo;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>
/// Decides, from raw configuration, whether the sandbox is served and whether it feeds the connectors. Raw, not
/// IOptions: the connectors' and the demo's options are post-configured and validated from this answer.
/// </summary>
public sealed class SandboxActivation(IConfiguration configuration, IHostEnvironment environment)
{
    private readonly Lazy<bool> _connectorsConfigured = new(() =>
        (configuration.GetSection(DataverseOptions.Section).Get<DataverseOptions>()?.IsConfigured ?? false)
        || (configuration.GetSection(ZendeskOptions.Section).Get<ZendeskOptions>()?.IsConfigured ?? false)
        || (configuration.GetSection(MatomoOptions.Section).Get<MatomoOptions>()?.IsConfigured ?? false)
        || (configuration.GetSection(TypeformOptions.Section).Get<TypeformOptions>()?.IsConfigured ?? false));

    /// <summary>Sandbox:Enabled, default on in Development.</summary>
    public bool IsEnabled => configuration.GetValue<bool?>($"{SandboxOptions.Section}:Enabled") ?? environment.IsDevelopment();

    /// <summary>Any connection key under Connectors:* (tuning keys such as PageSize or Resilience do not count).</summary>
    public bool ConnectorsConfigured => _connectorsConfigured.Value;

    /// <summary>Demo:Enabled, default on in Development.</summary>
    public bool DemoEnabled => configuration.GetValue<bool?>($"{DemoOptions.Section}:Enabled") ?? environment.IsDevelopment();

    /// <summary>Demo:Mode, default Sandbox when the sandbox can feed the connectors, else Direct.</summary>
    public DemoMode DemoMode =>
        configuration.GetValue<DemoMode?>($"{DemoOptions.Section}:Mode") ?? (IsEnabled && !ConnectorsConfigured ? DemoMode.Sandbox : DemoMode.Direct);

    /// <summary>
    /// The connectors point at this app's sandbox: sandbox on, no real source configured (never mixes real and
    /// generated people), demo data wanted, and through the sandbox.
    /// </summary>
    public bool FeedsConnectors => IsEnabled && !ConnectorsConfigured && DemoEnabled && DemoMode == DemoMode.Sandbox;
}
