namespace CustomerTimeline.Api.Security;

/// <summary>Scope / app-role names, one per <see cref="Access"/>.</summary>
public sealed class PermissionNames
{
    public string Read { get; set; } = "";
    public string Write { get; set; } = "";
    public string PiiRead { get; set; } = "";
    public string PrivacyManage { get; set; } = "";
}
