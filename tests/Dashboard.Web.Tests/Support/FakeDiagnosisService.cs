using Dashboard.Diagnosis;
using Dashboard.Web.Data;
using Vital.Introspection;

namespace Dashboard.Web.Tests.Support;

/// <summary>One call to <see cref="IDiagnosisService"/>: whose diagnosis, and how fresh it had to be.</summary>
internal sealed record DiagnosisCall(string UserId, bool Refresh, TimeSpan? MaxAge);

/// <summary>
/// Answers with diagnoses built by the real <see cref="DiagnosisEngine"/> from canned pulls, or throws the
/// upstream error a test asks for. Records every call.
/// </summary>
internal sealed class FakeDiagnosisService : IDiagnosisService
{
    private readonly Lock _gate = new();
    private readonly List<DiagnosisCall> _calls = [];
    private Func<string, UserDiagnosis> _answer = id => TestPulls.Diagnose(UserHistoricalPulls.Empty(id));
    private TaskCompletionSource? _hold;

    public IReadOnlyList<DiagnosisCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>From now on, the diagnosis of these pulls (under the asked user id) as of <see cref="TestPulls.Now"/> or <paramref name="asOf"/>.</summary>
    public void Returns(UserHistoricalPulls pulls, DateTimeOffset? asOf = null) =>
        _answer = id => TestPulls.Diagnose(pulls with { UserId = id }, asOf);

    public void Returns(Func<string, UserDiagnosis> answer) => _answer = answer;

    /// <summary>From now on, the upstream trouble of this kind.</summary>
    public void Throws(VitalErrorKind kind, string message = "Vital answered 503 three times; it is probably down for a moment.") =>
        _answer = _ => throw new VitalApiException(kind, message);

    /// <summary>Calls wait until <see cref="Release"/>: for loading states.</summary>
    public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _hold?.TrySetResult();

    public Task<UserDiagnosis> GetAsync(string userId, bool refresh = false, CancellationToken cancellationToken = default) =>
        AnswerAsync(new DiagnosisCall(userId, refresh, null), cancellationToken);

    public Task<UserDiagnosis> GetAsync(string userId, TimeSpan maxAge, CancellationToken cancellationToken = default) =>
        AnswerAsync(new DiagnosisCall(userId, maxAge == TimeSpan.Zero, maxAge), cancellationToken);

    private async Task<UserDiagnosis> AnswerAsync(DiagnosisCall call, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }

        if (_hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        return _answer(call.UserId);
    }
}
