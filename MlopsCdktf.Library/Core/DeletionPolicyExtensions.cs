using HashiCorp.Cdktf;

namespace MlopsCdktf.Core;

/// <summary>Maps a <see cref="DeletionPolicy"/> onto Terraform and provider settings, in one place.</summary>
internal static class DeletionPolicyExtensions
{
    /// <summary>Whether storage may be emptied on destroy (<c>force_destroy</c>).</summary>
    public static bool AllowsForceDestroy(this DeletionPolicy policy) => policy == DeletionPolicy.ForceDestroy;

    /// <summary>Whether provider-level deletion protection should be on (e.g. GKE/Filestore <c>deletion_protection</c>).</summary>
    public static bool ProtectsFromDeletion(this DeletionPolicy policy) => policy == DeletionPolicy.PreventDestroy;

    /// <summary>
    /// The <c>lifecycle</c> meta-argument for the policy: <c>prevent_destroy = true</c> for
    /// <see cref="DeletionPolicy.PreventDestroy"/>, otherwise <paramref name="baseLifecycle"/> unchanged (may be null).
    /// </summary>
    public static TerraformResourceLifecycle? ToLifecycle(this DeletionPolicy policy, TerraformResourceLifecycle? baseLifecycle = null)
    {
        if (policy != DeletionPolicy.PreventDestroy)
        {
            return baseLifecycle;
        }

        var lifecycle = baseLifecycle ?? new TerraformResourceLifecycle();
        lifecycle.PreventDestroy = true;
        return lifecycle;
    }
}
