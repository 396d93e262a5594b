using System.Collections.ObjectModel;
using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenTelemetry.Trace;

namespace Dashboard.Web.Tests.Observability;

/// <summary>
/// The spans a host exports, through OpenTelemetry's in-memory exporter added after the dashboard's own tracing
/// setup (so after its redaction, like any real exporter). Span sources are process-wide, so hosts of tests running
/// beside this one export here too: <see cref="All"/> keeps this test's own, those of its trace
/// (<see cref="CreateClient"/>'s requests carry it, <see cref="StartTrigger"/> starts it) and of the spans linked to it
/// (a team scan is a root of its own, linked to what started it).
/// </summary>
internal sealed class CapturedSpans
{
    private readonly Exported _exported = [];

    public ActivityTraceId TraceId { get; } = ActivityTraceId.CreateRandom();

    /// <summary>Pass to <see cref="Support.DashboardFactory"/>'s <c>services</c>.</summary>
    public void AddTo(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_exported));

    /// <summary>A client whose requests are in this test's trace (a <c>traceparent</c> header).</summary>
    public HttpClient CreateClient<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class =>
        factory.CreateDefaultClient(new TraceParent(TraceId));

    /// <summary>Work started under this (a scan asked for directly) is in this test's trace.</summary>
    public Activity StartTrigger() =>
        new Activity("test").SetParentId(TraceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();

    /// <summary>This test's spans exported so far (a copy: spans keep ending on other threads).</summary>
    public IReadOnlyList<Activity> All
    {
        get
        {
            var exported = _exported.Copy();
            var traces = exported.Where(a => a.Links.Any(l => l.Context.TraceId == TraceId)).Select(a => a.TraceId).Append(TraceId).ToHashSet();
            return [.. exported.Where(a => traces.Contains(a.TraceId))];
        }
    }

    public IReadOnlyList<Activity> Named(string name) => [.. All.Where(a => a.DisplayName == name)];

    /// <summary>Every text a span carries: its name and each attribute's value.</summary>
    public static IEnumerable<string> Texts(Activity span) =>
        new[] { span.DisplayName, span.OperationName }
            .Concat(span.TagObjects.Select(t => t.Value?.ToString() ?? string.Empty))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => t.Value?.ToString() ?? string.Empty)));

    /// <summary>Waits until <paramref name="done"/> holds of the exported spans (a scan ends on its own time).</summary>
    public async Task<IReadOnlyList<Activity>> WaitAsync(Func<IReadOnlyList<Activity>, bool> done, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (!done(All))
        {
            await Task.Delay(20, timeout.Token);
        }

        return All;
    }

    /// <summary>The exporter adds on the thread a span ends on while the test reads.</summary>
    private sealed class Exported : Collection<Activity>
    {
        private readonly Lock _gate = new();

        public Activity[] Copy()
        {
            lock (_gate)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_gate)
            {
                base.InsertItem(index, item);
            }
        }
    }

    private sealed class TraceParent(ActivityTraceId traceId) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
