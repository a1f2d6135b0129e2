namespace CustomerTimeline.Api.Journey;

/// <summary>Checks a journey map before it is stored; every message names the stage, touchpoint or rule at fault.</summary>
public static class JourneyMapValidator
{
    private static readonly System.Text.RegularExpressions.Regex KeyPattern = new("^[a-z0-9][a-z0-9-]{0,63}$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static IReadOnlyList<string> Validate(JourneyMapDefinition map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(map.Name)) errors.Add("The map needs a name.");
        if (map.Stages is not { Count: > 0 }) errors.Add("The map needs at least one stage.");
        if (map.Touchpoints is null) errors.Add("The map needs a touchpoints list.");
        if (map.Rules is null) errors.Add("The map needs a rules list.");
        if (errors.Count > 0) return errors;

        var stages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (stage, i) in map.Stages.Select((s, i) => (s, i)))
        {
            if (stage.Key is null || !KeyPattern.IsMatch(stage.Key))
                errors.Add($"Stage #{i + 1} has an invalid key '{stage.Key}' (lower-case letters, digits and dashes).");
            else if (!stages.Add(stage.Key))
                errors.Add($"Stage '{stage.Key}' is declared twice.");
            if (string.IsNullOrWhiteSpace(stage.Name)) errors.Add($"Stage '{stage.Key}' needs a name.");
        }

        var touchpoints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (tp, i) in (map.Touchpoints ?? []).Select((t, i) => (t, i)))
        {
            if (tp.Key is null || !KeyPattern.IsMatch(tp.Key))
                errors.Add($"Touchpoint #{i + 1} has an invalid key '{tp.Key}'.");
            else if (!touchpoints.Add(tp.Key))
                errors.Add($"Touchpoint '{tp.Key}' is declared twice.");
            if (!stages.Contains(tp.Stage ?? ""))
                errors.Add($"Touchpoint '{tp.Key}' names unknown stage '{tp.Stage}'.");
            if (string.IsNullOrWhiteSpace(tp.Name)) errors.Add($"Touchpoint '{tp.Key}' needs a name.");
        }

        var ruleIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rule, i) in (map.Rules ?? []).Select((r, i) => (r, i)))
        {
            var name = rule.Id is null ? $"Rule #{i + 1}" : $"Rule '{rule.Id}' (#{i + 1})";
            if (rule.Id is not null && !ruleIds.Add(rule.Id)) errors.Add($"{name}: the id is used twice.");
            if (!touchpoints.Contains(rule.Touchpoint ?? ""))
                errors.Add($"{name}: unknown touchpoint '{rule.Touchpoint}'.");
            var w = rule.When;
            if (w is null)
            {
                errors.Add($"{name}: 'when' is required (use {{}} to match every event).");
                continue;
            }
            if (w.ScoreMin > w.ScoreMax) errors.Add($"{name}: scoreMin {w.ScoreMin} is above scoreMax {w.ScoreMax}.");
            if (w.MinDaysSincePurchase > w.MaxDaysSincePurchase)
                errors.Add($"{name}: minDaysSincePurchase is above maxDaysSincePurchase.");
            if (w.MinDaysSincePurchase < 0 || w.MaxDaysSincePurchase < 0)
                errors.Add($"{name}: days since purchase cannot be negative.");
            foreach (var pattern in w.UrlPatterns ?? [])
            {
                if (string.IsNullOrWhiteSpace(pattern) || pattern.Length > 200)
                    errors.Add($"{name}: url pattern '{pattern}' must be 1-200 characters.");
            }
            foreach (var list in new[] { w.ReferrerTypes, w.Goals, w.TicketTags, w.TicketTypes, w.SurveyTypes, w.ActivityTypes, w.SubjectContains, w.LifecycleStages })
            {
                if (list is not null && list.Any(string.IsNullOrWhiteSpace))
                    errors.Add($"{name}: condition lists cannot contain empty values.");
            }
            if (w.DependsOnPurchase && !(map.Touchpoints ?? []).Any(t => t.Stage == "purchase"))
                errors.Add($"{name}: days-since-purchase conditions need a stage with key 'purchase'.");
        }
        return errors;
    }
}
