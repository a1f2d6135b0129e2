using System.Net;
using CustomerTimeline.Api.Widget;
using CustomerTimeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace CustomerTimeline.Tests.Widget;

/// <summary>What the widget's endpoints answer over HTTP: assets, the iframe page's headers, CORS, configuration.</summary>
public sealed class WidgetEndpointTests(WidgetEndpointTests.Api api) : IClassFixture<WidgetEndpointTests.Api>
{
    public sealed class Api : TimelineApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Widget:AllowedOrigins:0"] = "https://crm.example.com",
            ["Widget:AllowedOrigins:1"] = "https://contoso.crm4.dynamics.com",
        };
    }

    [Fact]
    public async Task The_component_script_is_served_as_a_cross_origin_module_with_an_etag()
    {
        using var http = api.CreateClient();
        using var response = await http.GetAsync("/widget/customer-timeline.js");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["*"]);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("customElements.define('customer-timeline'");
        body.ShouldNotContain("import "); // dependency-free: nothing to fetch from anywhere else

        using var again = new HttpRequestMessage(HttpMethod.Get, "/widget/customer-timeline.js");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await http.SendAsync(again);
        revalidated.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task The_iframe_page_allows_only_its_own_scripts_and_the_configured_frame_ancestors()
    {
        using var http = api.CreateClient();
        using var response = await http.GetAsync("/embed/timeline?customerId=Q3VzdG9tZXI6MQ");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("frame-ancestors 'self' https://crm.example.com https://contoso.crm4.dynamics.com");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("content=\"https://crm.example.com https://contoso.crm4.dynamics.com\"");
        html.ShouldContain("customer-id=\"Q3VzdG9tZXI6MQ\"");
        html.ShouldNotContain("<script>"); // no inline script: the CSP would refuse it
    }

    [Fact]
    public async Task The_iframe_page_encodes_the_customer_id()
    {
        using var http = api.CreateClient();
        var html = await http.GetStringAsync("/embed/timeline?customerId=" + Uri.EscapeDataString("\"><script>alert(1)</script>"));
        html.ShouldNotContain("<script>alert(1)");
        html.ShouldContain("&quot;&gt;&lt;script&gt;");
    }

    [Theory]
    [InlineData("source=DATAVERSE&externalId=7D3A0C4E-5B6F-4A1D-9E2C-00000000A9A9", "source=\"DATAVERSE\" external-id=\"7D3A0C4E-5B6F-4A1D-9E2C-00000000A9A9\"")]
    [InlineData("source=zendesk&externalId=381255001", "source=\"ZENDESK\" external-id=\"381255001\"")]
    [InlineData("source=MATOMO&externalId=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", "source=\"MATOMO\" external-id=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"")]
    public async Task The_iframe_page_takes_the_record_id_a_source_knows_the_customer_by(string query, string attributes)
    {
        using var http = api.CreateClient();
        var html = await http.GetStringAsync("/embed/timeline?" + query);
        html.ShouldContain($"<customer-timeline {attributes} wait-for-token>");
        html.ShouldNotContain("customer-id=");
        html.ShouldNotContain("<script>alert(1)");
    }

    [Theory]
    [InlineData("/embed/timeline?customerId=Q3VzdG9tZXI6MQ&token=abc")]
    [InlineData("/embed/timeline?customerId=Q3VzdG9tZXI6MQ&access_token=abc")]
    [InlineData("/embed/timeline")]
    [InlineData("/embed/timeline?source=ZENDESK")]
    [InlineData("/embed/timeline?externalId=abc")]
    [InlineData("/embed/timeline?source=SALESFORCE&externalId=abc")]
    [InlineData("/embed/timeline?source=1&externalId=abc")]
    [InlineData("/embed/timeline?source=DATAVERSE,ZENDESK&externalId=abc")]
    [InlineData("/embed/timeline?source=%20ZENDESK&externalId=abc")]
    [InlineData("/embed/timeline?source=ZENDESK&externalId=%20")]
    [InlineData("/embed/timeline?source=ZENDESK&externalId=abc&externalId=abd")]
    [InlineData("/embed/timeline?customerId=Q3VzdG9tZXI6MQ&source=ZENDESK&externalId=abc")]
    public async Task The_iframe_page_refuses_a_token_in_the_url_and_a_missing_customer(string url)
    {
        using var http = api.CreateClient();
        using var response = await http.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("abc");
    }

    [Fact]
    public async Task GraphQL_answers_the_allowed_origins_preflight_only()
    {
        using var http = api.CreateClient();
        using var allowed = Preflight("https://crm.example.com");
        using var allowedResponse = await http.SendAsync(allowed);
        allowedResponse.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["https://crm.example.com"]);
        string.Join(",", allowedResponse.Headers.GetValues("Access-Control-Allow-Headers")).ToUpperInvariant().ShouldContain("AUTHORIZATION");
        allowedResponse.Headers.Contains("Access-Control-Allow-Credentials").ShouldBeFalse();

        using var other = Preflight("https://evil.example.net");
        using var otherResponse = await http.SendAsync(other);
        otherResponse.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();

        static HttpRequestMessage Preflight(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            return request;
        }
    }

    [Fact]
    public async Task The_demo_page_is_served_in_development()
    {
        using var http = api.CreateClient();
        using var response = await http.GetAsync("/widget/demo");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<customer-timeline id=\"direct\"");
        (await http.GetAsync("/widget/demo.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_demo_page_does_not_exist_in_production()
    {
        await using var production = new TimelineApiFactory().WithWebHostBuilder(b => b.UseEnvironment("Production"));
        using var http = production.CreateClient();
        (await http.GetAsync("/widget/demo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("/widget/customer-timeline.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("https://crm.example.com", true)]
    [InlineData("http://localhost:5173", true)]
    [InlineData("https://crm.example.com/", false)]
    [InlineData("https://crm.example.com/path", false)]
    [InlineData("https://*.example.com", false)]
    [InlineData("crm.example.com", false)]
    [InlineData("ftp://crm.example.com", false)]
    [InlineData("https://user@crm.example.com", false)]
    public void Allowed_origins_must_be_exact_origins(string origin, bool valid)
    {
        var options = new WidgetOptions();
        options.AllowedOrigins.Add(origin);
        new WidgetOptionsValidator().Validate(null, options).Succeeded.ShouldBe(valid);
    }

    [Fact]
    public void A_bad_allowed_origin_stops_the_startup()
    {
        var error = StartupFailure.Of<OptionsValidationException>(() => new TimelineApiFactory().WithWebHostBuilder(b => b.UseSetting("Widget:AllowedOrigins:0", "https://*.example.com")));
        error.Message.ShouldContain("Widget:AllowedOrigins");
    }
}
