using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Insights;

/// <summary>Refuses to start with automation rules that do not load; the failure lists each rule at fault.</summary>
public sealed class AutomationOptionsValidator : IValidateOptions<AutomationOptions>
{
    public ValidateOptionsResult Validate(string? name, AutomationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = AutomationRuleSet.Load(options).Errors;
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
