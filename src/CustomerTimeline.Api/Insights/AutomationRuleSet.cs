using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Api.Insights;

/// <summary>The validated automation rules, loaded once at start.</summary>
public sealed class AutomationRuleSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public AutomationRuleSet(IOptions<AutomationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (rules, errors) = Load(options.Value);
        if (errors.Count > 0) throw new OptionsValidationException(AutomationOptions.Section, typeof(AutomationOptions), errors);
        Rules = rules;
        SignalKinds = [.. rules.Select(r => r.Signal).Distinct(StringComparer.Ordinal)];
    }

    public IReadOnlyList<AutomationRule> Rules { get; }

    /// <summary>The kinds of signal the rules raise (Signal.kind), each once, in the rules' order.</summary>
    public IReadOnlyList<string> SignalKinds { get; }

    public static (IReadOnlyList<AutomationRule> Rules, IReadOnlyList<string> Errors) Load(AutomationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string text;
        if (string.IsNullOrWhiteSpace(options.RulesFile))
        {
            using var stream = typeof(AutomationRuleSet).Assembly.GetManifestResourceStream("automation-rules.json")
                ?? throw new InvalidOperationException("The default automation rules are not embedded.");
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        else if (!File.Exists(options.RulesFile))
        {
            return ([], [$"Automation:RulesFile '{options.RulesFile}' does not exist."]);
        }
        else
        {
            text = File.ReadAllText(options.RulesFile);
        }
        return Parse(text);
    }

    public static (IReadOnlyList<AutomationRule> Rules, IReadOnlyList<string> Errors) Parse(string json)
    {
        AutomationRuleFile? file;
        try
        {
            file = JsonSerializer.Deserialize<AutomationRuleFile>(json, Json);
        }
        catch (JsonException e)
        {
            return ([], [$"Automation rules are not valid JSON at {e.Path ?? "$"}: {e.Message}"]);
        }
        var rules = file?.Rules ?? [];
        return (rules, Validate(rules));
    }

    public static IReadOnlyList<string> Validate(IReadOnlyList<AutomationRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rule, i) in rules.Select((r, i) => (r, i)))
        {
            var name = string.IsNullOrWhiteSpace(rule.Id) ? $"Automation rule #{i + 1}" : $"Automation rule '{rule.Id}'";
            if (string.IsNullOrWhiteSpace(rule.Id) || rule.Id.Length > 64) errors.Add($"{name}: 'id' must be 1-64 characters.");
            else if (!ids.Add(rule.Id)) errors.Add($"{name}: the id is used twice.");
            if (string.IsNullOrWhiteSpace(rule.Signal) || rule.Signal.Length > 64) errors.Add($"{name}: 'signal' must be 1-64 characters.");
            if (string.IsNullOrWhiteSpace(rule.Reason)) errors.Add($"{name}: 'reason' is required.");
            if (rule.Action is { } a && (string.IsNullOrWhiteSpace(a.Kind) || string.IsNullOrWhiteSpace(a.Title) || a.Priority < 1))
                errors.Add($"{name}: an action needs a kind, a title and a priority >= 1.");
            if (rule.WithinDays is <= 0) errors.Add($"{name}: 'withinDays' must be above 0.");
            switch (rule.Trigger)
            {
                case AutomationTrigger.SurveyScore:
                    if (rule.SurveyTypes is not { Count: > 0 }) errors.Add($"{name}: SurveyScore needs 'surveyTypes'.");
                    if (rule.ScoreMin is null && rule.ScoreMax is null) errors.Add($"{name}: SurveyScore needs 'scoreMin' or 'scoreMax'.");
                    if (rule.ScoreMin > rule.ScoreMax) errors.Add($"{name}: 'scoreMin' is above 'scoreMax'.");
                    break;
                case AutomationTrigger.Stall:
                    if (rule.Days is null or <= 0) errors.Add($"{name}: Stall needs 'days' above 0.");
                    if (rule.StageDays is not null && rule.StageDays.Values.Any(d => d <= 0)) errors.Add($"{name}: 'stageDays' values must be above 0.");
                    break;
                case AutomationTrigger.SurveyDue:
                    if (rule.WithinDays is null) errors.Add($"{name}: SurveyDue needs 'withinDays'.");
                    if (rule.FatigueDays is null or <= 0 || rule.FatigueMax is null or <= 0)
                        errors.Add($"{name}: SurveyDue needs 'fatigueDays' and 'fatigueMax' above 0.");
                    break;
                case AutomationTrigger.Intent:
                    if (rule.Intents is not { Count: > 0 }) errors.Add($"{name}: Intent needs 'intents'.");
                    break;
                case AutomationTrigger.RepeatedProblem:
                    break;
                default:
                    errors.Add($"{name}: unknown trigger '{rule.Trigger}'.");
                    break;
            }
        }
        return errors;
    }
}
