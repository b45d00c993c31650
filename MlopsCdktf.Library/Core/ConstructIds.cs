using Constructs;

namespace MlopsCdktf.Core;

/// <summary>
/// The one check every construct of this library makes before it joins the tree: its id is free under its parent. The
/// constructs library would otherwise throw a bare exception ("There is already a Construct with name …") from the base
/// constructor; this one names the parent path, the id and what already holds it.
/// </summary>
public static class ConstructIds
{
    /// <summary>Returns <paramref name="id"/> when no child of <paramref name="scope"/> has it yet; pass it to the base constructor.</summary>
    /// <param name="scope">The parent the construct is added to.</param>
    /// <param name="id">The construct's id.</param>
    /// <param name="constructType">The type of the construct being created, e.g. <c>nameof(MlNamespace)</c>.</param>
    /// <returns><paramref name="id"/>, unchanged.</returns>
    /// <exception cref="ConstructInputException">When a child of <paramref name="scope"/> already has <paramref name="id"/>.</exception>
    public static string Free(Construct scope, string id, string constructType)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (id is not null && scope.Node.TryFindChild(id) is { } existing)
        {
            var parent = scope.Node.Path.Length == 0 ? "(the app)" : scope.Node.Path;
            throw new ConstructInputException(constructType, parent.Length == 0 ? id : $"{scope.Node.Path}/{id}",
            [
                $"id was \"{id}\": [{parent}] already has a child with this id (a {existing.GetType().Name}); ids must be unique among the children of one parent, give this {constructType} another id.",
            ]);
        }

        return id!;
    }
}
