using CustomerTimeline.Api.Connectors.Dataverse;
using CustomerTimeline.Api.Connectors.Matomo;
using CustomerTimeline.Api.Connectors.Typeform;
using CustomerTimeline.Api.Connectors.Zendesk;
using CustomerTimeline.Api.Data;
using CustomerTimeline.Api.Demo;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Sandbox;

public static partial class SandboxExtensions
{
    public const string PathPrefix = "/sandbox";

    /// <summary>
    /// Sandbox options and data; when the sandbox feeds the connectors (see <see cref="SandboxActivation"/>), the four
    /// connector sections are filled in with this app's own /sandbox/* URLs and the sandbox credentials, and the
    /// Dataverse token comes from the sandbox instead of Entra ID.
    /// </summary>
    public static WebApplicationBuilder AddSandbox(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton<SandboxActivation>();
        services.AddOptions<SandboxOptions>()
            .Bind(builder.Configuration.GetSection(SandboxOptions.Section))
            .ValidateDataAnnotations()
            .Validate<SandboxActivation>(
                (_, activation) => activation.DemoMode != DemoMode.Sandbox || !activation.DemoEnabled
                                   || (activation.IsEnabled && !activation.ConnectorsConfigured),
                "Demo:Mode is Sandbox but the sandbox cannot feed the connectors: set Sandbox:Enabled to true and leave "
                + "the Connectors:* connection keys empty, or set Demo:Mode to Direct.")
            .ValidateOnStart();
        services.TryAddSingleton<SandboxDataStore>();
        services.TryAddSingleton<DemoClock>();
        services.TryAddSingleton<SandboxFaultInjector>();

        services.AddOptions<DataverseOptions>().PostConfigure<SandboxActivation, IOptions<SandboxOptions>, DemoClock>((o, activation, sandbox, clock) =>
        {
            if (!activation.FeedsConnectors) return;
            o.BaseUrl = VendorUrl(sandbox.Value, "dataverse");
            o.TenantId = SandboxCredentials.DataverseTenantId;
            o.ClientId = SandboxCredentials.DataverseClientId;
            o.ClientSecret = SandboxCredentials.DataverseClientSecret;
            o.StartAt ??= clock.DataStart;
        });
        services.AddOptions<ZendeskOptions>().PostConfigure<SandboxActivation, IOptions<SandboxOptions>, DemoClock>((o, activation, sandbox, clock) =>
        {
            if (!activation.FeedsConnectors) return;
            o.BaseUrl = VendorUrl(sandbox.Value, "zendesk");
            o.Email = SandboxCredentials.ZendeskEmail;
            o.ApiToken = SandboxCredentials.ZendeskApiToken;
            o.StartAt ??= clock.DataStart;
        });
        services.AddOptions<MatomoOptions>().PostConfigure<SandboxActivation, IOptions<SandboxOptions>, DemoClock>((o, activation, sandbox, clock) =>
        {
            if (!activation.FeedsConnectors) return;
            o.BaseUrl = VendorUrl(sandbox.Value, "matomo");
            o.TokenAuth = SandboxCredentials.MatomoTokenAuth;
            o.SiteId = SandboxCredentials.MatomoSiteId;
            o.StartAt ??= clock.DataStart;
        });
        services.AddOptions<TypeformOptions>().PostConfigure<SandboxActivation, IOptions<SandboxOptions>, DemoClock>((o, activation, sandbox, clock) =>
        {
            if (!activation.FeedsConnectors) return;
            o.BaseUrl = VendorUrl(sandbox.Value, "typeform");
            o.PersonalAccessToken = SandboxCredentials.TypeformToken;
            if (o.Forms.Count == 0)
                foreach (var form in SandboxTypeformForm.All)
                    o.Forms.Add(new TypeformFormOptions { FormId = form.FormId, SurveyType = form.SurveyType });
            o.StartAt ??= clock.DataStart;
        });

        // Replace, not TryAdd, so the order of AddSandbox and AddConnectors does not matter.
        services.Replace(ServiceDescriptor.Singleton<IDataverseTokenProvider>(sp =>
            sp.GetRequiredService<SandboxActivation>().FeedsConnectors
                ? new SandboxDataverseTokenProvider()
                : ActivatorUtilities.CreateInstance<EntraDataverseTokenProvider>(sp)));
        return builder;
    }

    /// <summary>
    /// Maps the four emulated vendors under /sandbox/{vendor}, anonymous to the API's own authentication (each
    /// checks its vendor's credentials itself), each behind its fault injector. Off: nothing is mapped.
    /// </summary>
    public static WebApplication MapSandbox(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var activation = app.Services.GetRequiredService<SandboxActivation>();
        if (!activation.IsEnabled) return app;

        var faults = app.Services.GetRequiredService<SandboxFaultInjector>();
        var sandbox = app.MapGroup(PathPrefix).AllowAnonymous().ExcludeFromDescription();
        Vendor(sandbox, "dataverse", EventSource.Dataverse, faults, SandboxDataverseApi.Map);
        Vendor(sandbox, "zendesk", EventSource.Zendesk, faults, SandboxZendeskApi.Map);
        Vendor(sandbox, "matomo", EventSource.Matomo, faults, SandboxMatomoApi.Map);
        Vendor(sandbox, "typeform", EventSource.Typeform, faults, SandboxTypeformApi.Map);

        var o = app.Services.GetRequiredService<IOptions<SandboxOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CustomerTimeline.Api.Sandbox");
        var root = o.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + PathPrefix;
        if (activation.FeedsConnectors) LogFeeding(logger, root);
        else LogServing(logger, PathPrefix);
        return app;
    }

    private static void Vendor(RouteGroupBuilder sandbox, string name, EventSource vendor, SandboxFaultInjector faults, Action<RouteGroupBuilder> map)
    {
        var group = sandbox.MapGroup("/" + name);
        group.AddEndpointFilter((context, next) => faults.InvokeAsync(vendor, context, next));
        map(group);
    }

    private static Uri VendorUrl(SandboxOptions o, string vendor) =>
        new(o.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + PathPrefix + "/" + vendor);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sandbox: the four connectors read the emulated Dataverse, Zendesk, Matomo and Typeform at {BaseUrl}/*")]
    private static partial void LogFeeding(ILogger logger, string baseUrl);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sandbox: emulated vendors served under {Prefix}/*; the connectors use their own configuration")]
    private static partial void LogServing(ILogger logger, string prefix);
}
