global using Microsoft.Extensions.DependencyInjection;
// bUnit also has a TestContext; the tests mean xunit's (TestContext.Current.CancellationToken).
global using TestContext = Xunit.TestContext;
