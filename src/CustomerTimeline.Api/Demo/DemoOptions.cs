using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Fill an empty database with the generated demo dataset at start. Defaults to on in Development.</summary>
    public bool? Enabled { get; set; }

    [Range(10, 5_000_000, ErrorMessage = "Demo:Events must be between 10 and 5,000,000.")]
    public int Events { get; set; } = 20_000;

    public int Seed { get; set; } = 42;
}
