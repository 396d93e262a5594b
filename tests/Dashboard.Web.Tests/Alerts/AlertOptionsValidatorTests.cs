using Dashboard.Web.Alerts;
using Dashboard.Web.Security;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Web.Tests.Alerts;

public sealed class AlertOptionsValidatorTests
{
    private const string Webhook = "https://hooks.example.com/services/T000/B000/XXXXsecretXXXX";

    [Fact]
    public void Validate_NoWebhook_AlertsOffAndValid()
    {
        var result = new AlertOptionsValidator().Validate(null, new AlertOptions());

        Assert.True(result.Succeeded);
        Assert.False(new AlertOptions().IsOn());
    }

    [Fact]
    public void Validate_WebhookWithoutDashboardUrl_FailsNamingTheKey()
    {
        var result = new AlertOptionsValidator().Validate(null, new AlertOptions { WebhookUrl = Webhook });

        var problem = Assert.Single(result.Failures!);
        Assert.StartsWith("Alerts:DashboardUrl must be set when Alerts:WebhookUrl is", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://hooks.example.com/services/x")]
    [InlineData("not a url")]
    [InlineData("ftp://hooks.example.com/x")]
    public void Validate_BadWebhook_FailsWithoutQuotingIt(string webhook)
    {
        var result = new AlertOptionsValidator().Validate(null, new AlertOptions { WebhookUrl = webhook, DashboardUrl = "https://dashboard.example.com" });

        var problem = Assert.Single(result.Failures!);
        Assert.StartsWith("Alerts:WebhookUrl must be an absolute https URL", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(webhook, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://localhost:5000/hook")]
    [InlineData(Webhook)]
    public void Validate_HttpsOrLoopbackWebhook_Valid(string webhook)
    {
        var result = new AlertOptionsValidator().Validate(null, new AlertOptions { WebhookUrl = webhook, DashboardUrl = "https://dashboard.example.com" });

        Assert.True(result.Succeeded, string.Join("; ", result.Failures ?? []));
    }

    [Theory]
    [InlineData("dashboard.example.com")]
    [InlineData("https://dashboard.example.com/?a=1")]
    public void Validate_BadDashboardUrl_Fails(string url)
    {
        var result = new AlertOptionsValidator().Validate(null, new AlertOptions { DashboardUrl = url });

        Assert.StartsWith("Alerts:DashboardUrl must be an absolute http or https URL", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LimitsOutOfRange_OneProblemEach()
    {
        var result = new AlertOptionsValidator().Validate(null, new AlertOptions
        {
            MaxUsersListed = 0,
            MaxRetryAttempts = 11,
            RetryBaseDelay = TimeSpan.Zero,
            AttemptTimeout = TimeSpan.FromMilliseconds(1),
        });

        Assert.Equal(4, result.Failures!.Count());
    }

    [Fact]
    public void Masker_WebhookUrl_MaskedInEveryFormALogMayPrint()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Alerts:WebhookUrl"] = Webhook + "?channel=ops" }).Build();
        var masker = new SecretMasker(configuration);

        Assert.Equal("POST ***", masker.Apply("POST " + Webhook + "?channel=ops"));
        Assert.Equal("POST ***?*", masker.Apply("POST " + Webhook + "?*"));
        Assert.Equal("path ***", masker.Apply("path /services/T000/B000/XXXXsecretXXXX"));
    }

    [Fact]
    public void Traces_AlertPostSpan_AddressKeepsNoPathOrQuery()
    {
        var redacted = Dashboard.Web.Observability.TraceRedactionProcessor.Redact(Webhook + "?channel=ops");

        Assert.DoesNotContain("XXXXsecretXXXX", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("channel", redacted, StringComparison.Ordinal);
        Assert.StartsWith("https://hooks.example.com", redacted, StringComparison.Ordinal);
    }
}
