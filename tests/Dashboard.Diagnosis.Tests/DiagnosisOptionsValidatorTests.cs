namespace Dashboard.Diagnosis.Tests;

public class DiagnosisOptionsValidatorTests
{
    private static readonly DiagnosisOptionsValidator Validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        // Act
        var result = Validator.Validate(null, new DiagnosisOptions());

        // Assert
        Assert.True(result.Succeeded);
    }

    public static TheoryData<string, string> BadValues => new()
    {
        { "StuckScheduledAfter=0", "Diagnosis:StuckScheduledAfter must be greater than zero, such as 06:00:00 (six hours)." },
        { "StuckScheduledAfter<0", "Diagnosis:StuckScheduledAfter must be greater than zero, such as 06:00:00 (six hours)." },
        { "StuckInProgressAfter=0", "Diagnosis:StuckInProgressAfter must be greater than zero, such as 1.00:00:00 (one day)." },
        { "StuckInProgressAfter<0", "Diagnosis:StuckInProgressAfter must be greater than zero, such as 1.00:00:00 (one day)." },
        { "LowCoverageRatio<0", "Diagnosis:LowCoverageRatio must be between 0 and 1, such as 0.5." },
        { "LowCoverageRatio>1", "Diagnosis:LowCoverageRatio must be between 0 and 1, such as 0.5." },
        { "LowCoverageRatio=NaN", "Diagnosis:LowCoverageRatio must be between 0 and 1, such as 0.5." },
    };

    private static readonly Dictionary<string, Action<DiagnosisOptions>> Edits = new()
    {
        ["StuckScheduledAfter=0"] = o => o.StuckScheduledAfter = TimeSpan.Zero,
        ["StuckScheduledAfter<0"] = o => o.StuckScheduledAfter = TimeSpan.FromHours(-1),
        ["StuckInProgressAfter=0"] = o => o.StuckInProgressAfter = TimeSpan.Zero,
        ["StuckInProgressAfter<0"] = o => o.StuckInProgressAfter = TimeSpan.FromDays(-1),
        ["LowCoverageRatio<0"] = o => o.LowCoverageRatio = -0.01,
        ["LowCoverageRatio>1"] = o => o.LowCoverageRatio = 1.01,
        ["LowCoverageRatio=NaN"] = o => o.LowCoverageRatio = double.NaN,
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Validate_BadValue_FailsWithOneMessageNamingItsKey(string edit, string message)
    {
        // Arrange
        var options = new DiagnosisOptions();
        Edits[edit](options);

        // Act
        var result = Validator.Validate(null, options);

        // Assert
        Assert.True(result.Failed);
        Assert.Equal([message], result.Failures!);
    }

    [Fact]
    public void Validate_EveryValueBad_ListsOneMessagePerProblem()
    {
        // Arrange
        var options = new DiagnosisOptions { StuckScheduledAfter = TimeSpan.Zero, StuckInProgressAfter = TimeSpan.Zero, LowCoverageRatio = 5 };

        // Act
        var result = Validator.Validate(null, options);

        // Assert
        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, m => m.StartsWith("Diagnosis:StuckScheduledAfter ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, m => m.StartsWith("Diagnosis:StuckInProgressAfter ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, m => m.StartsWith("Diagnosis:LowCoverageRatio ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(0.25)]
    public void Validate_RatioAtOrBetweenTheBounds_Succeeds(double ratio)
    {
        // Act
        var result = Validator.Validate(null, new DiagnosisOptions { LowCoverageRatio = ratio });

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_SmallestPositiveThresholds_Succeeds()
    {
        // Act
        var result = Validator.Validate(null, new DiagnosisOptions
        {
            StuckScheduledAfter = TimeSpan.FromTicks(1),
            StuckInProgressAfter = TimeSpan.FromTicks(1),
        });

        // Assert
        Assert.True(result.Succeeded);
    }
}
