using CustomerTimeline.Api.Sandbox;

namespace CustomerTimeline.Tests.Sandbox;

public sealed class SandboxOptionsTests
{
    [Fact]
    public void Faults_are_deterministic_by_request_number()
    {
        var o = new SandboxFaultOptions { RateLimitEvery = 5, RateLimitBurst = 2, ServerErrorEvery = 7, MalformedEvery = 9, SlowEvery = 4 };
        var faults = Enumerable.Range(1, 10).Select(n => o.For(n)).ToList();
        faults.ShouldBe([
            SandboxFault.None, SandboxFault.None, SandboxFault.None, SandboxFault.RateLimit, SandboxFault.RateLimit,
            SandboxFault.None, SandboxFault.ServerError, SandboxFault.Slow, SandboxFault.RateLimit, SandboxFault.RateLimit,
        ]);
    }

    [Fact]
    public void Invalid_options_are_refused_with_messages_naming_the_keys()
    {
        var o = new SandboxOptions { BaseUrl = new Uri("ftp://localhost:5080") };
        o.Faults.Zendesk.RateLimitEvery = 3;
        o.Faults.Zendesk.RateLimitBurst = 3;
        o.Faults.Matomo.ServerErrorStatus = 429;

        var messages = o.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(o)).Select(r => r.ErrorMessage).ToList();

        messages.ShouldContain(m => m!.StartsWith("Sandbox:BaseUrl ", StringComparison.Ordinal));
        messages.ShouldContain(m => m!.StartsWith("Sandbox:Faults:Zendesk:RateLimitBurst ", StringComparison.Ordinal));
        messages.ShouldContain(m => m!.StartsWith("Sandbox:Faults:Matomo:ServerErrorStatus ", StringComparison.Ordinal));
        messages.Count.ShouldBe(3);
    }
}
