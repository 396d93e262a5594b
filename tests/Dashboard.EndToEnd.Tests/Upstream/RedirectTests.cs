using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vital.Introspection;

namespace Dashboard.EndToEnd.Tests.Upstream;

/// <summary>
/// The client as the dashboard registers it (its real primary handler, over real HTTP): an upstream that answers with
/// a redirect to another host must not get the key sent there. .NET strips only <c>Authorization</c> when it follows
/// a redirect, and the key travels in <c>x-vital-api-key</c>.
/// </summary>
public sealed class RedirectTests
{
    private const string ApiKey = "sk_us_redirect_test_key_0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StatusCodes.Status301MovedPermanently)]
    [InlineData(StatusCodes.Status302Found)]
    [InlineData(StatusCodes.Status307TemporaryRedirect)]
    [InlineData(StatusCodes.Status308PermanentRedirect)]
    public async Task Upstream_RedirectsToAnotherHost_NotFollowed_KeyNeverSentThere_ErrorSaysWhy(int status)
    {
        var elsewhere = new ConcurrentQueue<string?>();
        await using var other = await StartAsync(context =>
        {
            elsewhere.Enqueue(context.Request.Headers["x-vital-api-key"].ToString());
            return context.Response.WriteAsync("""{"data":[],"next_cursor":null}""");
        });
        var target = new Uri(other.Address, "/v2/introspect/historical_pull");
        await using var upstream = await StartAsync(context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = target + context.Request.QueryString.Value;
            return Task.CompletedTask;
        });
        await using var services = Client(upstream.Address);

        var error = await Assert.ThrowsAsync<VitalApiException>(() =>
            services.GetRequiredService<IVitalIntrospectionClient>().GetUserAsync("7aec8422-8174-4464-a4b2-b04c5939be0d", cancellationToken: Ct));

        Assert.Empty(elsewhere);
        Assert.Equal(VitalErrorKind.MalformedResponse, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains($"redirect ({status}) to {other.Address.GetLeftPart(UriPartial.Authority)}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upstream_AnswersDirectly_TheSameClientReadsIt()
    {
        var keys = new ConcurrentQueue<string?>();
        await using var upstream = await StartAsync(context =>
        {
            keys.Enqueue(context.Request.Headers["x-vital-api-key"].ToString());
            return context.Response.WriteAsync("""{"data":[],"next":null,"next_cursor":"None"}""");
        });
        await using var services = Client(upstream.Address);

        var page = await services.GetRequiredService<IVitalIntrospectionClient>().GetPageAsync(new HistoricalPullPageRequest(), Ct);

        Assert.Empty(page.Users);
        Assert.Equal([ApiKey], keys);
    }

    private static ServiceProvider Client(Uri baseUrl)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Vital:ApiKey"] = ApiKey,
            ["Vital:BaseUrl"] = baseUrl.ToString(),
            ["Vital:Resilience:MaxRetryAttempts"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVitalIntrospection(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<Server> StartAsync(RequestDelegate handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(handle);
        await app.StartAsync(Ct);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new Server(app, new Uri(address));
    }

    private sealed record Server(WebApplication App, Uri Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
