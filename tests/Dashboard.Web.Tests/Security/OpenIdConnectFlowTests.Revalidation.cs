using System.Security.Claims;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// An open page keeps the identity the sign-in cookie gave its circuit: <see cref="CircuitAccessRevalidation"/>
/// re-checks that identity (here: the one a real code flow put in the cookie) against the settings and clock of now.
/// </summary>
public sealed partial class OpenIdConnectFlowTests
{
    [Fact]
    public async Task Revalidate_OpenPageOfASignedInPerson_EndsSessionHoursAfterTheSignIn()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cookies = new CookiePrincipals();
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), Upstream(out _), time: time, services: cookies.AddTo);
        using var challenge = await session.GetAsync("/");
        using var callback = await session.SignInAsync(challenge, new("alice@example.com"));
        var user = await cookies.ReadAsync(session.Client);

        var atFirst = await Revalidation(session.Factory).IsStillAllowedAsync(user);
        time.Advance(TimeSpan.FromHours(9.9));
        var beforeTheEnd = await Revalidation(session.Factory).IsStillAllowedAsync(user);
        time.Advance(TimeSpan.FromHours(0.2));
        var afterTheEnd = await Revalidation(session.Factory).IsStillAllowedAsync(user);

        Assert.NotNull(CircuitAccessRevalidation.SignedInAt(user));
        Assert.True(atFirst);
        Assert.True(beforeTheEnd);
        Assert.False(afterTheEnd);
    }

    [Fact]
    public async Task Revalidate_AllowListEditedWhileThePageIsOpen_EndsItsAccess()
    {
        var cookies = new CookiePrincipals();
        await using var session = new Session(new FakeIdentityProvider(), new InMemorySink(), Upstream(out _), services: cookies.AddTo);
        using var challenge = await session.GetAsync("/");
        using var callback = await session.SignInAsync(challenge, new("alice@example.com", ["support-tools"]));
        var user = await cookies.ReadAsync(session.Client);
        var before = await Revalidation(session.Factory).IsStillAllowedAsync(user);

        // The operator removes the domain and the group from the allow-list (a reloaded settings file, say).
        Reconfigure(session.Factory, ("Auth:OpenIdConnect:AllowedEmailDomains:0", "other.example"), ("Auth:OpenIdConnect:AllowedGroups:0", "support-leads"));

        Assert.True(before);
        Assert.False(await Revalidation(session.Factory).IsStillAllowedAsync(user));
    }

    [Fact]
    public async Task Revalidate_ViewerRoleTakenAwayBehindTheProxy_EndsAccess()
    {
        await using var factory = Factory(TrustedProxy(("Auth:Roles:viewer:0", "support")), Upstream(out _));
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Email, "bob@example.com"), new Claim(TrustedProxyAuthenticationHandler.GroupsClaim, "support")],
            TrustedProxyAuthenticationHandler.SchemeName));
        var before = await Revalidation(factory).IsStillAllowedAsync(user);

        Reconfigure(factory, ("Auth:Roles:viewer:0", "support-leads"));

        Assert.True(before);
        Assert.False(await Revalidation(factory).IsStillAllowedAsync(user));
    }

    [Fact]
    public async Task Revalidate_SignInOff_KeepsTheSharedIdentity()
    {
        await using var factory = Factory(Anonymous(), Upstream(out _));

        Assert.True(await Revalidation(factory).IsStillAllowedAsync(TestAuthenticationStateProvider.Anonymous));
        Assert.False(await Revalidation(factory).IsStillAllowedAsync(new ClaimsPrincipal(new ClaimsIdentity())));
    }

    [Fact]
    public async Task Circuits_AuthenticationState_IsRevalidatedWithinMinutes()
    {
        await using var factory = Factory(Anonymous(), Upstream(out _));
        using var client = Client(factory);
        using var scope = factory.Services.CreateScope();

        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();

        Assert.IsType<CircuitAccessRevalidation>(provider);
        Assert.InRange(CircuitAccessRevalidation.Interval, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));
    }

    /// <summary>The provider a new circuit gets (a scope of its own, as a circuit has).</summary>
    private static CircuitAccessRevalidation Revalidation(DashboardFactory factory)
    {
        var scope = factory.Services.CreateScope();
        return (CircuitAccessRevalidation)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
    }

    /// <summary>Edits the running host's settings and reloads them, as a changed, reloadable settings file does.</summary>
    private static void Reconfigure(DashboardFactory factory, params (string Key, string Value)[] settings)
    {
        var configuration = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        configuration.Reload();
        foreach (var (key, value) in settings)
        {
            Assert.Equal(value, configuration[key]);
        }
    }

    /// <summary>A test-only path that answers with nothing and keeps the principal the request's sign-in cookie carries.</summary>
    private sealed class CookiePrincipals : IStartupFilter
    {
        private const string Path = "/_test/cookie-principal";
        private ClaimsPrincipal? _last;

        public void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path == Path)
                {
                    _last = (await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme)).Principal;
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    return;
                }

                await nextMiddleware(context);
            });
            next(app);
        };

        public async Task<ClaimsPrincipal> ReadAsync(HttpClient client)
        {
            using var response = await client.GetAsync(Path, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
            return _last ?? throw new InvalidOperationException("The request carried no sign-in cookie.");
        }
    }
}
