using Bunit;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Support;

/// <summary>The bUnit recipe for MudBlazor components (as in MudBlazor's own tests).</summary>
public static class BunitSetup
{
    /// <summary>Loose JS interop, MudBlazor services with transitions at zero and no popover-provider check.</summary>
    public static BunitContext UseMudBlazor(this BunitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        return context;
    }
}
