using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Vital.Simulator;

/// <summary>
/// A simulated Vital team behind every upstream endpoint a diagnosis reads: the historical pulls and the ongoing data
/// (<c>GET /v2/introspect/historical_pull</c>, <c>GET /v2/introspect/resources</c>), the user by Vital's id or the
/// customer's own (<c>GET /v2/user/{user_id}</c>, <c>GET /v2/user/resolve/{client_user_id}</c>), the user's connections
/// (<c>GET /v2/user/providers/{user_id}</c>), and the manual refresh (<c>POST /v2/user/refresh/{user_id}</c>). One
/// deterministic team (see <see cref="SimulatedTeam"/>) answers them all consistently, with the upstream's validation,
/// paging and quirks, and injected faults. Thread-safe; the in-process <see cref="VitalSimulatorHandler"/> and the
/// HTTP host both answer through <see cref="HandleAsync"/>.
/// </summary>
public sealed class VitalSimulator
{
    /// <summary>The historical-pull introspection's path.</summary>
    public const string EndpointPath = "/v2/introspect/historical_pull";

    /// <summary>The resources (ongoing data) introspection's path.</summary>
    public const string ResourcesPath = "/v2/introspect/resources";

    public const string ApiKeyHeader = "x-vital-api-key";

    /// <summary>The bounds of <c>POST /v2/user/refresh/{user_id}?timeout=</c>, in seconds (default 10); outside them a 422.</summary>
    public const int MinRefreshTimeout = 5;

    /// <inheritdoc cref="MinRefreshTimeout"/>
    public const int MaxRefreshTimeout = 60;

    /// <summary>Vital's limit: refreshes per user in any hour (429 beyond).</summary>
    public const int RefreshesPerHour = RefreshLimiter.PerHour;

    /// <summary>How many query strings <see cref="RecentRequestQueries"/> keeps.</summary>
    public const int RecentQueryCapacity = 1000;

    private const string JsonType = "application/json";

    private static readonly Uri PlaceholderBase = new("http://vital-simulator.invalid/");

    private const string HtmlErrorPage =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private readonly TimeProvider _timeProvider;
    private readonly bool _requireApiKey;
    private readonly string? _lastPageCursor;
    private readonly Lock _faultRandomLock = new();
    private readonly Lock _queriesLock = new();
    private readonly Queue<string> _queries = new();
    private readonly RefreshLimiter _refreshLimiter = new();
    private readonly ulong _resourcesCursorKey;
    private DeterministicRandom _faultRandom;
    private volatile SimulatorFaultOptions _faults;
    private long _requestCount;
    private long _updateCount;

    public VitalSimulator(SimulatorOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var problems = SimulatorOptionsValidator.GetProblems(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _timeProvider = timeProvider;
        _requireApiKey = options.RequireApiKey;
        _lastPageCursor = options.LastPageCursor;
        _faults = options.Faults;

        var now = timeProvider.GetUtcNow();
        var epoch = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        Team = new SimulatedTeam(options.Users, options.Seed, epoch);
        _faultRandom = new DeterministicRandom(DeterministicRandom.Hash(Team.SeedKey, 0, 0xFA017));

        // Each listing signs its cursors with a key of its own: a historical-pull cursor is no resources cursor.
        _resourcesCursorKey = DeterministicRandom.Mix(Team.SeedKey ^ 0x4E50_0C5E);
    }

    public SimulatedTeam Team { get; }

    /// <summary>The faults in force; replace them at runtime (a fault burst in a browser test). Validated like the configuration.</summary>
    public SimulatorFaultOptions Faults
    {
        get => _faults;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var problems = SimulatorOptionsValidator.GetProblems(value);
            if (problems.Count > 0)
            {
                throw new ArgumentException(string.Join("; ", problems), nameof(value));
            }

            _faults = value;
        }
    }

    /// <summary>Requests that reached their end: answered (whatever the status) or dropped by a simulated disconnect.</summary>
    public long RequestCount => Interlocked.Read(ref _requestCount);

    /// <summary>The last <see cref="RecentQueryCapacity"/> query strings as received (without the leading <c>?</c>), oldest first.</summary>
    public IReadOnlyList<string> RecentRequestQueries
    {
        get
        {
            lock (_queriesLock)
            {
                return [.. _queries];
            }
        }
    }

