using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Vital.Introspection;

/// <summary>
/// Inside the resilience handler, so each attempt is judged: a GET answered 2xx with JSON (or no content type) is
/// read whole and checked to be one complete JSON document; a body cut off, broken off mid-way or not JSON throws
/// <see cref="IncompleteBodyException"/>, which is retried like a 5xx. Only the syntax is checked: a well-formed
/// body of the wrong shape is the parser's to report, and asking again would not change it.
/// </summary>
internal sealed class CompleteBodyHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Method != HttpMethod.Get
            || !response.IsSuccessStatusCode
            || response.StatusCode == HttpStatusCode.NoContent
            || !MayBeJson(response.Content.Headers.ContentType))
        {
            return response;
        }

        PooledBodyContent content;
        try
        {
            content = await PooledBodyContent.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            response.Dispose();
            throw new IncompleteBodyException($"Vital answered {(int)response.StatusCode} but the connection broke while its body was arriving.", ex);
        }

        if (!IsCompleteJson(content.Body))
        {
            var length = content.Body.Length;
            content.Dispose();
            response.Dispose();
            throw new IncompleteBodyException($"Vital answered {(int)response.StatusCode} with a body that is not whole JSON ({length} bytes, cut off or garbled).");
        }

        // The body is read: hand the parser the same bytes (the pooled array goes back when the response is disposed),
        // with the headers as they came (unparsed: enumerating them parsed every value under a lock, once a page).
        foreach (var (name, values) in response.Content.Headers.NonValidated)
        {
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        response.Content.Dispose();
        response.Content = content;
        return response;
    }

    private static bool MayBeJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is not { } media || media.Contains("json", StringComparison.OrdinalIgnoreCase);

    internal static bool IsCompleteJson(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body[JsonText.ByteOrderMarkLength(body)..], new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0 && reader.CurrentDepth == 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
