using System.Net;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// Filter values that cannot be one: 400 with a problem body, and the team is never read (this class's host makes
/// no valid export, so the simulator must see no request at all).
/// </summary>
public sealed class TeamCsvValidationTests(DemoDashboard dashboard) : IClassFixture<DemoDashboard>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> InvalidFilters() => new()
    {
        { "status=FAIL!", "status" },
        { "status=failure,<script>", "status" },
        { "provider=oura;drop", "provider" },
        { "provider=" + new string('a', 65), "provider" },
        { "resource=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "resource" },
        { "resource=heart rate", "resource" },
        { "status=" + string.Join(',', Enumerable.Range(0, 51).Select(i => "s" + i)), "status" },
        { "attention=yes", "attention" },
        { "attention=1", "attention" },
        { "q=" + new string('7', 257), "q" },
        { "q=abc%00def", "q" },
        { "q=abc%0Adef", "q" },
        { "status=failure&provider=Oura!&attention=maybe", "provider" },
    };

    [Theory]
    [MemberData(nameof(InvalidFilters))]
    public async Task TeamCsv_InvalidFilterValue_Is400ProblemWithoutReadingTheTeam(string query, string parameter)
    {
        using var response = await dashboard.Client.GetAsync("/api/users.csv?" + query, Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(parameter, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, dashboard.Simulator.RequestCount);
    }

    [Fact]
    public async Task TeamCsv_SeveralInvalidFilters_NamesEachOfThem()
    {
        using var response = await dashboard.Client.GetAsync("/api/users.csv?status=FAIL!&provider=a-b&attention=maybe", Ct);

        var detail = (await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("detail").GetString();
        Assert.Contains("status", detail, StringComparison.Ordinal);
        Assert.Contains("provider", detail, StringComparison.Ordinal);
        Assert.Contains("attention", detail, StringComparison.Ordinal);
        Assert.Equal(0, dashboard.Simulator.RequestCount);
    }
}
