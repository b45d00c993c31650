namespace MlopsCdktf.Core.Scheduling;

/// <summary>Effect of a Kubernetes node taint.</summary>
public enum TaintEffect
{
    /// <summary>Pods without a matching toleration are not scheduled.</summary>
    NoSchedule,

    /// <summary>The scheduler avoids the node for pods without a toleration.</summary>
    PreferNoSchedule,

    /// <summary>Pods without a toleration are evicted.</summary>
    NoExecute,
}
