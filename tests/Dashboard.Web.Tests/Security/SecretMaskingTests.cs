using Dashboard.Web.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog.Events;
using Serilog.Parsing;
using Vital.Introspection;
using static Dashboard.Web.Tests.Security.SecurityTestKit;

namespace Dashboard.Web.Tests.Security;

public sealed class SecretMaskingTests
{
    private const string ClientSecret = "oidc_secret_CANARY_77aa88bb99";

    [Fact]
    public void Apply_ConnectionStringPasswords_AreMaskedToo()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cache:Redis"] = "redis:6379,password=RedisPass_CANARY_1,ssl=true",
            ["Store:ConnectionString"] = "Host=db;Username=dashboard;Pwd = PgPass_CANARY_22;Database=dashboard",
        }).Build();
        var masker = new SecretMasker(configuration);

        var masked = masker.Apply("connecting with RedisPass_CANARY_1 and PgPass_CANARY_22 to dashboard");

        Assert.Equal("connecting with *** and *** to dashboard", masked);
    }

    [Fact]
    public async Task Logging_SecretsLoggedByAccident_AreMaskedInEverySinkWeOwn()
    {
        var sink = new InMemorySink();
        await using var factory = Factory(Anonymous(("Auth:OpenIdConnect:ClientSecret", ClientSecret)), Upstream(out _), sink);
        var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Dashboard.Tests.Careless");
        var vital = factory.Services.GetRequiredService<IOptions<VitalOptions>>().Value;
        var auth = factory.Services.GetRequiredService<IOptions<AuthOptions>>().Value;

#pragma warning disable CA1848, CA2254 // Careless on purpose: this is what the masking is for.
        logger.LogInformation("Options {@Vital} {@Auth}", vital, auth);
        logger.LogInformation("The key is {Key} and the secret {Secret}", LiveKey, ClientSecret);
        logger.LogInformation("Interpolated into the template: " + LiveKey);
        logger.LogInformation("Inside a list {Values} and an object {Thing}", new[] { "a", LiveKey }, new Uri("https://upstream.test/?k=" + LiveKey));
        logger.LogError(new InvalidOperationException("Calling with " + LiveKey, new HttpRequestException("inner " + ClientSecret)), "It failed for {What}", "a reason");
        using (logger.BeginScope(new Dictionary<string, object> { ["ScopeKey"] = LiveKey }))
        {
            logger.LogWarning("Inside a scope");
        }
#pragma warning restore CA1848, CA2254

        var text = sink.Text();
        Assert.DoesNotContain(LiveKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, text, StringComparison.Ordinal);
        Assert.Contains("Interpolated into the template: ***", text, StringComparison.Ordinal);
        Assert.Contains("The key is \\\"***\\\" and the secret \\\"***\\\"", text, StringComparison.Ordinal);
        var error = Assert.Single(sink.Events, e => e.Level == LogEventLevel.Error);
        var masked = Assert.IsType<MaskedException>(error.Exception);
        Assert.Equal(typeof(InvalidOperationException).FullName, masked.OriginalType);
        Assert.Contains("Calling with ***", masked.ToString(), StringComparison.Ordinal);
        Assert.Contains("inner ***", masked.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_NoSecretsConfigured_LeavesEventsAlone()
    {
        var sink = new InMemorySink();
        await using var factory = Factory(new Dictionary<string, string?>(), sink: sink);
        var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Dashboard.Tests");
        var original = new InvalidOperationException("plain");

#pragma warning disable CA1848
        logger.LogError(original, "Failed {What}", "x");
#pragma warning restore CA1848

        Assert.Same(original, Assert.Single(sink.Events, e => e.Level == LogEventLevel.Error).Exception);
    }

    [Fact]
    public void Masker_ShortValues_AreNotTreatedAsSecrets()
    {
        var masker = new SecretMasker(["abc", null, "  ", "long-enough-secret"]);

        Assert.Equal("abc and ***", masker.Apply("abc and long-enough-secret"));
    }

    [Fact]
    public void Masker_OverlappingSecrets_MasksTheLongestFirst()
    {
        var masker = new SecretMasker(["secret-12345", "secret-12345-and-more"]);

        Assert.Equal("[***]", masker.Apply("[secret-12345-and-more]"));
    }

    [Fact]
    public void Masking_NestedStructures_AreRewrittenAndUntouchedOnesKept()
    {
        var masker = new SecretMasker(["hidden-value-42"]);
        var clean = new ScalarValue("fine");
        var value = new StructureValue(
        [
            new LogEventProperty("Clean", clean),
            new LogEventProperty("List", new SequenceValue([new ScalarValue("x hidden-value-42 y")])),
            new LogEventProperty("Map", new DictionaryValue([new(new ScalarValue("hidden-value-42"), new ScalarValue(1))])),
        ]);

        var masked = LogEventMasking.Mask(value, masker);

        Assert.DoesNotContain("hidden-value-42", masked.ToString(), StringComparison.Ordinal);
        Assert.Same(clean, ((StructureValue)masked).Properties[0].Value);
        Assert.Same(clean, LogEventMasking.Mask(clean, masker));
    }

    [Fact]
    public void Masking_EventWithoutSecrets_IsTheSameInstance()
    {
        var masker = new SecretMasker(["hidden-value-42"]);
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null,
            new MessageTemplateParser().Parse("Hello {Name}"), [new LogEventProperty("Name", new ScalarValue("world"))]);

        Assert.Same(logEvent, LogEventMasking.Mask(logEvent, masker));
    }

    [Fact]
    public void OptionsToString_NeverIncludesSecrets()
    {
        var vital = new VitalOptions { ApiKey = LiveKey };
        var oidc = new OpenIdConnectSettings { ClientSecret = ClientSecret, ClientId = "dashboard" };

        Assert.DoesNotContain(LiveKey, vital.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, oidc.ToString(), StringComparison.Ordinal);
        Assert.Contains("ClientSecret=(set)", oidc.ToString(), StringComparison.Ordinal);
    }
}
