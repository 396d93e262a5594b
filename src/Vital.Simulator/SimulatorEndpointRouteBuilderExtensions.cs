using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Vital.Simulator;

/// <summary>Serves a <see cref="VitalSimulator"/> over HTTP: the upstream's routes and a small control API for tests.</summary>
public static class SimulatorEndpointRouteBuilderExtensions
{
    public const string ControlPrefix = "/_simulator";

    private static readonly JsonSerializerOptions ControlJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>
    /// Maps every <c>/v2/...</c> request to <see cref="VitalSimulator.HandleAsync"/> (the same code path as
    /// <see cref="VitalSimulatorHandler"/>, so both answer alike, 404s and 405s included; the path goes on exactly as
    /// the client encoded it) and the control API:
    /// <list type="bullet">
    /// <item><c>GET /_simulator/scenarios</c>: scenario name to user id.</item>
    /// <item><c>GET|PUT|DELETE /_simulator/faults</c>: read, replace (JSON body of <see cref="SimulatorFaultOptions"/>,
    /// e.g. <c>{"unavailableRate": 1, "endpoints": ["providers"]}</c>) or switch off the faults.</item>
    /// <item><c>POST /_simulator/users/{userId}/pulls/{provider}/{resource}</c>: change one pull (snake_case <see cref="PullUpdate"/>).</item>
    /// <item><c>DELETE /_simulator/pulls</c>: undo every pull change.</item>
    /// <item><c>DELETE /_simulator/refreshes</c>: forget every manual refresh (the hourly limits start afresh).</item>
    /// <item><c>GET /_simulator/stats</c>: request count and recent query strings.</item>
    /// </list>
    /// </summary>
    public static IEndpointRouteBuilder MapVitalSimulator(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.Map("/v2/{**path}", ServeAsync).ExcludeFromDescription();

        var control = endpoints.MapGroup(ControlPrefix).ExcludeFromDescription();
        control.MapGet("/scenarios", (VitalSimulator simulator) => Results.Ok(simulator.Team.Scenarios));
        control.MapGet("/faults", (VitalSimulator simulator) => Results.Ok(simulator.Faults));
        control.MapPut("/faults", (VitalSimulator simulator, SimulatorFaultOptions faults) =>
        {
            var problems = SimulatorOptionsValidator.GetProblems(faults);
            if (problems.Count > 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["Simulator:Faults"] = [.. problems] });
            }

            simulator.Faults = faults;
            return Results.Ok(simulator.Faults);
        });
        control.MapDelete("/faults", (VitalSimulator simulator) =>
        {
            simulator.Faults = new SimulatorFaultOptions();
            return Results.NoContent();
        });
        control.MapPost("/users/{userId}/pulls/{provider}/{resource}", SetPullAsync);
        control.MapDelete("/pulls", (VitalSimulator simulator) =>
        {
            simulator.ClearPullUpdates();
            return Results.NoContent();
        });
        control.MapDelete("/refreshes", (VitalSimulator simulator) =>
        {
            simulator.ClearRefreshes();
            return Results.NoContent();
        });
        control.MapGet("/stats", (VitalSimulator simulator) => Results.Ok(new
        {
            requestCount = simulator.RequestCount,
            recentRequestQueries = simulator.RecentRequestQueries,
        }));

        return endpoints;
    }

    /// <summary>HttpContext to <see cref="HttpRequestMessage"/>, through the simulator, and back.</summary>
    private static async Task ServeAsync(HttpContext context)
    {
        var simulator = context.RequestServices.GetRequiredService<VitalSimulator>();
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), RequestUrl(context));
        foreach (var (name, values) in context.Request.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }

        HttpResponseMessage response;
        try
        {
            response = await simulator.HandleAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // A simulated disconnect: drop the connection without an answer, as the handler throws.
            context.Abort();
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                context.Response.Headers[name] = values.ToArray();
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The URL as the client sent it. The server decodes the path (all but <c>%2F</c>), and encoding it again cannot
    /// tell a client id's literal <c>%41</c> from an encoded <c>A</c>; the raw request target can, where the server keeps it.
    /// </summary>
    private static string RequestUrl(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return rawTarget is { Length: > 0 } && rawTarget[0] == '/'
            ? $"{context.Request.Scheme}://{context.Request.Host.ToUriComponent()}{rawTarget}"
            : context.Request.GetEncodedUrl();
    }

    private static async Task<IResult> SetPullAsync(HttpContext context, VitalSimulator simulator, string userId, string provider, string resource)
    {
        PullUpdate? update;
        try
        {
            update = await context.Request.ReadFromJsonAsync<PullUpdate>(ControlJson, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "The body is not a pull update");
        }

        if (update is null || string.IsNullOrWhiteSpace(update.Status) || update.DaysWithData < 0)
        {
            return Results.Problem("Send {\"status\": \"...\"} and, optionally, days_with_data (0 or more), error_details, timestamps, release, trace_id.",
                statusCode: StatusCodes.Status400BadRequest, title: "The body is not a pull update");
        }

        return simulator.SetPull(userId, provider, resource, update) switch
        {
            PullUpdateResult.Updated => Results.NoContent(),
            PullUpdateResult.UnknownUser => Results.Problem($"No user {userId} in the simulated team.", statusCode: StatusCodes.Status404NotFound),
            _ => Results.Problem($"User {userId} is not connected to {provider}; a pull can only change on one of the user's connections.",
                statusCode: StatusCodes.Status404NotFound),
        };
    }
}
