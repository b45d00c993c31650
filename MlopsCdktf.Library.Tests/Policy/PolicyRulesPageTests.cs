using System.Text;
using MlopsCdktf.Policy;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Policy;

/// <summary>
/// <c>docs/policy-rules.md</c> is generated from <see cref="PolicyPack.Default"/> (as cdk-nag's RULES.md is from its
/// packs): the page cannot drift from the rules. <c>make snapshots</c> (UPDATE_SNAPSHOTS=1) re-writes it.
/// </summary>
[Category("Snapshot")]
public sealed class PolicyRulesPageTests
{
    private static string PagePath => Path.Combine(RepoPaths.Root, "docs", "policy-rules.md");

    [Test]
    public void The_policy_rules_page_is_generated_from_the_default_pack()
    {
        var page = Render(PolicyPack.Default);
        if (SnapshotAssert.Updating)
        {
            File.WriteAllText(PagePath, page);
        }

        Assert.That(File.Exists(PagePath), Is.True, "docs/policy-rules.md is missing: run make snapshots");
        Assert.That(File.ReadAllText(PagePath), Is.EqualTo(page), "docs/policy-rules.md is stale: run make snapshots and commit it");
    }

    [Test]
    public void The_page_lists_every_rule_once_with_its_level_finding_and_reason()
    {
        var page = Render(PolicyPack.Default);

        foreach (var rule in PolicyPack.Default.Rules)
        {
            Assert.That(CountOf(page, $"\n## `{rule.Id}`"), Is.EqualTo(1), rule.Id);
            Assert.That(page, Does.Contain($"| [`{rule.Id}`](#{Anchor(rule.Id)}) | {rule.Level} | {Mode(rule)} |"), rule.Id);
            Assert.That(page, Does.Contain(rule.Explanation.ReplaceLineEndings(" ")), rule.Id);
        }
    }

    internal static string Render(PolicyPack pack)
    {
        var text = new StringBuilder();
        text.Append("# Policy rules\n\n")
            .Append("<!-- Generated from PolicyPack.Default by MlopsCdktf.Library.Tests/Policy/PolicyRulesPageTests.cs: edit the rules, then\n")
            .Append("     run `make snapshots`. Do not edit by hand. -->\n\n")
            .Append("Every rule of `PolicyPack.Default`, evaluated by the policy gate over each stack's synthesized JSON and by\n")
            .Append("`make policy-plan` over Terraform plans (see [Policy checks](policy.md)); *plan* rules read what a plan changes and\n")
            .Append("run in plan mode only. An **Error** stops synthesis (or fails the plan check); a **Warning** is reported. Suppress a\n")
            .Append("finding on the construct, with a reason: `PolicySuppressions.Suppress(construct, \"<id>\", \"<reason, 10+ characters>\")`.\n\n")
            .Append("| rule | level | mode | finding |\n|---|---|---|---|\n");
        foreach (var rule in pack.Rules)
        {
            text.Append($"| [`{rule.Id}`](#{Anchor(rule.Id)}) | {rule.Level} | {Mode(rule)} | {Cell(rule.Info)} |\n");
        }

        foreach (var rule in pack.Rules)
        {
            text.Append($"\n## `{rule.Id}`\n\n")
                .Append($"**{rule.Level}**, {Mode(rule)}. {rule.Info.ReplaceLineEndings(" ")}\n\n")
                .Append($"{rule.Explanation.ReplaceLineEndings(" ")}\n");
        }

        return text.ToString();
    }

    private static string Anchor(string id) => id.ToLowerInvariant();

    private static string Mode(PolicyRule rule) => rule.Modes == PolicyModes.Plan ? "plan" : "synth + plan";

    private static string Cell(string value) => value.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
