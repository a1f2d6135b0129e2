namespace CustomerTimeline.Api.Security;

/// <summary>Local tokens for development without Entra ID; refused outside the Development environment.</summary>
public sealed class DevTokenOptions
{
    public bool Enabled { get; set; }

    /// <summary>Tenant id written into dev tokens; it is accepted only while dev tokens are enabled.</summary>
    public string TenantId { get; set; } = "00000000-0000-0000-0000-00000000de00";

    /// <summary>Object id of the dev caller.</summary>
    public string ObjectId { get; set; } = "00000000-0000-0000-0000-00000000de01";

    /// <summary>Minutes a dev token stays valid, 1-1440.</summary>
    public int LifetimeMinutes { get; set; } = 60;
}
