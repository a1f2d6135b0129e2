namespace CustomerTimeline.Api.Insights;

/// <summary>
/// Where an incremental refresh's window starts: for every event, for survey answers (they count for a year, the
/// rest for weeks), and for the solved time of a ticket opened before it.
/// </summary>
internal readonly record struct RecentWindow(DateTimeOffset From, DateTimeOffset SurveysFrom, DateTimeOffset SolvedFrom);
