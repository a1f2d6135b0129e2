namespace CustomerTimeline.Tests.Connectors;

/// <summary>Vendor payloads modelled on the vendors' documented sample responses (Connectors/Samples/*.json).</summary>
public static class Samples
{
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Connectors", "Samples", name));
}
