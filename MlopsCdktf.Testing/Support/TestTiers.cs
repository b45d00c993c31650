using System.Reflection;

namespace MlopsCdktf.Tests.Support;

/// <summary>
/// The test tiers. <c>make test-fast</c> runs every test outside <see cref="Slow"/>: in-process synthesis, JSON, policy
/// and validation tests, under a minute warm. A test that starts a process (terraform, node, make, dotnet, the app)
/// belongs to a slow category; <see cref="RequireSlowCategory"/>, called before any child process starts, fails a test
/// that forgot its category, so the fast tier cannot slowly grow process starts.
/// </summary>
internal static class TestTiers
{
    /// <summary>The real terraform (init, validate, plan, destroy plans).</summary>
    public const string Terraform = "Terraform";

    /// <summary>make targets, the CDKTF CLI, the workflow and delivery scripts.</summary>
    public const string Delivery = "Delivery";

    /// <summary>Packing the library and building a consumer against the package.</summary>
    public const string Package = "Package";

    /// <summary>The app run in its own process (entry point, runtime session, signals, temp files).</summary>
    public const string AppProcess = "AppProcess";

    /// <summary>Any other child process (node, a shell script).</summary>
    public const string Process = "Process";

    /// <summary>An exhaustive generated sweep, in-process but long (the bad-input probe of every construct member).</summary>
    public const string Sweep = "Sweep";

    /// <summary>The categories <c>make test-fast</c> leaves out.</summary>
    public static IReadOnlyList<string> Slow { get; } = [Terraform, Delivery, Package, AppProcess, Process, Sweep];

    /// <summary>Fails the current test unless it (its method, fixture or a base fixture) carries a slow category.</summary>
    public static void RequireSlowCategory(string command)
    {
        var test = TestContext.CurrentContext.Test;
        var fixture = test.ClassName is { } name ? FindType(name) : null;
        if (fixture is null)
        {
            return; // outside a test (a fixture set-up of a type we cannot see): nothing to check against
        }

        var method = test.MethodName is { } methodName ? fixture.GetMethod(methodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static) : null;
        var categories = CategoriesOf(fixture).Concat(method is null ? [] : method.GetCustomAttributes<CategoryAttribute>(inherit: true).Select(c => c.Name));
        if (!categories.Any(Slow.Contains))
        {
            Assert.Fail($"{fixture.Name}.{test.MethodName ?? "(set-up)"} starts a process ({command}) but has none of the categories "
                + $"{string.Join(", ", Slow)}: add the one that fits, so that make test-fast stays in-process.");
        }
    }

    private static IEnumerable<string> CategoriesOf(Type fixture)
    {
        for (var type = fixture; type is not null; type = type.BaseType)
        {
            foreach (var category in type.GetCustomAttributes<CategoryAttribute>(inherit: false))
            {
                yield return category.Name;
            }
        }
    }

    private static Type? FindType(string fullName) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(fullName, throwOnError: false)).FirstOrDefault(t => t is not null);
}
