namespace Dashboard.Diagnosis;

internal static class Placeholder;
