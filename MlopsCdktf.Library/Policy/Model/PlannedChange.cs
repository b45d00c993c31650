namespace MlopsCdktf.Policy.Model;

/// <summary>
/// What a plan does to one resource (an entry of <c>resource_changes</c>): the resource as it is planned, or as it was
/// for a deletion, and Terraform's actions in order (<c>["create"]</c>, <c>["update"]</c>, <c>["delete"]</c>,
/// <c>["delete", "create"]</c> for a replacement that deletes first, <c>["create", "delete"]</c> with
/// <c>create_before_destroy</c>, <c>["no-op"]</c>, <c>["read"]</c>).
/// </summary>
/// <param name="Element">The resource: after the change, or before it when it is deleted.</param>
/// <param name="Actions">Terraform's actions, in order.</param>
public sealed record PlannedChange(TerraformElement Element, IReadOnlyList<string> Actions)
{
    /// <summary>Whether the resource is removed, on its own or to be replaced.</summary>
    public bool Deletes => Actions.Contains("delete");

    /// <summary>Whether the resource is replaced (deleted and created again).</summary>
    public bool Replaces => Actions.Contains("delete") && Actions.Contains("create");

    /// <summary>Whether the old resource goes before its replacement exists (no <c>create_before_destroy</c>).</summary>
    public bool DeletesFirst => Actions.Count > 0 && Actions[0] == "delete";

    /// <summary>The actions as Terraform prints them, e.g. <c>delete, create</c>.</summary>
    public string Describe() => string.Join(", ", Actions);
}
