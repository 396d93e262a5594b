using System.Collections.Concurrent;
using Vital.Introspection;

namespace Dashboard.Web.Data;

/// <summary>
/// Learns the client user ids of the users a grid shows. Vital lists no client ids for the team, only per user, so
/// the rows on screen are read one by one in the background (a few at a time, each user once: the ids are kept in
/// <see cref="ClientUserIds"/>), and the grid shows each id once it is known.
/// </summary>
public sealed partial class ClientUserIdPrefetch(IDiagnosisService diagnoses, ClientUserIds known, ILogger<ClientUserIdPrefetch> logger) : IDisposable
{
    /// <summary>At most this many reads at once, for every viewer together: a courtesy to Vital.</summary>
    public const int Concurrency = 4;

    /// <summary>At most this many users per request (a screenful).</summary>
    public const int MaxPerRequest = 60;

    private readonly SemaphoreSlim _slots = new(Concurrency);
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _unknown = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Reads, in the background, the users among <paramref name="userIds"/> whose client id is not known yet; each id
    /// learnt goes to <see cref="ClientUserIds"/>, which tells its listeners. Returns the number of reads started.
    /// </summary>
    public int Request(IEnumerable<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var wanted = userIds
            .Where(id => known.Of(id) is null && !_unknown.ContainsKey(id) && _inFlight.TryAdd(id, 0))
            .Take(MaxPerRequest)
            .ToList();
        if (wanted.Count == 0)
        {
            return 0;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var reads = wanted.Select(async id =>
                {
                    await _slots.WaitAsync(_stopping.Token).ConfigureAwait(false);
                    try
                    {
                        var clientUserId = await diagnoses.GetClientUserIdAsync(id, _stopping.Token).ConfigureAwait(false);
                        if (clientUserId is { Length: > 0 })
                        {
                            known.Record(new VitalUser { UserId = id, ClientUserId = clientUserId });
                        }
                        else
                        {
                            // No client id (or no such user): not asked again by this process.
                            _unknown.TryAdd(id, 0);
                        }
                    }
                    catch (VitalApiException ex)
                    {
                        LogReadFailed(logger, ex.Kind);
                    }
                    finally
                    {
                        _slots.Release();
                        _inFlight.TryRemove(id, out _);
                    }
                });
                await Task.WhenAll(reads).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Shutting down.
            }
            catch (ObjectDisposedException)
            {
                // Shutting down.
            }
        });
        return wanted.Count;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _slots.Dispose();
    }

    [LoggerMessage(EventId = 9310, Level = LogLevel.Debug, Message = "Reading a user's client id for the grid failed ({Kind}); it is tried again when the row is shown again")]
    private static partial void LogReadFailed(ILogger logger, VitalErrorKind kind);
}
