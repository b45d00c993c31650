using System.Diagnostics;
using System.Text;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Delivery;

/// <summary>
/// The delivery targets as a user runs them: without terraform or credentials they stop at once saying what to install or
/// set; with them (a recording stand-in for terraform, fake credentials) each target synthesizes one environment and runs
/// terraform in every stack folder in dependency order — far enough to catch a CLI misuse such as <c>cdktf diff '*'</c>.
/// </summary>
[Category("Delivery")]
[NonParallelizable]
public sealed class MakeTargetTests
{
    private static readonly string[] DevStacks =
        ["mlops-aws-dev", "mlops-serving-dev", "mlops-gcp-dev", "mlops-gke-addons-dev", "mlops-k8s-dev", "mlops-eks-dev", "mlops-eks-addons-dev", "mlops-eks-k8s-dev"];
    private string _work = null!;

    [OneTimeSetUp]
    public void CreateWorkFolder()
    {
        _work = Directory.CreateTempSubdirectory("mlops-make-").FullName;
        var bin = Directory.CreateDirectory(Path.Combine(_work, "bin")).FullName;
        // Records "<stack folder> <arguments>" per call; plan -detailed-exitcode reports drift for the serving stack only.
        // `output -raw infra_version` answers FAKE_DEPLOYED_VERSION (default "unversioned") or, for the stacks named in
        // FAKE_DEPLOYED_STACKS ("<stack>=<version> ..."), their own version; an empty version is a stack never applied.
        var fake = Path.Combine(bin, "terraform");
        File.WriteAllText(fake, """
            #!/usr/bin/env bash
            stack=$(basename "$PWD")
            echo "$stack $*" >> "$TERRAFORM_LOG"
            if [[ $1 == output && ${@: -1} == endpoint_name ]]; then printf '%s' "${stack/serving-/}-churn"; exit 0; fi
            if [[ $1 == output && ${@: -1} == endpoint_config_name ]]; then printf '%s' "${FAKE_STATE_CONFIG:-churn-config-new}"; exit 0; fi
            if [[ $1 == output ]]; then
              version=${FAKE_DEPLOYED_VERSION-unversioned}
              for entry in ${FAKE_DEPLOYED_STACKS:-}; do [[ ${entry%%=*} == "$stack" ]] && version=${entry#*=}; done
              if [[ -z $version ]]; then echo "No outputs found" >&2; exit 1; fi
              printf '%s' "$version"
              exit 0
            fi
            if [[ " $* " == *" -detailed-exitcode "* && $stack == mlops-serving-* ]]; then exit 2; fi
            exit 0
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        // The AWS CLI: records "aws <arguments>"; describe-endpoint answers status, configuration and failure reason as
        // --output text does, from FAKE_ENDPOINT_STATUS (default InService) and FAKE_LIVE_CONFIG (default the state's).
        var aws = Path.Combine(bin, "aws");
        File.WriteAllText(aws, """
            #!/usr/bin/env bash
            echo "aws $*" >> "$TERRAFORM_LOG"
            if [[ $1 == sagemaker && $2 == describe-endpoint ]]; then
              printf '%s\t%s\t%s\n' "${FAKE_ENDPOINT_STATUS:-InService}" "${FAKE_LIVE_CONFIG:-${FAKE_STATE_CONFIG:-churn-config-new}}" "${FAKE_FAILURE_REASON:-None}"
            fi
            exit 0
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(aws, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>A blue/green update SageMaker rolled back leaves the endpoint InService on the OLD configuration while
    /// Terraform's state holds the new one (terraform-provider-aws#48997): deploy fails naming both and stops there.</summary>
    [Test]
    public void Deploy_verifies_the_live_endpoint_serves_the_configuration_in_state()
    {
        var log = Path.Combine(_work, "terraform.log");
        var output = Path.Combine(_work, "cdktf.verify.out");
        Assert.That(Make("list", $"ENV=dev OUT={output}", withTerraform: true, withCredentials: true).ExitCode, Is.Zero);
        var variables = $"ENV=dev OUT={output} SKIP_SYNTH=1 AUTO_APPROVE=1";

        File.Delete(log);
        var served = Make("deploy", variables, withTerraform: true, withCredentials: true);
        Assert.That(served.ExitCode, Is.Zero, served.Output);
        Assert.That(served.Output, Does.Contain("== verify mlops-serving-dev: InService on churn-config-new"));
        var describes = File.ReadAllLines(log).Where(l => l.StartsWith("aws ", StringComparison.Ordinal)).ToList();
        Assert.That(describes, Is.EqualTo(new[]
        {
            "aws sagemaker describe-endpoint --endpoint-name mlops-dev-churn --region eu-west-1 --query [EndpointStatus, EndpointConfigName, FailureReason] --output text",
        }), "only the serving stack is verified, in its own region");

        File.Delete(log);
        var rolledBack = Make("deploy", variables, withTerraform: true, withCredentials: true,
            new Dictionary<string, string> { ["FAKE_LIVE_CONFIG"] = "churn-config-old" });
        Assert.That(rolledBack.ExitCode, Is.Not.Zero, rolledBack.Output);
        Assert.That(rolledBack.Output, Does.Contain(
            "make deploy: SageMaker ROLLED BACK mlops-serving-dev: endpoint mlops-dev-churn serves configuration churn-config-old, but Terraform's state has churn-config-new"));
        Assert.That(rolledBack.Output, Does.Contain("docs/delivery.md#when-sagemaker-rolls-back"));
        Assert.That(Calls(log, "apply").Select(c => c.Stack).Last(), Is.EqualTo("mlops-serving-dev"), "deploy stops at the rolled-back stack");

        var failed = Make("deploy", variables, withTerraform: true, withCredentials: true,
            new Dictionary<string, string> { ["FAKE_ENDPOINT_STATUS"] = "Failed", ["FAKE_FAILURE_REASON"] = "health check failed" });
        Assert.That(failed.ExitCode, Is.Not.Zero, failed.Output);
        Assert.That(failed.Output, Does.Contain(
            "make deploy: endpoint mlops-dev-churn of mlops-serving-dev is Failed, not InService (FailureReason: health check failed); Terraform's state expects configuration churn-config-new"));
    }

    [Test]
    public void A_terraform_older_than_1_10_is_refused_because_state_locking_needs_it()
    {
        var old = Directory.CreateDirectory(Path.Combine(_work, "old-bin")).FullName;
        File.WriteAllText(Path.Combine(old, "terraform"), "#!/usr/bin/env bash\necho 'Terraform v1.9.8'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(old, "terraform"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var run = Make("deploy", "ENV=staging", withTerraform: true, withCredentials: true, old);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
        Assert.That(run.Output, Does.Contain("make deploy: needs terraform >= 1.10 (found 1.9): the S3 backend locks state with use_lockfile"));
    }

    [OneTimeTearDown]
    public void DeleteWorkFolder() => Directory.Delete(_work, recursive: true);

    [TestCase("diff")]
    [TestCase("deploy")]
    [TestCase("destroy")]
    [TestCase("drift")]
    public void Without_terraform_a_target_stops_at_once_saying_what_to_install(string target)
    {
        var run = Make(target, "ENV=dev", withTerraform: false, withCredentials: true);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
        Assert.That(run.Output, Does.Contain($"make {target}: needs terraform >= 1.10 on PATH (install it: https://developer.hashicorp.com/terraform/install"));
        AssertNoCrash(run);
    }

    [Test]
    public void Deploy_without_credentials_names_what_to_set_for_each_cloud_and_exits_non_zero()
    {
        var log = Path.Combine(_work, "terraform.log");
        File.Delete(log);

        var run = Make("deploy", "ENV=dev", withTerraform: true, withCredentials: false);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
        Assert.That(run.Output, Does.Contain("make deploy: no cloud credentials found for ENV=dev:"));
        Assert.That(run.Output, Does.Contain("AWS: set AWS_PROFILE").And.Contain("GCP: run 'gcloud auth application-default login' or set GOOGLE_APPLICATION_CREDENTIALS"));
        var calls = File.Exists(log) ? File.ReadAllLines(log).Select(l => l.Split(' ', 2)[1]) : [];
        Assert.That(calls, Has.All.EqualTo("version"), "nothing but the version check may run");
        AssertNoCrash(run);
    }

    [Test]
    public void Policy_plan_asks_for_the_plans_folder_and_not_for_cloud_credentials()
    {
        var run = Make("policy-plan", "ENV=dev", withTerraform: true, withCredentials: false);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
        Assert.That(run.Output, Does.Contain("make policy-plan: set PLANS to the folder of <stack>.tfplan files (make diff ENV=dev PLAN_DIR=<folder> saves them), or PLAN_DIR"));
        Assert.That(run.Output, Does.Not.Contain("no cloud credentials"), "terraform show of a saved plan needs no cloud access");
        AssertNoCrash(run);
    }

    [TestCase("diff", "")]
    [TestCase("deploy", "ENV=qa")]
    public void A_missing_or_unknown_environment_is_named(string target, string env)
    {
        var run = Make(target, env, withTerraform: true, withCredentials: true);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
        Assert.That(run.Output, Does.Contain(env == "" ? $"make {target}: set ENV: one of dev, staging, prod, or pr<number>" : "ENV was \"qa\": must be dev, staging, prod or pr<number>"));
    }

    [Test]
    public void Each_target_runs_terraform_in_every_stack_of_the_environment_in_dependency_order()
    {
        var log = Path.Combine(_work, "terraform.log");
        var output = Path.Combine(_work, "cdktf.out");
        File.Delete(log);

        var diff = Make("diff", $"ENV=dev OUT={output}", withTerraform: true, withCredentials: true);
        Assert.That(diff.ExitCode, Is.Zero, diff.Output);
        Assert.That(Directory.GetDirectories(Path.Combine(output, "stacks")).Select(Path.GetFileName), Is.EquivalentTo(DevStacks), "only the chosen environment");
        var plans = Calls(log, "plan");
        Assert.That(plans.Select(c => c.Stack), Is.EquivalentTo(DevStacks), "one plan per stack, no 'Could not find stack: *'");
        AssertDependencyOrder(plans.Select(c => c.Stack).ToList());
        Assert.That(Calls(log, "init").Select(c => c.Stack), Is.EqualTo(plans.Select(c => c.Stack)), "each stack initialised before its plan");
        // A plan reads state only: taking the lock is a write that the read-only plan roles of CI cannot do.
        Assert.That(plans.Select(c => c.Arguments), Has.All.Contain(" -lock=false").And.All.Not.Contain("-lock-timeout"));

        File.Delete(log);
        var deploy = Make("deploy", $"ENV=dev OUT={output} SKIP_SYNTH=1 AUTO_APPROVE=1", withTerraform: true, withCredentials: true);
        Assert.That(deploy.ExitCode, Is.Zero, deploy.Output);
        var applies = Calls(log, "apply");
        AssertDependencyOrder(applies.Select(c => c.Stack).ToList());
        Assert.That(applies.Select(c => c.Arguments), Has.All.Contain("-auto-approve"));
        Assert.That(applies.Select(c => c.Arguments), Has.All.Contain("-lock-timeout=5m").And.All.Not.Contain("-lock=false"), "an apply holds the lock");

        File.Delete(log);
        var destroy = Make("destroy", $"ENV=dev OUT={output} SKIP_SYNTH=1", withTerraform: true, withCredentials: true);
        Assert.That(destroy.ExitCode, Is.Zero, destroy.Output);
        var destroys = Calls(log, "destroy").Select(c => c.Stack).ToList();
        Assert.That(destroys, Is.EquivalentTo(DevStacks));
        destroys.Reverse();
        AssertDependencyOrder(destroys);
        Assert.That(Calls(log, "destroy").Select(c => c.Arguments), Has.None.Contain("-auto-approve"), "destroy asks unless AUTO_APPROVE=1");

        File.Delete(log);
        var drift = Make("drift", $"ENV=dev OUT={output} SKIP_SYNTH=1", withTerraform: true, withCredentials: true);
        Assert.That(drift.ExitCode, Is.Not.Zero, "drift fails the target (the script exits 3; make reports any failure as 2)");
        Assert.That(drift.Output, Does.Contain("make drift: DRIFT in mlops-serving-dev"));
        Assert.That(Calls(log, "plan").Select(c => c.Arguments), Has.All.Contain("-detailed-exitcode").And.All.Contain(" -lock=false"));

        var other = Make("diff", $"ENV=prod OUT={output} SKIP_SYNTH=1", withTerraform: true, withCredentials: true);
        Assert.That(other.ExitCode, Is.EqualTo(2));
        Assert.That(other.Output, Does.Contain("holds stacks of another selection than ENV=prod"));
    }

    [Test]
    public void Drift_compares_the_cloud_with_the_version_that_deployed_it_and_deployed_version_names_it()
    {
        var log = Path.Combine(_work, "terraform.log");
        var output = Path.Combine(_work, "cdktf.drift.out");
        Assert.That(Make("list", $"ENV=dev OUT={output}", withTerraform: true, withCredentials: true).ExitCode, Is.Zero);
        var deployed = new Dictionary<string, string> { ["FAKE_DEPLOYED_VERSION"] = "4f1c2e0" };

        var version = Make("deployed-version", $"ENV=dev OUT={output} SKIP_SYNTH=1", withTerraform: true, withCredentials: true, deployed);
        Assert.That(version.ExitCode, Is.Zero, version.Output);
        Assert.That(version.Stdout, Is.EqualTo("4f1c2e0\n"), "standard output is the version alone, for $(make deployed-version)");

        File.Delete(log);
        var other = Make("drift", $"ENV=dev OUT={output} SKIP_SYNTH=1 INFRA_VERSION=9a9a9a9", withTerraform: true, withCredentials: true, deployed);
        Assert.That(other.ExitCode, Is.Not.Zero);
        Assert.That(other.Output, Does.Contain("make drift: mlops-aws-dev was deployed from INFRA_VERSION=4f1c2e0, not 9a9a9a9: check out 4f1c2e0 and run make drift ENV=dev INFRA_VERSION=4f1c2e0"));
        Assert.That(Calls(log, "plan"), Is.Empty, "no plan of another version than deployed: every InfraVersion tag would show as drift");

        File.Delete(log);
        var partly = new Dictionary<string, string>(deployed) { ["FAKE_DEPLOYED_STACKS"] = "mlops-k8s-dev=" };
        var same = Make("drift", $"ENV=dev OUT={output} SKIP_SYNTH=1 INFRA_VERSION=4f1c2e0", withTerraform: true, withCredentials: true, partly);
        Assert.That(same.Output, Does.Contain("== drift check mlops-k8s-dev: not deployed (no infra_version in state), skipped"));
        Assert.That(Calls(log, "plan").Select(c => c.Stack), Is.EquivalentTo(DevStacks.Where(s => s != "mlops-k8s-dev")));
        Assert.That(same.Output, Does.Contain("make drift: DRIFT in mlops-serving-dev"), "the deployed stacks are still compared");

        var mixed = new Dictionary<string, string>(deployed) { ["FAKE_DEPLOYED_STACKS"] = "mlops-gcp-dev=77aa000" };
        var disagree = Make("deployed-version", $"ENV=dev OUT={output} SKIP_SYNTH=1", withTerraform: true, withCredentials: true, mixed);
        Assert.That(disagree.ExitCode, Is.Not.Zero);
        Assert.That(disagree.Output, Does.Contain("make deployed-version: the stacks of ENV=dev were deployed from different versions:")
            .And.Contain("mlops-aws-dev 4f1c2e0").And.Contain("mlops-gcp-dev 77aa000"));

        var unversioned = Make("deployed-version", $"ENV=dev OUT={output} SKIP_SYNTH=1", withTerraform: true, withCredentials: true);
        Assert.That(unversioned.ExitCode, Is.Not.Zero);
        Assert.That(unversioned.Output, Does.Contain("ENV=dev was deployed without INFRA_VERSION (unversioned): its code is unknown"));
    }

    private static void AssertDependencyOrder(List<string> order)
    {
        Assert.That(order.IndexOf("mlops-aws-dev"), Is.LessThan(order.IndexOf("mlops-serving-dev")), string.Join(", ", order));
        Assert.That(order.IndexOf("mlops-gcp-dev"), Is.LessThan(order.IndexOf("mlops-gke-addons-dev")), string.Join(", ", order));
        Assert.That(order.IndexOf("mlops-gke-addons-dev"), Is.LessThan(order.IndexOf("mlops-k8s-dev")), "Kueue before the queues");
        Assert.That(order.IndexOf("mlops-eks-dev"), Is.LessThan(order.IndexOf("mlops-eks-addons-dev")), string.Join(", ", order));
        Assert.That(order.IndexOf("mlops-eks-addons-dev"), Is.LessThan(order.IndexOf("mlops-eks-k8s-dev")), string.Join(", ", order));
        Assert.That(order.IndexOf("mlops-aws-dev"), Is.LessThan(order.IndexOf("mlops-eks-k8s-dev")), "the trainer writes the platform's bucket");
    }

    private static List<(string Stack, string Arguments)> Calls(string log, string command) =>
        File.ReadAllLines(log).Select(l => l.Split(' ', 2)).Where(p => p[1].StartsWith(command + " ", StringComparison.Ordinal))
            .Select(p => (p[0], p[1])).ToList();

    private static void AssertNoCrash(MakeRun run)
    {
        Assert.That(run.Output, Does.Not.Contain("Usage Error").And.Not.Contain("Exception").And.Not.Contain("   at "));
    }

    private MakeRun Make(string target, string variables, bool withTerraform, bool withCredentials, IReadOnlyDictionary<string, string>? environment = null) =>
        Make(target, variables, withTerraform, withCredentials, terraformDirectory: null, environment);

    private MakeRun Make(string target, string variables, bool withTerraform, bool withCredentials, string? terraformDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("make")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--no-print-directory");
        start.ArgumentList.Add(target);
        foreach (var variable in variables.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(variable);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("GOOGLE_", StringComparison.Ordinal)
                     || k.StartsWith("CLOUDSDK_", StringComparison.Ordinal) || k.StartsWith("MLOPS_", StringComparison.Ordinal) || k is "ENV" or "STATE" or "OUT").ToList())
        {
            start.Environment.Remove(key);
        }

        var home = Directory.CreateDirectory(Path.Combine(_work, "home")).FullName;
        start.Environment["HOME"] = home;
        start.Environment["DOTNET_CLI_HOME"] = Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") ?? Environment.GetEnvironmentVariable("HOME");
        start.Environment["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                                               ?? Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".nuget", "packages");
        start.Environment["TERRAFORM_LOG"] = Path.Combine(_work, "terraform.log");
        // PATH without the real terraform; the recording stand-in first when terraform is wanted.
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Where(d => d.Length > 0 && !File.Exists(Path.Combine(d, "terraform")));
        start.Environment["PATH"] = string.Join(':', withTerraform ? path.Prepend(terraformDirectory ?? Path.Combine(_work, "bin")) : path);
        if (withCredentials)
        {
            start.Environment["AWS_PROFILE"] = "mlops-test";
            start.Environment["GOOGLE_OAUTH_ACCESS_TOKEN"] = "test-token";
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"make {target} did not finish within 5 minutes");
        }

        return new MakeRun(process.ExitCode, new StringBuilder(stdout.Result).Append(stderr.Result).ToString(), stdout.Result);
    }

    private sealed record MakeRun(int ExitCode, string Output, string Stdout);
}
