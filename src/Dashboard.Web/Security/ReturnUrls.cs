namespace Dashboard.Web.Security;

/// <summary>Where sign-in may send someone afterwards: a path inside this app, never another site (no open redirect).</summary>
public static class ReturnUrls
{
    public const int MaxLength = 2048;

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a local path (<c>/users/…?tz=utc</c>), else <c>/</c>. Refused:
    /// absolute URLs, scheme-relative <c>//host</c>, backslashes (browsers read <c>/\host</c> as <c>//host</c>),
    /// control characters and anything over <see cref="MaxLength"/> characters.
    /// </summary>
    public static string Sanitize(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl)
            || returnUrl.Length > MaxLength
            || returnUrl[0] != '/'
            || (returnUrl.Length > 1 && returnUrl[1] is '/' or '\\')
            || returnUrl.Contains('\\', StringComparison.Ordinal)
            || returnUrl.Any(char.IsControl))
        {
            return "/";
        }

        return returnUrl;
    }
}
