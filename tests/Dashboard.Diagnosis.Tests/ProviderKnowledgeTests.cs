namespace Dashboard.Diagnosis.Tests;

/// <summary>What the dashboard knows of each provider: default windows and friendly names.</summary>
public class ProviderKnowledgeTests
{
    public static TheoryData<string, string, int?> DefaultWindows => new()
    {
        { "strava", "workouts", 14 },
        { "my_fitness_pal", "meal", 14 },
        { "my_fitness_pal_v2", "meal", 14 },
        { "fitbit", "activity", 14 },
        { "fitbit", "heartrate", 14 },
        { "fitbit", "sleep", 90 },
        { "polar", "workouts", 28 },
        { "cronometer", "meal", 28 },
        { "apple_health_kit", "steps", 30 },
        { "health_connect", "steps", 30 },
        { "hammerhead", "workouts", 30 },
        { "dexcom", "glucose", 30 },
        { "dexcom_v3", "glucose", 30 },
        { "oura", "sleep", 180 },
        { "garmin", "sleep", 90 },
        { "zwift", "workouts", 270 },
        { "abbott_libreview", "glucose", 90 },
        { "renpho", "body", null },
        { "acme_ring", "sleep", null },
    };

    [Theory]
    [MemberData(nameof(DefaultWindows))]
    public void DefaultWindowDays_ProviderAndResource_MatchesTheContract(string provider, string resource, int? days)
    {
        // Assert
        Assert.Equal(days, ProviderKnowledge.DefaultWindowDays(provider, resource));
    }

    [Theory]
    [InlineData("oura", "Oura")]
    [InlineData("apple_health_kit", "Apple HealthKit")]
    [InlineData("fitbit", "Fitbit")]
    [InlineData("my_fitness_pal_v2", "MyFitnessPal (v2)")]
    [InlineData("health_connect", "Health Connect")]
    [InlineData("acme_ring", "acme_ring")]
    [InlineData("", "")]
    public void ProviderDisplayName_AnySlug_IsFriendlyOrVerbatim(string slug, string name)
    {
        // Assert
        Assert.Equal(name, ProviderKnowledge.ProviderDisplayName(slug));
    }

    [Fact]
    public void ProviderDisplayName_EveryProviderOfTheSpec_IsNotTheSlug()
    {
        // Assert: a known slug never falls back to itself.
        Assert.All(Vital.Introspection.ProviderSlug.Known, slug =>
            Assert.NotEqual(slug.Value, ProviderKnowledge.ProviderDisplayName(slug.Value)));
    }

    [Theory]
    [InlineData("heartrate", "heart rate")]
    [InlineData("hrv", "HRV")]
    [InlineData("blood_oxygen", "blood oxygen")]
    [InlineData("sleep", "sleep")]
    [InlineData("vo2_max", "VO2 max")]
    [InlineData("calories_active", "active calories")]
    [InlineData("aura_score", "aura_score")]
    public void ResourceDisplayName_AnyResource_IsFriendlyOrVerbatim(string resource, string name)
    {
        // Assert
        Assert.Equal(name, ProviderKnowledge.ResourceDisplayName(resource));
    }
}
