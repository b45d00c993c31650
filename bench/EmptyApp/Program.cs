using System.Runtime.CompilerServices;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using HashiCorp.Cdktf.Providers.Google.Provider;
using HashiCorp.Cdktf.Providers.Kubernetes.Provider;

// The jsii floor for `make bench`: the cost every CDKTF C# app on these providers pays before declaring any resource.
// It starts the jsii runtime and declares one stack per provider holding only that provider (the first object of a
// provider package makes jsii load and register the whole package, the largest single cost), then synthesizes.
// With --bare it declares one empty stack and no provider: the cost of the jsii runtime and cdktf alone.
var app = new App(new AppConfig { StackTraces = false });
if (args.Contains("--bare"))
{
    _ = new TerraformStack(app, "empty");
}
else
{
    DeclareProviders(app);
}

app.Synth();

// Never inlined: merely compiling a method that names provider types loads their packages, which --bare must not do.
[MethodImpl(MethodImplOptions.NoInlining)]
static void DeclareProviders(App app)
{
    new AwsProvider(new TerraformStack(app, "aws"), "aws", new AwsProviderConfig { Region = "eu-west-1" });
    new GoogleProvider(new TerraformStack(app, "google"), "google", new GoogleProviderConfig { Project = "floor", Region = "europe-west4" });
    new KubernetesProvider(new TerraformStack(app, "kubernetes"), "kubernetes", new KubernetesProviderConfig { Host = "https://127.0.0.1" });
}
