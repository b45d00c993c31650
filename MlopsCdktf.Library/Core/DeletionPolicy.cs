namespace MlopsCdktf.Core;

/// <summary>
/// What <c>terraform destroy</c> (or a plan that replaces the resource) may do to a stateful resource.
/// Constructs default to <see cref="PreventDestroy"/>: losing model artifacts or checkpoints should take a code change.
/// </summary>
public enum DeletionPolicy
{
    /// <summary>
    /// Terraform refuses any plan that destroys the resource (<c>lifecycle.prevent_destroy</c>), and provider-level
    /// deletion protection is on where the resource has it. The default; use for production.
    /// </summary>
    PreventDestroy,

    /// <summary>
    /// Destroy is allowed, but a storage resource that still holds data is not emptied: the destroy fails instead.
    /// Suits shared pre-production environments.
    /// </summary>
    DestroyIfEmpty,

    /// <summary>
    /// Destroy is allowed and empties storage first (<c>force_destroy</c>). Only for disposable environments
    /// such as dev or per-pull-request review environments.
    /// </summary>
    ForceDestroy,
}
