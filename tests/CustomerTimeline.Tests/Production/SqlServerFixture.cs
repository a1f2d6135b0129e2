using CustomerTimeline.Tests.Infrastructure;
using Testcontainers.MsSql;

namespace CustomerTimeline.Tests.Production;

/// <summary>A real SQL Server in a container, with the API migrated onto it and the sample data loaded.</summary>
public sealed class SqlServerFixture : IAsyncLifetime
{
    private MsSqlContainer? _container;

    public SqlServerApiFactory? Factory { get; private set; }

    public async Task InitializeAsync()
    {
        if (new SqlServerFactAttribute().Skip is not null) return;
        _container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04").Build();
        await _container.StartAsync();
        Factory = new SqlServerApiFactory(_container.GetConnectionString());
        await Factory.SeedAsync(SampleData.SeedAsync);
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        if (_container is not null) await _container.DisposeAsync();
    }

    public sealed class SqlServerApiFactory(string connectionString) : TimelineApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["Database:ConnectionString"] = connectionString,
            ["Database:MigrateOnStartup"] = "true",
        };
    }
}
