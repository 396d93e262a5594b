using CsvHelper;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// Reads CSV with CsvHelper's RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes). The one
/// CSV reader of the test projects: the browser suite links this file rather than keeping its own.
/// </summary>
public static class Csv
{
    /// <summary>Every record, the header included, as its fields.</summary>
    public static List<string[]> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false, AllowLineBreaksInQuotes = true });
        var records = new List<string[]>();
        while (reader.Read())
        {
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i);
            }

            records.Add(fields);
        }

        return records;
    }

    /// <summary>The header and every row as a column-name → value map; fails unless every row has the header's width.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows) Table(string text)
    {
        var records = Parse(text);
        Assert.NotEmpty(records);
        var header = records[0];
        var rows = records.Skip(1)
            .Select(r =>
            {
                Assert.Equal(header.Length, r.Length);
                return (IReadOnlyDictionary<string, string>)header.Zip(r).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
            })
            .ToList();
        return (header, rows);
    }
}
