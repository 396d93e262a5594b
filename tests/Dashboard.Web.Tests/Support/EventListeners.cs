using System.Reflection;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// Who listens to an event of a class the test does not own: reads the field a field-like event keeps its delegate
/// in, so a test can see a component subscribe and, once disposed, unsubscribe.
/// </summary>
internal static class EventListeners
{
    public static IReadOnlyList<object?> Targets(object source, string eventName)
    {
        var field = source.GetType().GetField(eventName, BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{source.GetType().Name}.{eventName} is not a field-like event.");
        return field.GetValue(source) is Delegate handler ? [.. handler.GetInvocationList().Select(d => d.Target)] : [];
    }
}
