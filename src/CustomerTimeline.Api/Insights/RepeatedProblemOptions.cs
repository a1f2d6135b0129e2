namespace CustomerTimeline.Api.Insights;

public sealed class RepeatedProblemOptions
{
    /// <summary>Contacts about one problem (ticket tag) within <see cref="WindowDays"/> that make it "repeated".</summary>
    public int MinContacts { get; set; } = 3;
    public double WindowDays { get; set; } = 7;
}
