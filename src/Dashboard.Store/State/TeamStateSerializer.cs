using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Store.State;

/// <summary>
/// A <see cref="TeamState"/> as stored. Format 3 (written now; 2 is the same without the users' headlines): a compact binary layout, gzip-compressed, with every
/// repeated name (provider, resource, status, finding code, release, error) written once and then referred to by
/// number, and times as UTC ticks. Reading and writing it is several times faster than the JSON of format 1 and holds
/// no text copy of the team in memory: a restart of a 100,000-user team reads it in seconds, and the history writer
/// serializes each scan in a fraction of the time. Format 1 (gzip-compressed JSON) is still read, so a store written
/// by an older version restores once before the next scan replaces it.
/// </summary>
public static class TeamStateSerializer
{
    /// <summary>The payload format written now; a stored payload of an unknown format is not read (the next scan replaces it).</summary>
    public const int Format = 3;

    /// <summary>Format 3 without the users' headlines (then a restart diagnoses them): still read.</summary>
    internal const int NoHeadlineFormat = 2;

    /// <summary>The older format, gzip-compressed JSON: still read.</summary>
    internal const int JsonFormat = 1;

    /// <summary>The payload as one array; <paramref name="each"/> sees every user as it is written (tests, and small teams).</summary>
    public static byte[] Serialize(TeamState state, Action<UserState>? each = null)
    {
        using var buffer = new MemoryStream();
        Serialize(state, buffer, each);
        return buffer.ToArray();
    }

