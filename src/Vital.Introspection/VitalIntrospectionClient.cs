using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Vital.Introspection;

/// <summary>The typed client over <see cref="HttpClient"/>; resilience comes from the handler pipeline registered beside it.</summary>
public sealed partial class VitalIntrospectionClient(
    HttpClient httpClient,
    IOptionsMonitor<VitalOptions> options,
    TimeProvider timeProvider,
    ILogger<VitalIntrospectionClient> logger) : IVitalIntrospectionClient
{
    public const string ApiKeyHeader = "x-vital-api-key";
    public const string Path = "v2/introspect/historical_pull";
    public const string ResourcesPath = "v2/introspect/resources";
    public const string UserPath = "v2/user/";
    public const string ResolvePath = "v2/user/resolve/";
    public const string ConnectionsPath = "v2/user/providers/";
    public const string RefreshPath = "v2/user/refresh/";

    /// <summary>How much of an error body is read to find its <c>detail</c>.</summary>
    private const int MaxErrorBodyBytes = 64 * 1024;

    public async Task<UserHistoricalPulls> GetUserAsync(string userId, ProviderSlug? provider = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);

        // Vital may answer an unknown user 404 or 400 with a detail: no such user, not an outage (the contract).
        var page = await OrNoSuchUserAsync(GetPageAsync(new HistoricalPullPageRequest { UserId = userId, Provider = provider }, cancellationToken)).ConfigureAwait(false);
        if (page is null)
        {
            return UserHistoricalPulls.Empty(userId);
        }

        // The upstream answers one entry for the user, or none; merge defensively if a server splits it.
        var matches = page.Users.Where(u => string.Equals(u.UserId, userId, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 0 && page.Users.Count == 1 && page.Users[0].UserId.Length == 0)
        {
            // Some servers echo an empty user_id (the spec's own example does); the filter makes it this user.
            matches.Add(page.Users[0]);
        }

        return matches.Count switch
        {
            0 => UserHistoricalPulls.Empty(userId),
            1 => matches[0] with { UserId = userId },
            _ => new UserHistoricalPulls
            {
                UserId = userId,
                Providers = matches.SelectMany(m => m.Providers).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            },
        };
    }

    public async Task<HistoricalPullPage> GetPageAsync(HistoricalPullPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = BuildRelativeUri(Path, request.UserId, request.Provider, request.UserLimit ?? options.CurrentValue.UserLimit, request.NextCursor);
        var started = timeProvider.GetTimestamp();
        var page = await SendAsync(HttpMethod.Get, uri, "the historical-pull introspection endpoint", static (body, _, ct) => HistoricalPullParser.ParseAsync(body, ct), cancellationToken).ConfigureAwait(false);
        LogPage(logger, page.Users.Count, request.Provider?.Value, request.NextCursor is not null, page.NextCursor is not null,
            (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return page;
    }

    public async Task<VitalUser?> GetUserProfileAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return await OrNoSuchUserAsync(
            SendAsync(HttpMethod.Get, UserPath + Uri.EscapeDataString(userId), "the user endpoint", static (body, _, ct) => UserParser.ParseAsync(body, ct), cancellationToken)).ConfigureAwait(false);
    }

    public async Task<VitalUser?> ResolveClientUserIdAsync(string clientUserId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientUserId);
        if (IsPathStep(clientUserId))
        {
            // Escaping leaves dots as they are, and the address would resolve them: "resolve/.." asks for another endpoint.
            throw new VitalApiException(VitalErrorKind.Validation,
                "A client user id of \".\" or \"..\" cannot be looked up: in Vital's address it reads as a step to another path, so Vital was not asked.");
        }

        return await OrNoSuchUserAsync(
            SendAsync(HttpMethod.Get, ResolvePath + Uri.EscapeDataString(clientUserId), "the user lookup by client user id", static (body, _, ct) => UserParser.ParseAsync(body, ct), cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ProviderConnection>?> GetConnectionsAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return await OrNoSuchUserAsync(
            SendAsync(HttpMethod.Get, ConnectionsPath + Uri.EscapeDataString(userId), "the connections endpoint", static (body, _, ct) => ConnectionsParser.ParseAsync(body, ct), cancellationToken)).ConfigureAwait(false);
    }

    public async Task<UserResources> GetUserResourcesAsync(string userId, ProviderSlug? provider = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var page = await OrNoSuchUserAsync(GetResourcesPageAsync(new ResourcesPageRequest { UserId = userId, Provider = provider }, cancellationToken)).ConfigureAwait(false);
        if (page is null)
        {
            return UserResources.Empty(userId);
        }

        var matches = page.Users.Where(u => string.Equals(u.UserId, userId, StringComparison.OrdinalIgnoreCase) || u.UserId.Length == 0).ToList();
        return matches.Count switch
        {
            0 => UserResources.Empty(userId),
            1 => matches[0] with { UserId = userId },
            _ => new UserResources
            {
                UserId = userId,
                Providers = matches.SelectMany(m => m.Providers).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            },
        };
    }

    public Task<ResourcesPage> GetResourcesPageAsync(ResourcesPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = BuildRelativeUri(ResourcesPath, request.UserId, request.Provider, request.UserLimit ?? options.CurrentValue.UserLimit, request.NextCursor);
        return SendAsync(HttpMethod.Get, uri, "the resources introspection endpoint", static (body, _, ct) => ResourcesParser.ParseAsync(body, ct), cancellationToken);
    }

    public async IAsyncEnumerable<ResourcesPage> GetResourcesPagesAsync(
        ProviderSlug? provider = null,
        int? userLimit = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await GetResourcesPageAsync(
                new ResourcesPageRequest { Provider = provider, UserLimit = userLimit, NextCursor = cursor },
                cancellationToken).ConfigureAwait(false);
            yield return page;
            cursor = NextOrRepeated(page.NextCursor, seen);
        }
        while (cursor is not null);
    }

    public async Task<RefreshResult> RefreshUserAsync(string userId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var uri = RefreshPath + Uri.EscapeDataString(userId)
            + "?timeout=" + RefreshWaitSeconds(timeout, options.CurrentValue.Resilience.AttemptTimeout).ToString(CultureInfo.InvariantCulture);
        try
        {
            // Vital's documented refusal (400: no connected source) is an answer with a body of its own, not an outage.
            var result = await SendAsync(HttpMethod.Post, uri, "the refresh endpoint", static (body, status, ct) => RefreshParser.ParseAsync(body, status, ct), cancellationToken,
                answers: HttpStatusCode.BadRequest).ConfigureAwait(false);
            // Vital's words as every other upstream message is shown: the key masked, at most 300 characters.
            return result with { Error = Shorten(Redact(result.Error, options.CurrentValue.EffectiveApiKey)) };
        }
        catch (VitalApiException ex) when (IsNoSuchUser(ex))
        {
            return new RefreshResult { Success = false, Error = "Vital does not know this user." };
        }
    }

    /// <summary>True for <c>.</c> and <c>..</c>: a path segment an address resolves away (RFC 3986's dot-segments).</summary>
    public static bool IsPathStep(string segment) => segment is "." or "..";

    /// <summary>
    /// The <c>timeout</c> a refresh asks Vital to wait (whole seconds, 5 to 60): what was asked (Vital's own default, 10 s,
    /// when nothing was), but never so long that Vital's answer, a 202 once it stops waiting, comes after one attempt's
    /// time-out (<c>Vital:Resilience:AttemptTimeout</c>, 10 s by default): a refresh cut off there was sent and counted,
    /// and the person would read that whether it started is not known. <see cref="RefreshAnswerMargin"/> is left for the
    /// answer to arrive.
    /// </summary>
    internal static int RefreshWaitSeconds(TimeSpan? asked, TimeSpan attemptTimeout)
    {
        var wanted = asked ?? VitalRefreshWait;
        var longest = attemptTimeout - RefreshAnswerMargin;
        return Math.Clamp((int)Math.Ceiling((wanted < longest ? wanted : longest).TotalSeconds), 5, 60);
    }

    /// <summary>How long Vital waits for a refresh when not told (its documented default).</summary>
    internal static readonly TimeSpan VitalRefreshWait = TimeSpan.FromSeconds(10);

    /// <summary>Time left within one attempt for a refresh's answer to arrive once Vital stops waiting.</summary>
    internal static readonly TimeSpan RefreshAnswerMargin = TimeSpan.FromSeconds(3);

    public async IAsyncEnumerable<HistoricalPullPage> GetPagesAsync(
        ProviderSlug? provider = null,
        int? userLimit = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await GetPageAsync(
                new HistoricalPullPageRequest { Provider = provider, UserLimit = userLimit, NextCursor = cursor },
                cancellationToken).ConfigureAwait(false);
            yield return page;

            cursor = NextOrRepeated(page.NextCursor, seen);
        }
        while (cursor is not null);
    }

    public async IAsyncEnumerable<UserHistoricalPulls> GetAllUsersAsync(
        ProviderSlug? provider = null,
        int? userLimit = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in GetPagesAsync(provider, userLimit, cancellationToken).ConfigureAwait(false))
        {
            foreach (var user in page.Users)
            {
                yield return user;
            }
        }
    }

    /// <summary>A listing's address: <c>user_id</c>, <c>provider</c>, <c>user_limit</c> and <c>next_cursor</c> (never the deprecated <c>cursor</c>).</summary>
    internal static string BuildRelativeUri(string path, string? userId, ProviderSlug? provider, int userLimit, string? nextCursor)
    {
        var query = new StringBuilder(path);
        var separator = '?';
        void Add(string name, string value)
        {
            query.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        if (!string.IsNullOrEmpty(userId))
        {
            Add("user_id", userId);
        }

        if (provider is { Value.Length: > 0 } slug)
        {
            Add("provider", slug.Value);
        }

        Add("user_limit", userLimit.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(nextCursor))
        {
            Add("next_cursor", nextCursor);
        }

        return query.ToString();
    }

    internal static string BuildRelativeUri(HistoricalPullPageRequest request, int userLimit) =>
        BuildRelativeUri(Path, request.UserId, request.Provider, userLimit, request.NextCursor);

    /// <summary>The next cursor, or null at the end; a cursor seen before is an upstream in a loop.</summary>
    /// <summary>
    /// The cursor to ask for next (null: the walk is over), after checking that <paramref name="seen"/> does not
    /// already hold it: an upstream whose cursors go round in a loop would otherwise never end a walk. Every walk of the
    /// team's pages goes through this, the client's own and the team scan's patient one.
    /// </summary>
    /// <exception cref="VitalApiException"><paramref name="cursor"/> came before (<see cref="VitalErrorKind.MalformedResponse"/>).</exception>
    public static string? NextOrRepeated(string? cursor, ISet<string> seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        return cursor is null || seen.Add(cursor)
            ? cursor
            : throw new VitalApiException(
                VitalErrorKind.MalformedResponse,
                "Vital sent a page cursor it had sent before, so its pages go round in a loop and the list of users would never end; the dashboard stopped reading.");
    }

    /// <summary>
    /// Vital answered that it knows no such user: 404, or 400, with its JSON <c>{"detail": "..."}</c> (not a validation
    /// list). A 404 without it (an empty body, a proxy's HTML page, a wrong <c>Vital:BaseUrl</c>) is not Vital speaking of
    /// the user, and stays an error that says to check the address.
    /// </summary>
    public static bool IsNoSuchUser(VitalApiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.UpstreamDetail is not null && (error.StatusCode == 404 || (error.StatusCode == 400 && error.ValidationErrors.Count == 0));
    }

    /// <summary>"No such user" as null: a result, not an outage.</summary>
    private static async Task<T?> OrNoSuchUserAsync<T>(Task<T> call) where T : class
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (VitalApiException ex) when (IsNoSuchUser(ex))
        {
            return null;
        }
    }

    /// <summary>
    /// Sends one request with the key, and reads a success (or one of <paramref name="answers"/>) with
    /// <paramref name="parse"/>. Everything else is a <see cref="VitalApiException"/> in words that name
    /// <paramref name="what"/>.
    /// </summary>
    private async Task<T> SendAsync<T>(
        HttpMethod method,
        string relativeUri,
        string what,
        Func<Stream, HttpStatusCode, CancellationToken, Task<T>> parse,
        CancellationToken cancellationToken,
        params HttpStatusCode[] answers)
    {
        var current = options.CurrentValue;
        using var message = new HttpRequestMessage(method, relativeUri);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (current.EffectiveApiKey is { Length: > 0 } key)
        {
            message.Headers.TryAddWithoutValidation(ApiKeyHeader, key);
        }

        using var response = await TransmitAsync(message, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && !answers.Contains(response.StatusCode))
        {
            throw await ToExceptionAsync(response, current.EffectiveApiKey, what, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        if (IsHtml(response.Content.Headers.ContentType))
        {
            throw new VitalApiException(
                VitalErrorKind.MalformedResponse,
                "Vital's address answered with a web page instead of data; a proxy or the wrong Vital:BaseUrl may be in the way.",
                (int)response.StatusCode);
        }

        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await parse(body, response.StatusCode, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new VitalApiException(VitalErrorKind.Network, "The connection to Vital broke while its answer was arriving.", (int)response.StatusCode, innerException: ex);
        }
    }

    private async Task<HttpResponseMessage> TransmitAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        var host = httpClient.BaseAddress?.Host ?? "Vital";
        try
        {
            return await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new VitalApiException(
                VitalErrorKind.Unavailable,
                $"Vital failed several times in a row, so the dashboard is pausing its calls for a moment. Try again in {(int)Math.Ceiling(options.CurrentValue.Resilience.CircuitBreakerBreakDuration.TotalSeconds)} seconds.",
                retryAfter: options.CurrentValue.Resilience.CircuitBreakerBreakDuration,
                innerException: ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new VitalApiException(VitalErrorKind.Timeout, "Vital did not answer in time. It may be under load; try again in a minute.", innerException: ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VitalApiException(VitalErrorKind.Timeout, "Vital did not answer in time. It may be under load; try again in a minute.", innerException: ex);
        }
        catch (IncompleteBodyException ex)
        {
            // Retried like a 5xx, but said as what it is: Vital answered, its data did not arrive whole.
            throw new VitalApiException(
                VitalErrorKind.MalformedResponse,
                "Vital's answers kept arriving cut off or garbled (not whole JSON), even after retries; try again in a minute.",
                statusCode: 200,
                innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new VitalApiException(VitalErrorKind.Network, $"The dashboard could not reach Vital at {host}. Check the network, or Vital:BaseUrl.", innerException: ex);
        }
    }

    private static async Task<VitalApiException> ToExceptionAsync(HttpResponseMessage response, string? apiKey, string what, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = GetRetryAfter(response, now);
        var (detail, validation) = await ReadDetailAsync(response, apiKey, cancellationToken).ConfigureAwait(false);

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new VitalApiException(VitalErrorKind.Unauthorized,
                "Vital rejected the dashboard's API key (401). Ask an administrator to check Vital:ApiKey.", status, upstreamDetail: detail),
            HttpStatusCode.Forbidden => new VitalApiException(VitalErrorKind.Forbidden,
                "Vital refused this request for the dashboard's API key (403). Ask an administrator to check that Vital:ApiKey belongs to this team and region.", status, upstreamDetail: detail),
            HttpStatusCode.NotFound => new VitalApiException(VitalErrorKind.NotFound,
                $"Vital answered 404 Not Found for {what}. Check Vital:BaseUrl.", status, upstreamDetail: detail),
            HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest => new VitalApiException(VitalErrorKind.Validation,
                validation.Count > 0
                    ? $"Vital rejected the request: {string.Join("; ", validation.Select(v => $"{v.Location}: {v.Message}"))}."
                    : $"Vital rejected the request ({status}){(detail is null ? "." : $": {detail}")}",
                status, validation, detail),
            HttpStatusCode.TooManyRequests => new VitalApiException(VitalErrorKind.RateLimited,
                "Vital is limiting how fast the dashboard may ask (429), and it was still limited after several retries. Wait a minute and try again.",
                status, upstreamDetail: detail, retryAfter: retryAfter),
            HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout => new VitalApiException(VitalErrorKind.Timeout,
                $"Vital did not answer in time ({status}). It may be under load; try again in a minute.", status, upstreamDetail: detail),
            _ when status is >= 300 and < 400 => new VitalApiException(VitalErrorKind.MalformedResponse,
                $"Vital answered with a redirect ({status}){RedirectTarget(response)}. The dashboard does not follow redirects, so the API key goes only to Vital:BaseUrl: check that it is the API's address (https, no extra path).",
                status, upstreamDetail: detail),
            _ when status >= 500 => new VitalApiException(VitalErrorKind.Unavailable,
                $"Vital is having trouble right now ({status}), and it did not recover after several retries. Try again in a few minutes; if it lasts, check Vital's status page.",
                status, upstreamDetail: detail, retryAfter: retryAfter),
            _ => new VitalApiException(VitalErrorKind.MalformedResponse,
                $"Vital answered with an unexpected status ({status}).", status, upstreamDetail: detail),
        };
    }

    /// <summary>" to https://host" (scheme and host only: a redirect's path or query may carry anything).</summary>
    private static string RedirectTarget(HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? location.IsAbsoluteUri ? $" to {location.GetLeftPart(UriPartial.Authority)}" : " to another path on the same host"
            : string.Empty;

    private static TimeSpan? GetRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        // A date already past (a clock ahead of Vital's) asks for no wait, not a negative one.
        return header?.Date is { } date ? (date > now ? date - now : TimeSpan.Zero) : null;
    }

    /// <summary>Reads FastAPI's <c>{"detail": "..."}</c> or <c>{"detail": [{"loc","msg","type"}]}</c>; anything else gives nothing.</summary>
    /// <remarks>An upstream (or a proxy before it) that echoes the key back gets it masked here, before shortening, so no exception carries it.</remarks>
    private static async Task<(string? Detail, IReadOnlyList<VitalValidationError> Validation)> ReadDetailAsync(
        HttpResponseMessage response, string? apiKey, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while (buffer.Length < MaxErrorBodyBytes && (read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }

            body = buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return (null, []);
        }

        try
        {
            using var document = JsonDocument.Parse(body.AsMemory(JsonText.ByteOrderMarkLength(body)));
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("detail", out var detail))
            {
                return (null, []);
            }

            if (detail.ValueKind == JsonValueKind.String)
            {
                return (Shorten(Redact(detail.GetString(), apiKey)), []);
            }

            if (detail.ValueKind == JsonValueKind.Array)
            {
                var errors = new List<VitalValidationError>();
                foreach (var item in detail.EnumerateArray().Take(20))
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var location = item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array
                        ? string.Join('.', loc.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString() : l.GetRawText()))
                        : "request";
                    var msg = item.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    var type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    errors.Add(new VitalValidationError(Shorten(Redact(location, apiKey)) ?? "request", Shorten(Redact(msg, apiKey)) ?? "invalid", Redact(type, apiKey)));
                }

                return (null, errors);
            }
        }
        catch (JsonException)
        {
            // An HTML page from a proxy, or plain text: no detail to show.
        }

        return (null, []);
    }

    private static string? Redact(string? text, string? apiKey) =>
        text is null || string.IsNullOrEmpty(apiKey) ? text : text.Replace(apiKey, "***", StringComparison.Ordinal);

    /// <summary>An upstream message as the dashboard shows it: at most 300 characters, without bidirectional controls.</summary>
    private static string? Shorten(string? text) =>
        BidiControls.Strip(text) is not { } clean ? null : clean.Length <= 300 ? clean : string.Concat(clean.AsSpan(0, 300), "…");

    private static bool IsHtml(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } media && media.Contains("html", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug,
        Message = "Fetched {UserCount} users (provider {Provider}, continued {Continued}, more {HasMore}) in {ElapsedMs} ms")]
    private static partial void LogPage(ILogger logger, int userCount, string? provider, bool continued, bool hasMore, long elapsedMs);
}
