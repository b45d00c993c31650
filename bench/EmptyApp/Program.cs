using System.Runtime.CompilerServices;
using HashiCorp.Cdktf;
using AwsProvider = HashiCorp.Cdktf.Providers.Aws.Provider.AwsProvider;
using GoogleProvider = HashiCorp.Cdktf.Providers.Google.Provider.GoogleProvider;
using KubernetesProvider = HashiCorp.Cdktf.Providers.Kubernetes.Provider.KubernetesProvider;

// The jsii floor for `make bench`: the cost every CDKTF C# app with these providers pays before declaring anything.
// It starts the jsii runtime, loads the same engine packages as MlopsCdktf (reading one static property of each provider
// makes jsii load its JavaScript bundle, as the first resource would), and synthesizes an app with one empty stack.
// With --bare it skips the providers: the cost of the jsii runtime and cdktf alone.
if (!args.Contains("--bare"))
{
    LoadProviders();
}

var app = new App(new AppConfig { StackTraces = false });
_ = new TerraformStack(app, "empty");
app.Synth();

// A separate, never-inlined method: merely compiling a method that names provider types loads their assemblies.
[MethodImpl(MethodImplOptions.NoInlining)]
static void LoadProviders() =>
    _ = (AwsProvider.TfResourceType, GoogleProvider.TfResourceType, KubernetesProvider.TfResourceType);
