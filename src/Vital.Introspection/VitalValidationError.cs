namespace Vital.Introspection;

/// <summary>One entry of a FastAPI validation answer: <c>{"loc": [...], "msg": "...", "type": "..."}</c>.</summary>
public sealed record VitalValidationError(string Location, string Message, string? Type);
