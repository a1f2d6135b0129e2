namespace CustomerTimeline.Api.Generator;

/// <summary>The same pool of content in English and French; French customers get French text.</summary>
internal sealed record Localized<T>(IReadOnlyList<T> En, IReadOnlyList<T> Fr)
{
    public IReadOnlyList<T> For(string language) => language == "fr" ? Fr : En;

    public T Pick(DeterministicRandom rng, string language) => rng.Pick(For(language));
}
