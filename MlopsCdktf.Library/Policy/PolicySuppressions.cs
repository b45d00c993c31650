using Constructs;
using MlopsCdktf.Core;

namespace MlopsCdktf.Policy;

/// <summary>
/// Records, with a reason, that a policy rule does not apply to a construct and all resources below it. Suppressions
/// live in the construct tree's metadata (<see cref="MetadataType"/>), which CDKTF keeps out of the Terraform JSON, and
/// every suppressed finding is reported with its reason.
/// </summary>
public static class PolicySuppressions
{
    /// <summary>The construct metadata type suppressions are recorded under.</summary>
    public const string MetadataType = SuppressionMetadata.Type;

    /// <summary>The shortest accepted reason: a suppression must say why.</summary>
    public const int MinimumReasonLength = 10;

    /// <summary>Suppresses rule <paramref name="ruleId"/> of <see cref="PolicyPack.Default"/> on <paramref name="construct"/> and its subtree.</summary>
    /// <exception cref="ConstructInputException">When the rule id is unknown or the reason shorter than 10 characters.</exception>
    public static void Suppress(IConstruct construct, string ruleId, string reason) =>
        Suppress(construct, ruleId, reason, PolicyPack.Default);

    /// <summary>Suppresses rule <paramref name="ruleId"/> of <paramref name="pack"/> on <paramref name="construct"/> and its subtree.</summary>
    /// <exception cref="ConstructInputException">When the rule id is unknown or the reason shorter than 10 characters.</exception>
    public static void Suppress(IConstruct construct, string ruleId, string reason, PolicyPack pack)
    {
        var trimmed = reason?.Trim() ?? string.Empty;
        new InputValidator(construct.GetType().Name, construct.Node.Path)
            .Require(pack.Find(ruleId) is not null, "Policy suppression rule id", ruleId,
                $"must be one of the pack's rules ({string.Join(", ", pack.Rules.Select(r => r.Id))})")
            .Require(trimmed.Length >= MinimumReasonLength, $"Policy suppression reason for {ruleId}", reason,
                $"must explain in at least {MinimumReasonLength} characters why the finding is acceptable")
            .ThrowIfInvalid();
        SuppressionMetadata.Record(construct, ruleId, trimmed);
    }

    /// <summary>Every suppression recorded on <paramref name="root"/> or below it.</summary>
    public static IReadOnlyList<PolicySuppression> Of(IConstruct root) =>
        root.Node.FindAll()
            .SelectMany(construct => SuppressionMetadata.On(construct)
                .Select(entry => new PolicySuppression(construct.Node.Path, entry.RuleId, entry.Reason)))
            .ToList();
}
