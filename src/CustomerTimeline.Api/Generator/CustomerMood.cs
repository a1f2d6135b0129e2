namespace CustomerTimeline.Api.Generator;

/// <summary>How a customer generally feels; it steers survey scores and comments so each story stays coherent.</summary>
internal enum CustomerMood
{
    Happy,
    Neutral,
    Unhappy,
}
