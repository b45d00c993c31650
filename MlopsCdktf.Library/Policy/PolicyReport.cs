namespace MlopsCdktf.Policy;

/// <summary>The result of a policy pack over one stack: unsuppressed findings and suppressed ones with their reasons.</summary>
public sealed record PolicyReport
{
    /// <summary>The stack evaluated.</summary>
    public required string StackName { get; init; }

    /// <summary>Findings no suppression covers.</summary>
    public required IReadOnlyList<PolicyFinding> Findings { get; init; }

    /// <summary>Findings a suppression covers, with the suppression's reason.</summary>
    public required IReadOnlyList<SuppressedFinding> Suppressed { get; init; }

    /// <summary>How many (rule, element) checks were compliant.</summary>
    public required int CompliantChecks { get; init; }

    /// <summary>The unsuppressed <see cref="PolicyLevel.Error"/> findings: any of them fails synthesis.</summary>
    public IReadOnlyList<PolicyFinding> Errors => Findings.Where(f => f.Level == PolicyLevel.Error).ToList();

    /// <summary>The unsuppressed <see cref="PolicyLevel.Warning"/> findings.</summary>
    public IReadOnlyList<PolicyFinding> Warnings => Findings.Where(f => f.Level == PolicyLevel.Warning).ToList();
}
