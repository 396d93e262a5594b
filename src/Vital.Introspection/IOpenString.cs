namespace Vital.Introspection;

/// <summary>
/// A value from one of the upstream's non-exhaustive enumerations, kept as its exact string.
/// Vital adds values without notice (<c>scheduled</c> in 2024, <c>retrying</c> in 2025), so a value this
/// version does not know is carried verbatim and never fails a parse.
/// </summary>
public interface IOpenString<TSelf> where TSelf : struct, IOpenString<TSelf>
{
    /// <summary>The value exactly as the upstream sent it.</summary>
    string Value { get; }

    /// <summary>Whether this version of the dashboard knows the value.</summary>
    bool IsKnown { get; }

    static abstract TSelf From(string value);
}
