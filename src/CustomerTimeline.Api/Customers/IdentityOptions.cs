using System.ComponentModel.DataAnnotations;

namespace CustomerTimeline.Api.Customers;

public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>ISO 3166 region used to read phone numbers written without a country code.</summary>
    [Required, RegularExpression("^[A-Z]{2}$", ErrorMessage = "Identity:DefaultRegion must be a two-letter ISO region such as US or FR.")]
    public string DefaultRegion { get; set; } = "US";
}
