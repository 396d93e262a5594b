namespace Dashboard.Web.Security;

/// <summary>What someone looked at or exported.</summary>
public enum AuditAction
{
    TeamGrid,
    ProviderPage,
    UserPage,
    DiagnosisJson,
    DiagnosisMarkdown,
    TeamCsv,
    CopyMarkdown,
    ClientUserIdLookup,
    ChangesPage,
    ChangesCsv,
    ManualRefresh,
}
