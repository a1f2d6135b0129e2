namespace CustomerTimeline.Tests.Infrastructure;

/// <summary>One API with <see cref="SampleData"/> loaded, shared by read-only tests.</summary>
public sealed class SampleApiFixture : IAsyncLifetime
{
    public TimelineApiFactory Factory { get; } = new();
    public GraphQLClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Factory.SeedAsync(SampleData.SeedAsync);
        Client = Factory.CreateGraphQLClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
