namespace CustomerTimeline.Tests.Widget;

/// <summary>
/// A test that drives Debian's Chromium. Skipped, saying why, only when no Chromium binary exists:
/// Playwright's own browser download cannot work offline, so the system package is the browser.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool Available => File.Exists(ExecutablePath);

    public ChromiumFactAttribute()
    {
        if (!Available)
            Skip = $"No Chromium at {ExecutablePath}: install Debian's chromium package (apt-get install -y chromium; .ci/run does it) to run the browser tests.";
    }
}
