using System.Runtime.CompilerServices;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using HashiCorp.Cdktf.Providers.Google.Provider;
using HashiCorp.Cdktf.Providers.Kubernetes.Provider;
using MlopsCdktf.Runtime;

// Reference rows of `make bench`, in the app's runtime session (its own temp folder, the same speed-ups):
// --bare declares one empty stack and no provider: the cost of the jsii runtime and cdktf alone.
// Without it, one stack per provider holding only that provider: what loading the three provider packages costs.
using var session = JsiiRuntimeSession.Start();
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
