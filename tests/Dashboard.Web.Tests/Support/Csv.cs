using CsvHelper;

namespace Dashboard.Web.Tests.Support;

/// <summary>Reads CSV with CsvHelper's RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes).</summary>
public static class Csv
{
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
}
