using Bunit;
using MudBlazor;

namespace Dashboard.Web.Tests.Support;

/// <summary>The options of a filter select, which makes them only while it is open (ADR 0010).</summary>
internal static class SelectOptions
{
    /// <summary>The option values of a select, in order, each as often as it is drawn (none while it is closed).</summary>
    public static IReadOnlyList<string?> Options(this IRenderedComponent<MudSelect<string>> select) =>
        [.. select.FindComponents<MudSelectItem<string>>().Select(i => i.Instance.Value)];
}
