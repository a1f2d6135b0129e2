namespace CustomerTimeline.Api.Insights;

/// <summary>Bound from "Automation". Without RulesFile the rules shipped in schema/automation-rules.json apply.</summary>
public sealed class AutomationOptions
{
    public const string Section = "Automation";

    /// <summary>Path of a JSON file in the automation-rules.json format that replaces the default rules.</summary>
    public string? RulesFile { get; set; }
}
