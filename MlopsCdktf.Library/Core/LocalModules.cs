using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf;

namespace MlopsCdktf.Core;

/// <summary>
/// The library's own Terraform modules (the repository's <c>modules/</c>), embedded in the assembly
/// (<see cref="EmbeddedModule"/>) and carried into each stack that uses them: a construct that keeps its default module
/// source writes the module to a work folder and attaches it to its stack as a CDKTF <see cref="TerraformAsset"/> of
/// type <see cref="AssetType.DIRECTORY"/>, so synthesis copies it to <c>cdktf.out/stacks/&lt;stack&gt;/assets/module-&lt;name&gt;/&lt;hash&gt;</c>
/// and the module block's <c>source</c> is <c>./assets/module-&lt;name&gt;/&lt;hash&gt;</c>. The stack folder then plans on its
/// own (a CI artifact, a package consumer's app), and the JSON stays deterministic: the hash is the module's content
/// hash (<see cref="EmbeddedModule.Hash"/>), the work folder never appears in it. Every construct of a stack using the
/// same module shares one asset.
/// </summary>
internal static partial class LocalModules
{
    /// <summary>The construct id (and so the folder under <c>assets/</c>) of the stack's asset of module <c>name</c>:
    /// <c>module-&lt;name&gt;</c>.</summary>
    public const string AssetIdPrefix = "module-";

    /// <summary>What a user-given module source must look like, for validation messages.</summary>
    public const string SourceDescription =
        "must be a relative path to a module folder (./ or ../ followed by folder names, e.g. ./modules/aws-network) or a registry/Git source without spaces";

    /// <summary>A module source: a relative folder path, or a registry/Git address (no blanks, no backslashes).</summary>
    [GeneratedRegex(@"^(\.{1,2}/)+[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$|^[A-Za-z0-9][A-Za-z0-9._:/?=&@+-]*$")]
    public static partial Regex SourcePattern();

    /// <summary>
    /// The <c>source</c> of the embedded module <paramref name="name"/> in the stack of <paramref name="scope"/>
    /// (<c>./assets/module-&lt;name&gt;/&lt;hash&gt;</c>), creating the stack's asset of it on first use.
    /// </summary>
    public static string AssetSource(Construct scope, string name)
    {
        var stack = TerraformStack.Of(scope);
        var id = AssetIdPrefix + name;
        var asset = stack.Node.TryFindChild(id) switch
        {
            null => NewAsset(stack, id, EmbeddedModule.Named(name)),
            TerraformAsset existing => existing,
            var other => throw new InvalidOperationException(
                $"[{stack.Node.Path}] already has a construct '{id}' ({other.GetType().Name}); that id is reserved for the asset of module '{name}'"),
        };
        return "./" + asset.Path;
    }

    /// <summary>
    /// Declares the module <c>Module</c> in <paramref name="scope"/> with its inputs: from <paramref name="source"/> when
    /// given (a user's registry, Git or relative source, used as is), else from the embedded module
    /// <paramref name="embeddedName"/> carried into the stack (<see cref="AssetSource"/>).
    /// </summary>
    public static TerraformHclModule Declare(Construct scope, string? source, string embeddedName, IDictionary<string, object> variables) =>
        new(scope, "Module", new TerraformHclModuleConfig
        {
            Source = source ?? AssetSource(scope, embeddedName),
            // The source is final: CDKTF must not copy a relative source into an asset of its own.
            SkipAssetCreationFromLocalModules = true,
            Variables = variables,
        });

    private static TerraformAsset NewAsset(TerraformStack stack, string id, EmbeddedModule module) =>
        new(stack, id, new TerraformAssetConfig
        {
            Path = module.WriteToWorkFolder(),
            Type = AssetType.DIRECTORY,
            AssetHash = module.Hash,
        });
}
