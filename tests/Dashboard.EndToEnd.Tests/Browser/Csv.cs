using CsvHelper;

namespace Dashboard.EndToEnd.Tests.Browser;

/// <summary>Reads the dashboard's CSV with CsvHelper's RFC 4180 reader into rows by column name.</summary>
internal static class Csv
{
    /// <summary>The header and every row as a column-name → value map.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows) Parse(string text)
    {
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false, AllowLineBreaksInQuotes = true });
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

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
