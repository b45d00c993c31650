namespace MlopsCdktf.Policy;

/// <summary>How serious a rule's finding is.</summary>
public enum PolicyLevel
{
    /// <summary>Fails synthesis unless suppressed with a reason.</summary>
    Error,

    /// <summary>Reported, but synthesis goes on.</summary>
    Warning,
}
