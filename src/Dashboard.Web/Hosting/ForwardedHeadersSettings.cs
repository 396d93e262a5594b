namespace Dashboard.Web.Hosting;

/// <summary>The <c>ForwardedHeaders</c> configuration section.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>
    /// Addresses or CIDR ranges of the reverse proxies whose <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c>
    /// are believed. Empty (the default): the headers are ignored, whoever sends them.
    /// </summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain are unwound.</summary>
    public int ForwardLimit { get; set; } = 1;
}
