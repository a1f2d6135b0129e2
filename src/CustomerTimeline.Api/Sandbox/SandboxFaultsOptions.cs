using System.ComponentModel.DataAnnotations;
using CustomerTimeline.Api.Data;

namespace CustomerTimeline.Api.Sandbox;

/// <summary>Section <c>Sandbox:Faults</c>: what each emulated vendor does wrong, on purpose.</summary>
public sealed class SandboxFaultsOptions
{
    public SandboxFaultOptions Dataverse { get; set; } = new();

    public SandboxFaultOptions Zendesk { get; set; } = new();

    public SandboxFaultOptions Matomo { get; set; } = new();

    public SandboxFaultOptions Typeform { get; set; } = new();

    public SandboxFaultOptions For(EventSource vendor) => vendor switch
    {
        EventSource.Dataverse => Dataverse,
        EventSource.Zendesk => Zendesk,
        EventSource.Matomo => Matomo,
        _ => Typeform,
    };

    public IEnumerable<ValidationResult> Validate(string section) =>
        Dataverse.Validate($"{section}:Dataverse")
            .Concat(Zendesk.Validate($"{section}:Zendesk"))
            .Concat(Matomo.Validate($"{section}:Matomo"))
            .Concat(Typeform.Validate($"{section}:Typeform"));
}
