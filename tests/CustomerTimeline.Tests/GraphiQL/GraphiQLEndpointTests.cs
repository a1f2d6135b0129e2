using System.Net;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Shouldly;
using Xunit;

namespace CustomerTimeline.Tests.GraphiQL;

/// <summary>GraphiQL's page and the four npm assets it loads, served from the packages the build restored.</summary>
public sealed class GraphiQLEndpointTests
{
    [Theory]
    [InlineData("react.js", "text/javascript", "react/umd/react.production.min.js")]
    [InlineData("react-dom.js", "text/javascript", "react-dom/umd/react-dom.production.min.js")]
    [InlineData("graphiql.js", "text/javascript", "graphiql/graphiql.min.js")]
    [InlineData("graphiql.css", "text/css", "graphiql/graphiql.min.css")]
    public async Task The_page_and_its_assets_are_served_from_the_restored_packages(string name, string contentType, string file)
    {
        await using var factory = new ConfiguredApiFactory("Development", new Dictionary<string, string?> { ["GraphQL:EnableGraphiQL"] = "true" });
        using var http = factory.CreateClient();

        (await http.GetStringAsync("/graphiql")).ShouldContain($"/graphiql/assets/{name}");
        using var asset = await http.GetAsync($"/graphiql/assets/{name}");

        asset.StatusCode.ShouldBe(HttpStatusCode.OK);
        asset.Content.Headers.ContentType!.MediaType.ShouldBe(contentType);
        var bytes = await asset.Content.ReadAsByteArrayAsync();
        bytes.ShouldBe(await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Root, "src", "CustomerTimeline.Api", "ClientApp", "node_modules", file)));
    }

    [Theory]
    [InlineData("package.json")]
    [InlineData("..%2Fpackage.json")]
    [InlineData("graphiql.min.js")]
    public async Task Nothing_else_in_node_modules_is_served(string name)
    {
        await using var factory = new ConfiguredApiFactory("Development", new Dictionary<string, string?> { ["GraphQL:EnableGraphiQL"] = "true" });
        using var http = factory.CreateClient();

        using var response = await http.GetAsync($"/graphiql/assets/{name}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_the_packages_the_api_starts_and_the_assets_say_what_to_run()
    {
        // The API's content as deployed by a build that had no npm: its settings, no ClientApp/node_modules.
        var contentRoot = Directory.CreateTempSubdirectory("ct-no-node-modules-").FullName;
        foreach (var settings in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "CustomerTimeline.Api"), "appsettings*.json"))
            File.Copy(settings, Path.Combine(contentRoot, Path.GetFileName(settings)));
        try
        {
            await using var factory = new ConfiguredApiFactory("Development", new Dictionary<string, string?> { ["GraphQL:EnableGraphiQL"] = "true" });
            using var http = factory.WithWebHostBuilder(b => b.UseContentRoot(contentRoot)).CreateClient();

            (await http.GetAsync("/graphiql")).StatusCode.ShouldBe(HttpStatusCode.OK);
            using var asset = await http.GetAsync("/graphiql/assets/graphiql.js");

            asset.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await asset.Content.ReadAsStringAsync()).ShouldContain("npm ci");
        }
        finally
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    [Fact]
    public async Task Off_in_production_by_default()
    {
        await using var factory = new ConfiguredApiFactory("Production");
        using var http = factory.CreateClient();

        (await http.GetAsync("/graphiql")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("/graphiql/assets/graphiql.js")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
