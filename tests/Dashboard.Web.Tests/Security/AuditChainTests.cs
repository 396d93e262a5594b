using System.Globalization;
using System.Security.Claims;
using Dashboard.Web.Security;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Parsing;

namespace Dashboard.Web.Tests.Security;

/// <summary>The audit file cannot be edited quietly: each line carries the hash of the one before; the verify command checks it.</summary>
public sealed class AuditChainTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dashboard-chain-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(int lines, string? previous = null)
    {
        var formatter = new ChainedAuditFormatter(new RenderedCompactJsonFormatter(), previous ?? AuditChain.Genesis);
        var path = Path.Combine(_directory, $"audit-{Guid.NewGuid():N}.log");
        using (var writer = new StreamWriter(path))
        {
            for (var i = 0; i < lines; i++)
            {
                formatter.Format(new LogEvent(DateTimeOffset.UnixEpoch.AddMinutes(i), LogEventLevel.Information, null,
                    new MessageTemplateParser().Parse("Audit {N}"), [new LogEventProperty("N", new ScalarValue(i))]), writer);
            }
        }

        return path;
    }

    private static (int Code, string Output) Verify(params string[] files)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var code = AuditChain.Verify(files, output);
        return (code, output.ToString());
    }

    [Fact]
    public void Verify_AsWritten_Holds()
    {
        var (code, output) = Verify(Write(5));

        Assert.Equal(0, code);
        Assert.Contains("the chain starts here", output, StringComparison.Ordinal);
        Assert.Contains("OK: 5 lines", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("remove")]
    [InlineData("alter")]
    [InlineData("insert")]
    [InlineData("swap")]
    public void Verify_ALineRemovedAlteredInsertedOrMoved_NamesWhereTheChainBreaks(string edit)
    {
        var path = Write(5);
        var lines = File.ReadAllLines(path).ToList();
        switch (edit)
        {
            case "remove": lines.RemoveAt(2); break;
            case "alter": lines[2] = lines[2].Replace("\"N\":2", "\"N\":7", StringComparison.Ordinal); break;
            case "insert": lines.Insert(2, lines[1]); break;
            case "swap": (lines[1], lines[2]) = (lines[2], lines[1]); break;
        }

        File.WriteAllLines(path, lines);

        var (code, output) = Verify(path);

        Assert.Equal(1, code);
        Assert.Contains("BROKEN", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TwoDaysFiles_LinkAcrossAndAMissingDayBreaks()
    {
        var monday = Write(3);
        var tuesday = Write(2, AuditChain.Continue(monday));
        var wednesday = Write(2, AuditChain.Continue(tuesday));

        Assert.Equal(0, Verify(monday, tuesday, wednesday).Code);
        Assert.Equal(1, Verify(monday, wednesday).Code);
    }

    [Fact]
    public void Continue_NoFileYet_StartsAtGenesis() =>
        Assert.Equal(AuditChain.Genesis, AuditChain.Continue(Path.Combine(_directory, "none", "audit-.log")));

    [Fact]
    public void Verify_NoFiles_IsUsage() => Assert.Equal(2, Verify().Code);

    [Fact]
    public void Identity_OpenIdConnect_IssuerAndSubjectOfTheToken()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "00u1abc", null, "https://login.example.com"), new Claim("iss", "https://login.example.com"), new Claim("email", "a@example.com")], "oidc"));

        Assert.Equal(("https://login.example.com", "00u1abc"), AuditLog.Identity(user));
    }

    [Fact]
    public void Identity_SignInOff_TheModeAndAnonymous() =>
        Assert.Equal((DashboardAccess.AnonymousAuthenticationType, "anonymous"), AuditLog.Identity(Support.TestAuthenticationStateProvider.Anonymous));
}