    public async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : new Uri(PlaceholderBase, request.RequestUri?.OriginalString ?? "/");
        var query = uri.Query.TrimStart('?');
        Record(query);
        var route = UpstreamRoute.Match(uri.AbsolutePath);

        var faults = _faults;
        var (fault, slow) = DrawFault(faults); // drawn for every request: narrowing the faults shifts no other request's draw
        var applies = faults.Endpoints.Length == 0 || (route is { } r && faults.Endpoints.Contains(r.Endpoint, StringComparer.Ordinal));
        fault = applies ? fault : Fault.None;
        // A read is built while the latency runs: it takes the latency, not the latency plus the time to build it (a
        // page of 50 users takes about 5 ms, longer while the client's own work shares the cores). A write (the manual
        // refresh) takes effect only once the latency has passed, so a request cancelled meanwhile changes nothing.
        ct.ThrowIfCancellationRequested();
        var arrived = _timeProvider.GetTimestamp();
        var read = request.Method == HttpMethod.Get;
        var answer = read ? AnswerFor(fault, faults, request, route, query) : null;
        var delayMs = applies ? faults.LatencyMs + (slow ? faults.SlowResponseMs : 0) : 0;
        var left = TimeSpan.FromMilliseconds(delayMs) - _timeProvider.GetElapsedTime(arrived);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, _timeProvider, ct).ConfigureAwait(false);
        }

        ct.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _requestCount);
        if (!read)
        {
            answer = AnswerFor(fault, faults, request, route, query);
        }

        if (answer is null)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "The simulated Vital dropped the connection (Simulator:Faults:DisconnectRate).");
        }

        if (fault == Fault.Malformed && answer.Status == 200)
        {
            // A strict prefix of a JSON object is never valid JSON.
            answer = answer with { Body = answer.Body[..Math.Max(1, answer.Body.Length / 2)] };
        }

        return ToResponse(answer, request);
    }

    /// <summary>The answer the drawn fault gives, or the endpoint's own; null for a dropped connection.</summary>
    private Answer? AnswerFor(Fault fault, SimulatorFaultOptions faults, HttpRequestMessage request, UpstreamRoute? route, string query) => fault switch
    {
        Fault.Disconnect => null,
        Fault.ServerError => new Answer(500, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes("Internal Server Error")),
        Fault.Unavailable => Json(503, HistoricalPullJson.Detail("Service temporarily unavailable, please retry with exponential backoff.")),
        Fault.RateLimit => Json(429, HistoricalPullJson.Detail("Too Many Requests")) with { RetryAfterSeconds = faults.RetryAfterSeconds },
        Fault.HtmlError => new Answer(502, "text/html", Encoding.UTF8.GetBytes(HtmlErrorPage)),
        _ => Respond(request, route, query),
    };

    /// <summary>Changes one pull from now on (an upstream pull moving on); fields left out fit the status, relative to now.</summary>
    public PullUpdateResult SetPull(string userId, string provider, string resource, PullUpdate update)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentException.ThrowIfNullOrWhiteSpace(update.Status, nameof(update));
        if (update.DaysWithData < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(update), "days_with_data must not be negative.");
        }

        if (!Team.TryGetIndex(userId, out var index))
        {
            return PullUpdateResult.UnknownUser;
        }

        if (!ProviderCatalog.BySlug.TryGetValue(provider, out var simulated) || !Team.IsConnected(index, simulated))
        {
            return PullUpdateResult.NotConnected;
        }

        var pull = Resolve(update, resource, simulated.WindowFor(resource), index);
        Team.Updates.GetOrAdd(index, _ => new())[(provider, resource)] = pull;
        return PullUpdateResult.Updated;
    }

    /// <summary>Forgets every <see cref="SetPull"/>: the team answers as generated again.</summary>
    public void ClearPullUpdates() => Team.Updates.Clear();

    /// <summary>Forgets every manual refresh: the hourly limits start afresh and last attempts are as generated again.</summary>
    public void ClearRefreshes()
    {
        _refreshLimiter.Clear();
        Team.Refreshes.Clear();
    }

    private SimulatedPull Resolve(PullUpdate update, string resource, int window, int index)
    {
        var now = _timeProvider.GetUtcNow();
        now = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var status = update.Status;
        var waiting = status == "scheduled";
        var finished = status is "success" or "failure" or "error";
        var scheduledAt = update.ScheduledAt ?? (waiting ? now : finished ? now.AddMinutes(-5) : now.AddMinutes(-2));
        var rangeEnd = new DateTimeOffset(scheduledAt.UtcDateTime.Date, TimeSpan.Zero);
        var trace = new DeterministicRandom(DeterministicRandom.Hash(Team.SeedKey, (ulong)index, (ulong)Interlocked.Increment(ref _updateCount)));
        return new SimulatedPull
        {
            Resource = resource,
            Status = status,
            RangeStart = update.RangeStart ?? (waiting ? null : rangeEnd.AddDays(-window)),
            RangeEnd = update.RangeEnd ?? (waiting ? null : rangeEnd),
            ScheduledAt = scheduledAt,
            StartedAt = update.StartedAt ?? (waiting ? null : scheduledAt.AddSeconds(5)),
            EndedAt = update.EndedAt ?? (finished ? now : null),
            DaysWithData = update.DaysWithData ?? (status == "success" ? window : 0),
            Release = update.Release ?? PullGenerator.CurrentRelease,
            TraceId = update.TraceId ?? (waiting ? null : trace.NextHex32()),
            ErrorDetails = update.ErrorDetails,
        };
    }

    private Answer Respond(HttpRequestMessage request, UpstreamRoute? match, string query)
    {
        if (match is not { } route)
        {
            return Json(404, HistoricalPullJson.Detail("Not Found"));
        }

        if (request.Method != route.Method)
        {
            return Json(405, HistoricalPullJson.Detail("Method Not Allowed")) with { Allow = route.Method.Method };
        }

        if (_requireApiKey && !HasApiKey(request))
        {
            return Json(401, HistoricalPullJson.Detail("Missing or empty x-vital-api-key header: send your team's API key."));
        }

        var now = _timeProvider.GetUtcNow();
        return route.Endpoint switch
        {
            SimulatorEndpoints.HistoricalPull => HistoricalPulls(query, now),
            SimulatorEndpoints.Resources => Resources(query, now),
            SimulatorEndpoints.User => WithUser(route.Parameter!, index => Json(200, UserJson.User(AccountGenerator.Generate(Team, index, now), Team.TeamId))),
            SimulatorEndpoints.Resolve => Team.UserIdOfClientUserId(route.Parameter!) is { } userId && Team.TryGetIndex(userId, out var found)
                ? Json(200, UserJson.User(AccountGenerator.Generate(Team, found, now), Team.TeamId))
                : Json(404, HistoricalPullJson.Detail("User not found")),
            SimulatorEndpoints.Providers => WithUser(route.Parameter!, index => Json(200, UserJson.Providers(AccountGenerator.Generate(Team, index, now)))),
            _ => Refresh(route.Parameter!, query, now),
        };
    }

    private Answer HistoricalPulls(string query, DateTimeOffset now)
    {
        var parsed = HistoricalPullQuery.Parse(query, IsPresentProvider);
        if (parsed.Errors.Count > 0)
        {
            return Json(422, HistoricalPullJson.ValidationErrors(parsed.Errors));
        }

        if (parsed.UserId is { } userId)
        {
            var user = Team.TryGetIndex(userId, out var index) && Team.HasPulls(index) ? Filter(PullGenerator.Generate(Team, index, now), parsed.Provider) : null;
            return Json(200, HistoricalPullJson.Page(user is null ? [] : [user], _lastPageCursor));
        }

        return ListPage(parsed, Team.SeedKey, index => Team.HasPulls(index) ? Filter(PullGenerator.Generate(Team, index, now), parsed.Provider) : null, HistoricalPullJson.Page);
    }

    /// <summary>The ongoing data: the same query, filters and paging as the historical pulls, over the users with connections.</summary>
    private Answer Resources(string query, DateTimeOffset now)
    {
        var parsed = HistoricalPullQuery.Parse(query, IsPresentProvider);
        if (parsed.Errors.Count > 0)
        {
            return Json(422, HistoricalPullJson.ValidationErrors(parsed.Errors));
        }

        SimulatedAccount? Item(int index) => Team.HasConnections(index) ? Filter(AccountGenerator.Generate(Team, index, now), parsed.Provider) : null;
        if (parsed.UserId is { } userId)
        {
            var user = Team.TryGetIndex(userId, out var index) ? Item(index) : null;
            return Json(200, ResourcesJson.Page(user is null ? [] : [user], _lastPageCursor));
        }

        return ListPage(parsed, _resourcesCursorKey, Item, ResourcesJson.Page);
    }

    /// <summary>A user by the path's <c>user_id</c>: 422 when it is not a UUID, 404 when the team has no such user.</summary>
    private Answer WithUser(string userIdText, Func<int, Answer> answer)
    {
        if (!HistoricalPullQuery.TryParseUuid(userIdText, out var userId, out var problem))
        {
            return Json(422, HistoricalPullJson.ValidationErrors([HistoricalPullQuery.InvalidUuid("user_id", userIdText, problem) with { Location = "path" }]));
        }

        return Team.TryGetIndex(userId, out var index) ? answer(index) : Json(404, HistoricalPullJson.Detail("User not found"));
    }

    /// <summary>
    /// A manual refresh: every connected polling provider's resources are refreshed (now their last attempt), an errored
    /// one's fail, the mobile SDK's and push providers' are left alone; 400 without connections; 429 beyond
    /// <see cref="RefreshesPerHour"/> in an hour.
    /// </summary>
    private Answer Refresh(string userIdText, string query, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        if (!HistoricalPullQuery.TryParseUuid(userIdText, out var userId, out var problem))
        {
            errors.Add(HistoricalPullQuery.InvalidUuid("user_id", userIdText, problem) with { Location = "path" });
        }

        if (HistoricalPullQuery.ParseQueryString(query).TryGetValue("timeout", out var timeoutText)
            && HistoricalPullQuery.CheckNumber("timeout", timeoutText, MinRefreshTimeout, MaxRefreshTimeout) is { } timeoutError)
        {
            errors.Add(timeoutError);
        }

        if (errors.Count > 0)
        {
            return Json(422, HistoricalPullJson.ValidationErrors(errors));
        }

        if (!Team.TryGetIndex(userId, out var index))
        {
            return Json(404, HistoricalPullJson.Detail("User not found"));
        }

        if (!_refreshLimiter.TryAcquire(index, now))
        {
            return Json(429, HistoricalPullJson.Detail(string.Create(CultureInfo.InvariantCulture,
                $"Rate limit exceeded: at most {RefreshesPerHour} refreshes per user per hour.")));
        }

        var account = AccountGenerator.Generate(Team, index, now);
        if (account.Connections.Count == 0)
        {
            return Json(400, UserJson.RefreshFailed(account.UserId, "user has no connected sources"));
        }

        var refreshable = account.Connections.Where(c => c.Provider.IsPolling).ToList();
        string[] Sources(string status) =>
            [.. refreshable.Where(c => c.Status == status).SelectMany(c => c.Resources.Select(r => $"{c.Provider.Slug}/{r.Resource}"))];
        var refreshed = Sources(SimulatedConnection.Connected);
        var failed = Sources(SimulatedConnection.Errored);
        Team.Refreshes[index] = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero); // microseconds, as the upstream keeps them
        return Json(200, UserJson.Refreshed(account.UserId, refreshed, failed));
    }

    /// <summary>
    /// One page: the next <c>user_limit</c> users of the (provider-filtered) team. Users without an item (no pulls, or no
    /// connections) take a place on the page but are left out of <c>data</c>, so a page can hold fewer users even when
    /// more pages follow. Cursors are signed with <paramref name="cursorKey"/>, one per listing.
    /// </summary>
    private Answer ListPage<T>(HistoricalPullQuery query, ulong cursorKey, Func<int, T?> item, Func<IReadOnlyList<T>, string?, byte[]> write)
        where T : class
    {
        IReadOnlyList<int>? candidates = null;
        if (query.Provider is not null)
        {
            candidates = ProviderCatalog.BySlug.TryGetValue(query.Provider, out var provider) ? Team.UsersConnectedTo(provider) : [];
        }

        var count = candidates?.Count ?? Team.Count;
        var start = 0;
        if (query.NextCursor is { } cursor)
        {
            if (!PageCursor.TryDecode(cursorKey, cursor, out start, out var cursorProvider))
            {
                return Json(422, HistoricalPullJson.ValidationErrors([HistoricalPullQuery.InvalidCursor(cursor, "next_cursor is not a cursor this endpoint issued")]));
            }

            if (!string.Equals(cursorProvider, query.Provider, StringComparison.Ordinal) || start > count)
            {
                return Json(422, HistoricalPullJson.ValidationErrors([HistoricalPullQuery.InvalidCursor(cursor, "next_cursor belongs to a different query")]));
            }
        }

        var end = Math.Min(start + query.UserLimit, count);
        var items = new List<T>(end - start);
        for (var position = start; position < end; position++)
        {
            if (item(candidates?[position] ?? position) is { } found)
            {
                items.Add(found);
            }
        }

        var next = end < count ? PageCursor.Encode(cursorKey, end, query.Provider) : _lastPageCursor;
        return Json(200, write(items, next));
    }

    private static SimulatedUser? Filter(SimulatedUser user, string? provider)
    {
        if (provider is not null)
        {
            user = user with { Providers = user.Providers.FindAll(p => p.Slug == provider) };
        }

        return user.Providers.Count > 0 ? user : null;
    }

    private static SimulatedAccount? Filter(SimulatedAccount account, string? provider)
    {
        if (provider is not null)
        {
            account = account with { Connections = [.. account.Connections.Where(c => c.Provider.Slug == provider)] };
        }

        return account.Connections.Count > 0 ? account : null;
    }

    private bool IsPresentProvider(string slug) =>
        ProviderCatalog.BySlug.TryGetValue(slug, out var provider) && Team.UsersConnectedTo(provider).Count > 0;

    private static bool HasApiKey(HttpRequestMessage request) =>
        request.Headers.TryGetValues(ApiKeyHeader, out var values) && values.Any(v => !string.IsNullOrWhiteSpace(v));

    private void Record(string query)
    {
        lock (_queriesLock)
        {
            _queries.Enqueue(query);
            while (_queries.Count > RecentQueryCapacity)
            {
                _queries.Dequeue();
            }
        }
    }

    private (Fault Fault, bool Slow) DrawFault(SimulatorFaultOptions faults)
    {
        double roll, slowRoll;
        lock (_faultRandomLock)
        {
            roll = _faultRandom.NextDouble();
            slowRoll = _faultRandom.NextDouble();
        }

        var fault = Fault.None;
        var edge = 0.0;
        foreach (var (rate, kind) in (ReadOnlySpan<(double, Fault)>)
        [
            (faults.ServerErrorRate, Fault.ServerError),
            (faults.UnavailableRate, Fault.Unavailable),
            (faults.RateLimitRate, Fault.RateLimit),
            (faults.HtmlErrorRate, Fault.HtmlError),
            (faults.MalformedRate, Fault.Malformed),
            (faults.DisconnectRate, Fault.Disconnect),
        ])
        {
            edge += rate;
            if (roll < edge)
            {
                fault = kind;
                break;
            }
        }

        return (fault, slowRoll < faults.SlowRate);
    }

    private static Answer Json(int status, byte[] body) => new(status, JsonType, body);

    private static HttpResponseMessage ToResponse(Answer answer, HttpRequestMessage request)
    {
        var content = new ByteArrayContent(answer.Body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(answer.ContentType);
        content.Headers.ContentLength = answer.Body.Length;
        var response = new HttpResponseMessage((HttpStatusCode)answer.Status) { Content = content, RequestMessage = request };
        if (answer.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        if (answer.Allow is { } allow)
        {
            content.Headers.Allow.Add(allow);
        }

        return response;
    }

    private enum Fault
    {
        None,
        ServerError,
        Unavailable,
        RateLimit,
        HtmlError,
        Malformed,
        Disconnect,
    }

    private sealed record Answer(int Status, string ContentType, byte[] Body)
    {
        public int? RetryAfterSeconds { get; init; }
        public string? Allow { get; init; }
    }
}
