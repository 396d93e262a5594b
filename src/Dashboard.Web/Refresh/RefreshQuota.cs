namespace Dashboard.Web.Refresh;

/// <summary>
/// What is left of Vital's allowance of manual refreshes for one user: <see cref="RefreshAllowance.PerUserPerHour"/>
/// in any hour. <see cref="NextAt"/> is when the oldest refresh of the hour stops counting (null while some are left).
/// </summary>
public sealed record RefreshQuota(int Left, DateTimeOffset? NextAt);
