using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Dashboard.Web.Security;

/// <summary>
/// The audit file's hash chain: every line carries <c>PrevHash</c>, the SHA-256 of the line before it (across restarts
/// and daily files), so a line removed, inserted or altered anywhere but at the very end breaks the chain.
/// <c>dotnet Dashboard.Web.dll audit verify &lt;file&gt;...</c> checks files given oldest first.
/// </summary>
public static class AuditChain
{
    /// <summary>The property each line carries.</summary>
    public const string Property = "PrevHash";

    /// <summary>What the first line ever written carries.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The hash the next line links to: lower-case hex SHA-256 of the line's UTF-8 text, without its line break.</summary>
    public static string Hash(string line) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)));

    /// <summary>
    /// Where a restarted process continues the chain: the hash of the last line of the newest file the daily rolling of
    /// <paramref name="path"/> (<c>audit-.log</c>: <c>audit-20261204.log</c>) has written; <see cref="Genesis"/> when none.
    /// </summary>
    public static string Continue(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            return Genesis;
        }

        var pattern = Path.GetFileNameWithoutExtension(path) + "*" + Path.GetExtension(path);
        var newest = Directory.GetFiles(directory, pattern).Order(StringComparer.Ordinal).LastOrDefault();
        var last = newest is null ? null : ReadLines(newest).LastOrDefault(l => l.Length > 0);
        return last is null ? Genesis : Hash(last);
    }

    /// <summary>The command: checks <paramref name="files"/> (oldest first); 0 when every link holds, 1 when one breaks, 2 on bad use.</summary>
    public static int Verify(IReadOnlyList<string> files, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (files is null || files.Count == 0)
        {
            output.WriteLine("Usage: dotnet Dashboard.Web.dll audit verify <audit file>... (oldest first)");
            return 2;
        }

        string? previous = null;
        var lines = 0;
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                output.WriteLine($"{file}: no such file");
                return 2;
            }

            var number = 0;
            foreach (var line in ReadLines(file))
            {
                number++;
                if (line.Length == 0)
                {
                    continue;
                }

                var link = Link(line);
                if (link is null)
                {
                    output.WriteLine($"{file}:{number}: BROKEN: the line has no {Property} (not written by the dashboard, or altered)");
                    return 1;
                }

                if (previous is null)
                {
                    output.WriteLine(link == Genesis
                        ? $"{file}:{number}: the chain starts here"
                        : $"{file}:{number}: continues a chain from an earlier file (give that file too, first, to check the link)");
                }
                else if (!string.Equals(link, previous, StringComparison.Ordinal))
                {
                    output.WriteLine($"{file}:{number}: BROKEN: this line does not follow the one before it (a line was removed, inserted or altered)");
                    return 1;
                }

                previous = Hash(line);
                lines++;
            }
        }

        output.WriteLine($"OK: {lines} lines, each linked to the one before. The last line's hash: {previous ?? "(none)"}");
        return 0;
    }

    private static string? Link(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(Property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Lines without their breaks, read while the dashboard may still be appending (shared read).</summary>
    private static IEnumerable<string> ReadLines(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
