namespace Vital.Simulator;

internal static class Placeholder;
