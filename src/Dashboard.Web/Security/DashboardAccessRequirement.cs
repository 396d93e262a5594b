using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Security;

/// <summary>The one rule every page, the Blazor hub and every API endpoint share: a signed-in person who may see the team's data.</summary>
public sealed class DashboardAccessRequirement : IAuthorizationRequirement;
