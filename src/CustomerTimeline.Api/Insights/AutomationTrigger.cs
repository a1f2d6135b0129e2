namespace CustomerTimeline.Api.Insights;

/// <summary>What an automation rule watches for.</summary>
public enum AutomationTrigger
{
    /// <summary>The latest answer of the given survey types (within withinDays) scores in [scoreMin, scoreMax].</summary>
    SurveyScore,
    /// <summary>A repeated-problem episode (Experience:RepeatedProblem) ended within withinDays.</summary>
    RepeatedProblem,
    /// <summary>The current stage (one of stages) was reached more than days (or stageDays[stage]) ago.</summary>
    Stall,
    /// <summary>A ticket was solved within withinDays, no survey answer since, and the fatigue limit allows one.</summary>
    SurveyDue,
    /// <summary>An urgent event carrying one of intents within withinDays.</summary>
    Intent,
}
