namespace CustomerTimeline.Api.Journey;

/// <summary>How fast this customer reached a stage compared with every customer who reached it.</summary>
public sealed record StageComparison(double DaysToReach, double? MedianDaysToReach, int CustomersReached, double SlowerThanShare, double FasterThanShare, string Summary);
