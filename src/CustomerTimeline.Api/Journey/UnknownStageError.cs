using System.Globalization;
using CustomerTimeline.Api.GraphQLServer;

namespace CustomerTimeline.Api.Journey;

/// <summary>
/// A filter naming a stage the active journey map does not have (a typo, a stage of an older map): it would match
/// nothing and answer an empty page that looks like "none there", so it is refused naming the stages there are.
/// </summary>
public static class UnknownStageError
{
    /// <param name="said">How the message names the argument: "'filter.stage' is", "'filter.stages' holds".</param>
    public static UserInputError Of(string said, string key, IReadOnlyDictionary<string, int> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        return new UserInputError(string.Create(CultureInfo.InvariantCulture,
            $"{said} '{UserInputError.Excerpt(key)}', which is no stage of the active journey map: one of {string.Join(", ", stages.OrderBy(stage => stage.Value).Select(stage => stage.Key))}."));
    }
}
