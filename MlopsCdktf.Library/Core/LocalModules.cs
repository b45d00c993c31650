using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf;

namespace MlopsCdktf.Core;

/// <summary>
/// The repository's local Terraform modules (<c>modules/</c>), referenced from a stack's working folder
/// <c>cdktf.out/stacks/&lt;stack&gt;/</c> by the relative path <c>../../../modules/&lt;name&gt;</c> — the same convention as
/// the local state files — so <c>terraform init</c> finds them from the stack folder, in a checkout or in CI, without
/// CDKTF copying them into an asset (whose machine-specific temp paths and content hashes would churn the output).
/// </summary>
internal static partial class LocalModules
{
    /// <summary>The modules folder, relative to a stack's working folder.</summary>
    public const string Root = "../../../modules";

    /// <summary>The source of local module <paramref name="name"/>, e.g. <c>../../../modules/aws-network</c>.</summary>
    public static string Source(string name) => $"{Root}/{name}";

    /// <summary>What a module source must look like, for validation messages.</summary>
    public const string SourceDescription =
        "must be a relative path to a module folder (./ or ../ followed by folder names, e.g. ../../../modules/aws-network) or a registry/Git source without spaces";

    /// <summary>A module source: a relative folder path, or a registry/Git address (no blanks, no backslashes).</summary>
    [GeneratedRegex(@"^(\.{1,2}/)+[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$|^[A-Za-z0-9][A-Za-z0-9._:/?=&@+-]*$")]
    public static partial Regex SourcePattern();

    /// <summary>Declares the module <c>Module</c> in <paramref name="scope"/> from <paramref name="source"/> with its inputs.</summary>
    public static TerraformHclModule Declare(Construct scope, string source, IDictionary<string, object> variables) =>
        new(scope, "Module", new TerraformHclModuleConfig
        {
            Source = source,
            SkipAssetCreationFromLocalModules = true,
            Variables = variables,
        });
}
