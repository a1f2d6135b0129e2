namespace CustomerTimeline.Tests.Widget;

/// <summary>
/// A test that drives Debian's Chromium. Skipped, saying why, only when no Chromium binary exists:
/// Playwright's own browser download cannot work offline, so the system package is the browser.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Debian's chromium; CHROMIUM_PATH overrides it (e.g. /usr/bin/google-chrome on a hosted Ubuntu agent).</summary>
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool Available => File.Exists(ExecutablePath);

    public ChromiumFactAttribute()
    {
        if (!Available)
            Skip = $"No Chromium at {ExecutablePath}: install Debian's chromium package (apt-get install -y chromium; .ci/run does it) to run the browser tests.";
    }
}
