using System.ComponentModel;

namespace Dashboard.Web.Data;

/// <summary>An upstream answer and when it was fetched: pages show it as "as of".</summary>
[ImmutableObject(true)]
public sealed record Fetched<T>(T Value, DateTimeOffset AsOf);
