namespace Vital.Introspection;

/// <summary>
/// A success whose body did not arrive as whole JSON: cut off, or not JSON at all. To the client it is a fault of the
/// transport, like a 5xx, so it derives from <see cref="HttpRequestException"/>, which the retry treats as transient;
/// after the retries the client reports it as <see cref="VitalErrorKind.MalformedResponse"/>, never as an outage.
/// </summary>
public sealed class IncompleteBodyException : HttpRequestException
{
    public IncompleteBodyException()
    {
    }

    public IncompleteBodyException(string message)
        : base(message)
    {
    }

    public IncompleteBodyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
