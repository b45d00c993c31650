using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using HashiCorp.Cdktf.Providers.Google.Provider;
using HashiCorp.Cdktf.Providers.Kubernetes.Provider;

namespace MlopsCdktf.Tests.Support;

/// <summary>Synthesizes constructs in a throwaway app and stack, returning the parsed Terraform JSON.</summary>
internal static class SynthHarness
{
    /// <summary>
    /// A test app configured like the real one (no stack traces, real version, no extra feature flags) so snapshots
    /// equal what <c>make synth</c> writes; outputs go to a temp dir. <paramref name="context"/>: CDKTF context, as
    /// <c>cdktf.json</c> would give it.
    /// </summary>
    public static App NewApp(string? outdir = null, IDictionary<string, object>? context = null) => Testing.App(new TestingAppConfig
    {
        Outdir = outdir,
        Context = context,
        StackTraces = false,
        StubVersion = false,
        EnableFutureFlags = false,
        FakeCdktfJsonPath = false,
    });

    /// <summary>Declares constructs via <paramref name="declare"/> in a stack with an AWS provider, then synthesizes it.</summary>
    public static TerraformJson Aws(Action<TerraformStack> declare)
    {
        var stack = new TerraformStack(NewApp(), "test");
        new AwsProvider(stack, "aws", new AwsProviderConfig { Region = "eu-west-1" });
        declare(stack);
        return Synth(stack);
    }

    /// <summary>Declares constructs via <paramref name="declare"/> in a stack with a Google provider, then synthesizes it.</summary>
    public static TerraformJson Gcp(Action<TerraformStack> declare)
    {
        var stack = new TerraformStack(NewApp(), "test");
        new GoogleProvider(stack, "google", new GoogleProviderConfig { Project = "acme-ml-test", Region = "europe-west4" });
        declare(stack);
        return Synth(stack);
    }

    /// <summary>Declares constructs via <paramref name="declare"/> in a stack with a Kubernetes provider, then synthesizes it.</summary>
    public static TerraformJson Kubernetes(Action<TerraformStack> declare)
    {
        var stack = new TerraformStack(NewApp(), "test");
        new KubernetesProvider(stack, "kubernetes", new KubernetesProviderConfig { ConfigPath = "~/.kube/config" });
        declare(stack);
        return Synth(stack);
    }

    /// <summary>A stack with an AWS, a Google and a Kubernetes provider, for constructs of any cloud.</summary>
    public static TerraformStack StackWithEveryProvider()
    {
        var stack = new TerraformStack(NewApp(), "test");
        new AwsProvider(stack, "aws", new AwsProviderConfig { Region = "eu-west-1" });
        new GoogleProvider(stack, "google", new GoogleProviderConfig { Project = "acme-ml-test", Region = "europe-west4" });
        new KubernetesProvider(stack, "kubernetes", new KubernetesProviderConfig { ConfigPath = "~/.kube/config" });
        return stack;
    }

    /// <summary>Declares constructs in a bare stack (no provider) — for constructs that must fail validation.</summary>
    public static TerraformStack BareStack() => new(NewApp(), "test");

    /// <summary>
    /// Synthesizes <paramref name="stack"/> exactly as <c>cdktf synth</c> does (full app synth, CDKTF's validations,
    /// <c>//</c> metadata included) and parses its <c>cdk.tf.json</c>.
    /// </summary>
    public static TerraformJson Synth(TerraformStack stack)
    {
        var outdir = Testing.FullSynth(stack);
        var file = Path.Combine(outdir, "stacks", stack.Node.Id, "cdk.tf.json");
        try
        {
            return TerraformJson.Parse(File.ReadAllText(file));
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    }
}
