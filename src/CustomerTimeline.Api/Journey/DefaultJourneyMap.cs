namespace CustomerTimeline.Api.Journey;

/// <summary>The map shipped in schema/journey-map.json, embedded in the assembly.</summary>
public static class DefaultJourneyMap
{
    private static readonly Lazy<string> JsonText = new(() =>
    {
        using var stream = typeof(DefaultJourneyMap).Assembly.GetManifestResourceStream("journey-map.json")
            ?? throw new InvalidOperationException("The default journey map is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Json => JsonText.Value;

    public static JourneyMapDefinition Load() => JourneyMapDefinition.Parse(Json);
}
