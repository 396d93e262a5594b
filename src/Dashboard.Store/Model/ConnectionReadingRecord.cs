namespace Dashboard.Store.Model;

/// <summary>
/// A user's latest connection to one provider as the connection sweep read it (table <c>connection_readings</c>): one
/// row per scope, user and provider, replaced at each reading of the user. A user read with no connection at all has
/// one row with <see cref="Provider"/> empty, so "read, nothing connected" differs from "not read yet".
/// </summary>
public sealed class ConnectionReadingRecord
{
    public long Id { get; set; }

    public required string Scope { get; set; }

    public required string UserId { get; set; }

    /// <summary>The provider slug; empty for a user read with no connection.</summary>
    public required string Provider { get; set; }

    /// <summary>Vital's connection status verbatim; empty for a user read with no connection.</summary>
    public required string Status { get; set; }

    /// <summary>Vital's <c>error_type</c>, when it named one.</summary>
    public string? ErrorType { get; set; }

    /// <summary>When Vital's answer was fetched.</summary>
    public DateTimeOffset ReadAt { get; set; }
}
