namespace CustomerTimeline.Api.Journey;

/// <summary>
/// A journey dashboard's request: the active map's stages with their global stats. The start-up warm-up runs it once
/// the stats computed at start-up are in, and the bench measures it.
/// </summary>
public static class JourneyStatsQuery
{
    public const string Document = """
        query JourneyStats {
          journeyMap {
            version
            statsComputedAt
            totalCustomers
            stages {
              key name
              stats {
                customersReached share dropOffFromPrevious medianDaysToReach averageSentiment events negativeEvents
                channelPreference { channel events share }
              }
            }
          }
        }
        """;
}
