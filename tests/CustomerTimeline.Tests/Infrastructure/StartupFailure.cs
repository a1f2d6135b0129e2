using Microsoft.AspNetCore.Mvc.Testing;

namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>
/// The exception of an API host that fails to start. When a host fails to start, the entry point disposes it while
/// the test server may still be reading its services; that rare ObjectDisposedException is the test host's race, not
/// the start-up failure, so the start is tried again with a fresh factory.
/// </summary>
public static class StartupFailure
{
    public static TException Of<TException>(Func<WebApplicationFactory<Program>> create) where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(create);
        for (var attempt = 1; ; attempt++)
        {
            using var factory = create();
            var error = Should.Throw<Exception>(() => factory.Server);
            if (error is ObjectDisposedException && attempt < 3) continue;
            return error.ShouldBeAssignableTo<TException>()!;
        }
    }
}
