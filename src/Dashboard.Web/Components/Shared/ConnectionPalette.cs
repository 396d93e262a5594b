using MudBlazor;
using Vital.Introspection;

namespace Dashboard.Web.Components.Shared;

/// <summary>How a connection's status looks everywhere: colour, icon and words, never colour alone.</summary>
public static class ConnectionPalette
{
    public static ConnectionStyle Connected { get; } = new("Connected", Color.Success, "var(--mud-palette-success)", TrustedIcon.CheckCircle, "connection-connected");

    public static ConnectionStyle Error { get; } = new("Connection broken", Color.Error, "var(--mud-palette-error)", TrustedIcon.LinkOff, "connection-error", Short: "Broken");

    public static ConnectionStyle Paused { get; } = new("Paused", Color.Default, "var(--mud-palette-action-default)", TrustedIcon.PauseCircle, "connection-paused");

    public static ConnectionStyle For(ConnectionStatus status)
    {
        if (status == ConnectionStatus.Connected)
        {
            return Connected;
        }

        if (status == ConnectionStatus.Error)
        {
            return Error;
        }

        if (status == ConnectionStatus.Paused)
        {
            return Paused;
        }

        return new(
            status.Value.Length == 0 ? "Unknown: (no status)" : $"Unknown: {status.Value}",
            Color.Secondary, "var(--mud-palette-secondary)", TrustedIcon.HelpOutline, "connection-unknown");
    }
}