    /// <summary>
    /// Writes the payload to <paramref name="destination"/> (left open), in one pass over a lazily made team;
    /// <paramref name="each"/> sees every user as it is written. The history writer spills it to a file this way and
    /// streams that into the database: a 100,000-user payload (about a hundred megabytes) then never sits in the
    /// large-object heap, where its buffer and the copy made of it stayed committed after every write.
    /// </summary>
    public static void Serialize(TeamState state, Stream destination, Action<UserState>? each = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(destination);
        using var zip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true);
        using var writer = new BinaryStateWriter(new BufferedStream(zip, 1 << 16));
        writer.Write(state, each);
    }

    /// <summary>The state, or null when the payload is of a format this version does not know.</summary>
    public static TeamState? Deserialize(byte[] payload, int format)
    {
        ArgumentNullException.ThrowIfNull(payload);
        switch (format)
        {
            case Format or NoHeadlineFormat:
            {
                using var zip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
                using var reader = new BinaryStateReader(new BufferedStream(zip, 1 << 16), headlines: format == Format);
                return reader.ReadTeam();
            }

            case JsonFormat:
            {
                using var zip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
                return JsonSerializer.Deserialize(zip, TeamStateJson.Default.TeamState);
            }

            default:
                return null;
        }
    }

    /// <summary>
    /// The stored users one at a time, decompressed and decoded as they are asked for from <paramref name="payload"/>
    /// (a payload streamed from the database, never one array); null when the format is not one this version knows.
    /// The caller keeps <paramref name="payload"/> open until it is done with the users, and disposes it.
    /// </summary>
    public static IEnumerable<UserState>? ReadUsers(Stream payload, int format)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return format switch
        {
            Format or NoHeadlineFormat => Stream(payload, format == Format),
            JsonFormat => Json(payload),
            _ => null,
        };

        static IEnumerable<UserState> Stream(Stream payload, bool headlines)
        {
            using var zip = new GZipStream(payload, CompressionMode.Decompress, leaveOpen: true);
            using var reader = new BinaryStateReader(new BufferedStream(zip, 1 << 16), headlines);
            _ = reader.ReadCompletedAt();
            for (var count = reader.ReadCount(); count > 0; count--)
            {
                yield return reader.ReadUser();
            }
        }

        static IEnumerable<UserState> Json(Stream payload)
        {
            using var zip = new GZipStream(payload, CompressionMode.Decompress, leaveOpen: true);
            return (JsonSerializer.Deserialize(zip, TeamStateJson.Default.TeamState)
                ?? throw new InvalidDataException("The stored team state is empty.")).Users;
        }
    }

    /// <summary>The format 1 writer: kept so tests can make the payload an older version stored.</summary>
    internal static byte[] SerializeJson(TeamState state)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(zip, state, TeamStateJson.Default.TeamState);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Names are written once: 0 is null, 1 is a new name (its text follows, and it takes the next number), and n ≥ 2
    /// refers to name n − 2. Ids that never repeat (user ids, trace ids) are written as text without a number.
    /// </summary>
    private sealed class BinaryStateWriter(Stream stream) : IDisposable
    {
        private readonly BinaryWriter _out = new(stream, System.Text.Encoding.UTF8, leaveOpen: false);
        private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);

        public void Write(TeamState state, Action<UserState>? each)
        {
            _out.Write(state.CompletedAt.UtcTicks);
            _out.Write7BitEncodedInt(state.Users.Count);
            foreach (var user in state.Users)
            {
                Write(user);
                each?.Invoke(user);
            }
        }

        public void Dispose() => _out.Dispose();

        private void Write(UserState user)
        {
            Text(user.UserId);
            _out.Write(user.AsOf.UtcTicks);
            Items(user.Providers, Name);
            Items(user.Pulls, pull =>
            {
                Name(pull.Provider);
                Name(pull.Resource);
                Name(pull.Status);
                Name(pull.ErrorDetails);
                Name(pull.Release);
                Text(pull.TraceId);
                _out.Write7BitEncodedInt(pull.DaysWithData);
                Time(pull.ScheduledAt);
                Time(pull.StartedAt);
                Time(pull.EndedAt);
                Time(pull.RangeStart);
                Time(pull.RangeEnd);
            });
            Items(user.NotPulled, notPulled =>
            {
                Name(notPulled.Provider);
                Items(notPulled.Resources, Name);
            });
            Items(user.Findings, finding =>
            {
                Name(finding.Code);
                Name(finding.Severity);
                Name(finding.Provider);
                Name(finding.Resource);
            });
            Name(user.Headline);
            OptionalItems(user.Connections, connection =>
            {
                Name(connection.Provider);
                Name(connection.Status);
            });
            OptionalItems(user.Ongoing, freshness =>
            {
                Name(freshness.Provider);
                Name(freshness.Resource);
                Time(freshness.NewestData);
                Time(freshness.OldestData);
                Time(freshness.LastAttemptAt);
                Name(freshness.LastAttemptStatus);
                _out.Write(freshness.SentCount.HasValue);
                if (freshness.SentCount is { } sent)
                {
                    _out.Write7BitEncodedInt(sent);
                }
            });
        }

        /// <summary>A list: its count, then each item.</summary>
        private void Items<T>(IReadOnlyList<T> items, Action<T> write)
        {
            _out.Write7BitEncodedInt(items.Count);
            foreach (var item in items)
            {
                write(item);
            }
        }

        /// <summary>A list that may be absent: 0 is null, n is n − 1 items.</summary>
        private void OptionalItems<T>(IReadOnlyList<T>? items, Action<T> write)
        {
            _out.Write7BitEncodedInt(items is null ? 0 : items.Count + 1);
            foreach (var item in items ?? [])
            {
                write(item);
            }
        }

        private void Name(string? name)
        {
            if (name is null)
            {
                _out.Write7BitEncodedInt(0);
            }
            else if (_names.TryGetValue(name, out var number))
            {
                _out.Write7BitEncodedInt(number + 2);
            }
            else
            {
                _names[name] = _names.Count;
                _out.Write7BitEncodedInt(1);
                _out.Write(name);
            }
        }

        private void Text(string? text)
        {
            _out.Write(text is not null);
            if (text is not null)
            {
                _out.Write(text);
            }
        }

        /// <summary>UTC ticks; 0 is none (no time Vital sends is the year 1).</summary>
        private void Time(DateTimeOffset? time) => _out.Write(time?.UtcTicks ?? 0L);
    }

    private sealed class BinaryStateReader(Stream stream, bool headlines) : IDisposable
    {
        private const int MaxUsers = 10_000_000;
        private const int MaxItems = 100_000;

        private readonly BinaryReader _in = new(stream, System.Text.Encoding.UTF8, leaveOpen: false);
        private readonly List<string> _names = [];

        public TeamState ReadTeam()
        {
            var completedAt = ReadCompletedAt();
            var users = new UserState[ReadCount()];
            for (var i = 0; i < users.Length; i++)
            {
                users[i] = ReadUser();
            }

            return new TeamState { CompletedAt = completedAt, Users = users };
        }

        public DateTimeOffset ReadCompletedAt() => new(_in.ReadInt64(), TimeSpan.Zero);

        /// <summary>The team's user count, checked: a damaged payload fails here rather than allocating billions.</summary>
        public int ReadCount() => Count(MaxUsers);

        public void Dispose() => _in.Dispose();

        /// <summary>A user as the writer wrote them: an object initializer reads its members in the order written.</summary>
        public UserState ReadUser() => new()
        {
            UserId = Text()!,
            AsOf = new DateTimeOffset(_in.ReadInt64(), TimeSpan.Zero),
            Providers = Items(() => Name()!),
            Pulls = Items(() => new PullState
            {
                Provider = Name()!,
                Resource = Name()!,
                Status = Name()!,
                ErrorDetails = Name(),
                Release = Name(),
                TraceId = Text(),
                DaysWithData = _in.Read7BitEncodedInt(),
                ScheduledAt = Time(),
                StartedAt = Time(),
                EndedAt = Time(),
                RangeStart = Time(),
                RangeEnd = Time(),
            }),
            NotPulled = Items(() => new NotPulledState(Name()!, Items(() => Name()!))),
            Findings = Items(() => new FindingState(Name()!, Name()!, Name(), Name())),
            Headline = headlines ? Name() : null,
            Connections = OptionalItems(() => new ConnectionState(Name()!, Name()!)),
            Ongoing = OptionalItems(() => new FreshnessState
            {
                Provider = Name()!,
                Resource = Name()!,
                NewestData = Time(),
                OldestData = Time(),
                LastAttemptAt = Time(),
                LastAttemptStatus = Name(),
                SentCount = _in.ReadBoolean() ? _in.Read7BitEncodedInt() : null,
            }),
        };

        /// <summary>A list as the writer's <c>Items</c> wrote it.</summary>
        private T[] Items<T>(Func<T> read)
        {
            var items = new T[Count(MaxItems)];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = read();
            }

            return items;
        }

        /// <summary>A list as <c>OptionalItems</c> wrote it: null for 0.</summary>
        private T[]? OptionalItems<T>(Func<T> read)
        {
            var count = Count(MaxItems + 1);
            if (count == 0)
            {
                return null;
            }

            var items = new T[count - 1];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = read();
            }

            return items;
        }

        private string? Name()
        {
            var number = _in.Read7BitEncodedInt();
            switch (number)
            {
                case 0:
                    return null;
                case 1:
                    var name = _in.ReadString();
                    _names.Add(name);
                    return name;
                default:
                    return number - 2 < _names.Count ? _names[number - 2] : throw new InvalidDataException($"The stored team state names {number - 2}, which it never wrote.");
            }
        }

        private int Count(int max) => _in.Read7BitEncodedInt() is var count && count >= 0 && count <= max
            ? count
            : throw new InvalidDataException($"The stored team state holds a count of {count}, more than it can have written.");

        private string? Text() => _in.ReadBoolean() ? _in.ReadString() : null;

        private DateTimeOffset? Time() => _in.ReadInt64() is var ticks && ticks != 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(TeamState))]
internal sealed partial class TeamStateJson : JsonSerializerContext;
