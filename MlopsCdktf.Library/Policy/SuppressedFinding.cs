namespace MlopsCdktf.Policy;

/// <summary>A finding a suppression accepted, with the recorded reason.</summary>
/// <param name="Finding">The finding that would have been reported.</param>
/// <param name="Suppression">The suppression that covers it.</param>
public sealed record SuppressedFinding(PolicyFinding Finding, PolicySuppression Suppression);
