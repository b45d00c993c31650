using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using HashiCorp.Cdktf.Providers.Google.Provider;
using MlopsCdktf.Policy;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Policy;

/// <summary>Test stacks for policy rules and findings as comparable lines.</summary>
internal static class PolicyHarness
{
    public static TerraformStack AwsStack()
    {
        var stack = new TerraformStack(SynthHarness.NewApp(), "test");
        new AwsProvider(stack, "aws", new AwsProviderConfig { Region = "eu-west-1" });
        return stack;
    }

    public static TerraformStack GcpStack()
    {
        var stack = new TerraformStack(SynthHarness.NewApp(), "test");
        new GoogleProvider(stack, "google", new GoogleProviderConfig { Project = "acme-ml-test", Region = "europe-west4" });
        return stack;
    }

    /// <summary>Every unsuppressed finding as one line: <c>rule level address path: message</c>.</summary>
    public static IReadOnlyList<string> Findings(TerraformStack stack) => Lines(PolicyPack.Default.Evaluate(stack).Findings);

    public static IReadOnlyList<string> Lines(IEnumerable<PolicyFinding> findings) =>
        findings.Select(f => $"{f.RuleId} {f.Level} {f.ResourceAddress} {f.ConstructPath}: {f.Message}").ToList();

    /// <summary>The line <see cref="Findings"/> writes for rule <paramref name="ruleId"/> on an element, with the rule's info and optional detail.</summary>
    public static string Line(string ruleId, string address, string path, string? detail = null)
    {
        var rule = PolicyPack.Default.Find(ruleId)!;
        return $"{ruleId} {rule.Level} {address} {path}: {rule.Info}{(detail is null ? string.Empty : " " + detail)}";
    }
}
