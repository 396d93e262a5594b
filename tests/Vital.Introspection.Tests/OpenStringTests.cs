using System.Text.Json;

namespace Vital.Introspection.Tests;

public sealed class OpenStringTests
{
    [Theory]
    [InlineData("scheduled", true, false, true)]
    [InlineData("in_progress", true, false, true)]
    [InlineData("retrying", true, false, true)]
    [InlineData("success", true, false, false)]
    [InlineData("failure", true, true, false)]
    [InlineData("error", true, true, false)]
    [InlineData("paused", false, false, false)]
    [InlineData("", false, false, false)]
    public void PullStatus_KnownAndFailureLikeAndActive_FollowTheContract(string value, bool known, bool failureLike, bool active)
    {
        var status = PullStatus.From(value);

        Assert.Equal(value, status.Value);
        Assert.Equal(known, status.IsKnown);
        Assert.Equal(failureLike, status.IsFailureLike);
        Assert.Equal(active, status.IsActive);
    }

    [Fact]
    public void PullErrorDetails_RetriableAndPermanent_MatchTheSpec()
    {
        Assert.Equal(
            ["provider_rate_limit_exceeded", "provider_unavailable", "transport_failure", "resource_contention"],
            PullErrorDetails.Retriable.Select(e => e.Value));
        Assert.Equal(["non_retriable_error", "unexpected_error", "retry_quota_exhausted"], PullErrorDetails.Permanent.Select(e => e.Value));
        Assert.False(PullErrorDetails.From("new_thing").IsKnown);
        Assert.False(PullErrorDetails.From("new_thing").IsRetriable);
    }

    [Fact]
    public void KnownLists_HoldTheSpecsProvidersAndResources()
    {
        Assert.Equal(41, ProviderSlug.Known.Count);
        Assert.Equal(70, ResourceName.Known.Count);
        Assert.Equal(ProviderSlug.Known.Count, ProviderSlug.Known.Distinct().Count());
        Assert.True(new ProviderSlug("google_health").IsKnown);
        Assert.False(new ProviderSlug("junction_ring").IsKnown);
    }

    [Fact]
    public void Default_OpenString_IsEmptyNotNull()
    {
        Assert.Equal(string.Empty, default(PullStatus).Value);
        Assert.Equal(default, PullStatus.From(string.Empty));
        Assert.Equal(string.Empty, default(ProviderSlug).ToString());
    }

    [Fact]
    public void Json_RoundTrip_KeepsUnknownValuesVerbatimAlsoAsDictionaryKeys()
    {
        var value = new Dictionary<ProviderSlug, PullStatus> { [new("junction_ring")] = new("paused"), [ProviderSlug.Oura] = PullStatus.Success };

        var json = JsonSerializer.Serialize(value);
        var back = JsonSerializer.Deserialize<Dictionary<ProviderSlug, PullStatus>>(json)!;

        Assert.Equal("""{"junction_ring":"paused","oura":"success"}""", json);
        Assert.Equal(value, back);
    }
}
