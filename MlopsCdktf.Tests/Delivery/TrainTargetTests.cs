using System.Diagnostics;
using System.Text;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Delivery;

/// <summary>
/// <c>make train</c> and <c>make train-teardown</c> (scripts/train.sh) as a data scientist runs them, against recording
/// stand-ins for terraform, kubectl, gcloud and aws on <c>PATH</c>, with a prepared synthesis (<c>SKIP_SYNTH=1</c>: the
/// environment's stacks plus the run's two). The promises checked on the recorded calls: the capacity is applied before
/// the Job, the Job is followed until it ends, and both stacks are destroyed in reverse order whatever happens — success,
/// a failed Job, a failed apply, Ctrl-C (twice); a destroy that fails names what is left and exits 5.
/// </summary>
[Category("Delivery")]
[NonParallelizable]
public sealed class TrainTargetTests
{
    private const string RunStack = "mlops-train-dev-bert-lr3";
    private const string JobStack = "mlops-train-dev-bert-lr3-job";
    private const string Artifact = "gs://mlops-models-dev/runs/bert-lr3/model.tar.gz";

    private string _work = null!;
    private string _bin = null!;
    private string _out = null!;
    private string _log = null!;
    private string _tmp = null!;

    [OneTimeSetUp]
    public void CreateStandInsAndSynthesis()
    {
        _work = Directory.CreateTempSubdirectory("mlops-train-").FullName;
        _bin = Directory.CreateDirectory(Path.Combine(_work, "bin")).FullName;
        _out = Path.Combine(_work, "out");
        _log = Path.Combine(_work, "calls.log");
        _tmp = Path.Combine(_work, "tmp");

        // terraform: records "<stack folder> <arguments>"; FAKE_APPLY_FAILS / FAKE_DESTROY_FAILS name failing stacks, whose
        // state then lists two resources (as does every stack in FAKE_IN_STATE); `output -json` answers FAKE_JOB_OUTPUTS.
        // FAKE_SECOND_INTERRUPT: the first destroy presses Ctrl-C again (SIGINT to the make session kubectl recorded).
        StandIn("terraform", """
            stack=$(basename "$PWD")
            echo "$stack $*" >> "$CALLS_LOG"
            has() { [[ " $1 " == *" $stack "* ]]; }
            case $1 in
              version) echo "Terraform v1.11.4" ;;
              apply) if has "${FAKE_APPLY_FAILS:-}"; then echo "Error: creating node pool: GPU quota exceeded" >&2; exit 1; fi ;;
              output) printf '%s\n' "$FAKE_JOB_OUTPUTS" ;;
              state) if has "${FAKE_DESTROY_FAILS:-} ${FAKE_IN_STATE:-}"; then printf 'google_container_node_pool.gpu\ngoogle_service_account.run\n'; fi ;;
              destroy)
                if [[ -n ${FAKE_SECOND_INTERRUPT:-} && -f $CALLS_LOG.pgid ]]; then kill -INT -- "-$(cat "$CALLS_LOG.pgid")"; rm -f "$CALLS_LOG.pgid"; sleep 1; fi
                if has "${FAKE_DESTROY_FAILS:-}"; then echo "Error: deleting node pool: operation in progress" >&2; exit 1; fi
                echo "$stack destroyed" >> "$CALLS_LOG" ;;
            esac
            exit 0
            """);
        // kubectl: records "kubectl <arguments>" with the run's kubeconfig written as KUBECONFIG_FILE (it must exist);
        // `get job` answers the next state of FAKE_JOB_STATES (the last one repeats). "interrupt" is Ctrl-C: SIGINT to the
        // whole foreground process group, the make session the test started.
        StandIn("kubectl", """
            args=("$@")
            for i in "${!args[@]}"; do [[ ${args[i]} == "$TMPDIR/mlops-train-"* ]] && args[i]=KUBECONFIG_FILE; done
            echo "kubectl ${args[*]}" >> "$CALLS_LOG"
            [[ $1 == --kubeconfig && -s $2 ]] || { echo "error: no kubeconfig at $2" >&2; exit 1; }
            shift 4
            case "$1 $2" in
              "get job")
                read -ra states <<<"$FAKE_JOB_STATES"
                n=$(cat "$CALLS_LOG.polls" 2>/dev/null || echo 0); echo $((n + 1)) > "$CALLS_LOG.polls"
                case ${states[n]:-${states[-1]}} in
                  queued) echo '{"spec":{"suspend":true},"status":{"conditions":[{"type":"Suspended","status":"True","reason":"JobSuspended"}]}}' ;;
                  pending) echo '{"status":{"active":1,"ready":0}}' ;;
                  running) echo '{"status":{"active":1,"ready":1}}' ;;
                  succeeded) echo '{"status":{"succeeded":1,"conditions":[{"type":"Complete","status":"True"}]}}' ;;
                  failed) echo '{"status":{"failed":3,"conditions":[{"type":"Failed","status":"True","reason":"BackoffLimitExceeded","message":"Job has reached the specified backoff limit"}]}}' ;;
                  interrupt)
                    pgid=$(ps -o pgid= -p $$ | tr -d ' ')
                    [[ $(ps -o comm= -p "$pgid") == make ]] || { echo "not in the test's make session" >&2; exit 1; }
                    echo "$pgid" > "$CALLS_LOG.pgid"
                    kill -INT -- "-$pgid"; sleep 1; echo '{"status":{"active":1,"ready":1}}' ;;
                esac ;;
              "get pods") echo "pod/train-bert-lr3-x7k2p" ;;
              "describe job") printf 'Name: train-bert-lr3\nEvents:\n  Warning  BackoffLimitExceeded  job-controller  Job has reached the specified backoff limit\n' ;;
              "describe pod/train-bert-lr3-x7k2p") printf 'State: Terminated\n  Reason: OOMKilled\nEvents:\n  Normal  Pulled  kubelet  Container image pulled\n' ;;
              "logs pod/train-bert-lr3-x7k2p") printf 'epoch 3/10 loss=0.412\nRuntimeError: CUDA out of memory\n' ;;
            esac
            """);
        // gcloud and aws: record the kubeconfig call (the file as KUBECONFIG_FILE) and write the file.
        StandIn("gcloud", """
            echo "gcloud $* KUBECONFIG=${KUBECONFIG/#$TMPDIR\/mlops-train-*/KUBECONFIG_FILE}" >> "$CALLS_LOG"
            echo "apiVersion: v1" > "$KUBECONFIG"
            """);
        StandIn("aws", """
            args=("$@")
            for i in "${!args[@]}"; do [[ ${args[i]} == "$TMPDIR/mlops-train-"* ]] && { echo "apiVersion: v1" > "${args[i]}"; args[i]=KUBECONFIG_FILE; }; done
            echo "aws ${args[*]}" >> "$CALLS_LOG"
            """);
        StandIn("gke-gcloud-auth-plugin", "exit 0");

        // What `make list ENV=dev RUN=bert-lr3` would leave: an environment stack and the run's two, the Job after the capacity.
        var stacks = new Dictionary<string, string[]>
        {
            ["mlops-gcp-dev"] = [],
            [JobStack] = [RunStack, "mlops-gcp-dev"],
            [RunStack] = ["mlops-gcp-dev"],
        };
        foreach (var stack in stacks.Keys)
        {
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(_out, "stacks", stack)).FullName, "cdk.tf.json"), "{}");
        }

        var manifest = string.Join(",\n", stacks.Select(s =>
            $"\"{s.Key}\": {{\"name\": \"{s.Key}\", \"workingDirectory\": \"stacks/{s.Key}\", \"synthesizedStackPath\": \"stacks/{s.Key}/cdk.tf.json\", \"dependencies\": [{string.Join(", ", s.Value.Select(d => $"\"{d}\""))}]}}"));
        File.WriteAllText(Path.Combine(_out, "manifest.json"), $"{{\"version\": \"0.21.0\", \"stacks\": {{\n{manifest}\n}}}}");
    }

    [OneTimeTearDown]
    public void DeleteWorkFolder() => Directory.Delete(_work, recursive: true);

    [SetUp]
    public void FreshLog()
    {
        foreach (var file in Directory.GetFiles(_work, "calls.log*"))
        {
            File.Delete(file);
        }

        if (Directory.Exists(_tmp))
        {
            Directory.Delete(_tmp, recursive: true);
        }

        Directory.CreateDirectory(_tmp);
    }

    [Test]
    public void A_run_applies_the_capacity_then_the_job_follows_it_prints_the_artifact_and_destroys_both_in_reverse_order()
    {
        var summary = Path.Combine(_work, "summary.md");
        File.Delete(summary);

        var run = Train("pending running running succeeded", new() { ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(Calls(), Is.EqualTo(new[]
        {
            $"{RunStack} init", $"{RunStack} apply", $"{JobStack} init", $"{JobStack} apply", $"{JobStack} output",
            "gcloud container clusters get-credentials mlops-dev --location europe-west4 --project mlops-dev-123 KUBECONFIG=KUBECONFIG_FILE",
            "kubectl get job", "kubectl get job", "kubectl get job", "kubectl get job",
            $"{JobStack} init", $"{JobStack} destroy", $"{JobStack} destroyed", $"{RunStack} init", $"{RunStack} destroy", $"{RunStack} destroyed",
        }), "only the run's stacks, never mlops-gcp-dev; the Job stack goes first");
        Assert.That(RawCalls().Where(c => c.Contains(" apply ", StringComparison.Ordinal) || c.Contains(" destroy ", StringComparison.Ordinal)),
            Has.All.Contain("-auto-approve").And.All.Contain("-lock-timeout=5m"));
        Assert.That(RawCalls().Where(c => c.StartsWith("kubectl", StringComparison.Ordinal)),
            Has.All.StartWith("kubectl --kubeconfig KUBECONFIG_FILE --namespace training get job train-bert-lr3 --output json"));
        Assert.That(run.Stdout, Does.Match(@"\[0m0\ds\] job train-bert-lr3: Pending \(1 pod\(s\) waiting for a GPU node or the image\)\n"
                                          + @"\[0m0\ds\] job train-bert-lr3: Running \(1 pod\(s\) running\)\n"
                                          + @"\[0m0\ds\] job train-bert-lr3: Succeeded"), "progress: a line per phase, not per poll");
        Assert.That(run.Stdout, Does.Contain($"artifact: {Artifact}").And.Contain($"make train: run bert-lr3 trained and torn down; model artifact: {Artifact}"));
        Assert.That(Directory.GetFiles(_tmp), Is.Empty, "the run's kubeconfig is removed");
        var markdown = File.ReadAllText(summary);
        Assert.That(markdown, Does.Contain("### Training run `bert-lr3`").And.Contain("| Result | succeeded |").And.Contain($"| Artifact | `{Artifact}` |")
            .And.Contain($"| Teardown | destroyed `{JobStack}`, `{RunStack}` |").And.Contain("| Cloud | gke |"));
    }

    [Test]
    public void A_run_held_in_the_kueue_queue_is_reported_queued_and_followed_until_it_trains()
    {
        var run = Train("queued queued running succeeded");

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Stdout, Does.Match(@"job train-bert-lr3: Queued \(held by Kueue until the queue has room[^\n]*\n[^\n]*job train-bert-lr3: Running"));
        Assert.That(Calls().Count(c => c == "kubectl get job"), Is.EqualTo(4), "a queued Job is waited for, not taken for a failure");
    }

    /// <summary>
    /// The app's own synthesis of an EKS run (the stacks and manifest <c>make train</c> would synthesize), with the job
    /// stack's outputs as Terraform would print them: the script finds the run's two stacks by the names the app gives
    /// them, applies them in the manifest's order, and never touches the environment's stacks.
    /// </summary>
    [Test]
    public void The_apps_own_synthesis_of_a_run_is_what_the_script_applies_and_destroys()
    {
        var outdir = Path.Combine(_work, "real-out");
        var app = SynthHarness.NewApp(outdir, new Dictionary<string, object> { ["env"] = "dev", ["run"] = "real-eks", ["runCloud"] = "eks" });
        MlopsCdktf.Stacks.MlopsApplication.Compose(app, MlopsCdktf.Environments.SynthSelection.Read(app, _ => null));
        app.Synth();
        var job = TerraformJson.Parse(File.ReadAllText(Path.Combine(outdir, "stacks", "mlops-train-dev-real-eks-job", "cdk.tf.json")));
        var outputs = new System.Text.Json.Nodes.JsonObject();
        foreach (var (name, output) in job.Root["output"]!.AsObject())
        {
            var value = output!["value"]!.GetValue<string>();
            // The one reference: the Job's name, as Terraform resolves it after the apply.
            outputs[name] = new System.Text.Json.Nodes.JsonObject
            {
                ["value"] = value.StartsWith("${kubernetes_job_v1.", StringComparison.Ordinal) ? job.Single("kubernetes_job_v1")["metadata"]!["name"]!.GetValue<string>() : value,
            };
        }

        var run = Make("train", $"ENV=dev RUN=real-eks CLOUD=eks POLL=0.1 OUT={outdir}",
            new() { ["FAKE_JOB_STATES"] = "succeeded", ["FAKE_JOB_OUTPUTS"] = outputs.ToJsonString() });

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(Calls().Where(c => !c.StartsWith("kubectl", StringComparison.Ordinal) && !c.StartsWith("aws", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "mlops-train-dev-real-eks init", "mlops-train-dev-real-eks apply", "mlops-train-dev-real-eks-job init", "mlops-train-dev-real-eks-job apply",
            "mlops-train-dev-real-eks-job output", "mlops-train-dev-real-eks-job init", "mlops-train-dev-real-eks-job destroy", "mlops-train-dev-real-eks-job destroyed",
            "mlops-train-dev-real-eks init", "mlops-train-dev-real-eks destroy", "mlops-train-dev-real-eks destroyed",
        }));
        Assert.That(RawCalls(), Does.Contain("aws eks update-kubeconfig --name mlops-dev-training --region eu-west-1 --kubeconfig KUBECONFIG_FILE"));
        Assert.That(RawCalls().Where(c => c.StartsWith("kubectl", StringComparison.Ordinal)),
            Has.All.StartWith("kubectl --kubeconfig KUBECONFIG_FILE --namespace ml-training get job churn-train-real-eks --output json"));
        Assert.That(run.Stdout, Does.Contain("model artifact: s3://mlops-dev-model-artifacts-111111111111/models/churn/runs/real-eks/"));
    }

    [Test]
    public void An_EKS_run_writes_its_kubeconfig_with_the_AWS_CLI()
    {
        var outputs = Outputs("eks", "mlops-dev-eks", "eu-west-1", "", "s3://mlops-models-dev/runs/bert-lr3/");

        var run = Train("succeeded", new() { ["FAKE_JOB_OUTPUTS"] = outputs }, "CLOUD=eks");

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(RawCalls(), Does.Contain("aws eks update-kubeconfig --name mlops-dev-eks --region eu-west-1 --kubeconfig KUBECONFIG_FILE"));
        Assert.That(RawCalls(), Has.None.StartWith("gcloud"));
        Assert.That(run.Stdout, Does.Contain("model artifact: s3://mlops-models-dev/runs/bert-lr3/"));
    }

    [Test]
    public void A_failed_job_prints_its_events_and_last_log_lines_and_the_run_is_torn_down()
    {
        var run = Train("pending running failed");

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Output, Does.Contain("Error 1"), "the script's code for a failed run, torn down");
        Assert.That(Calls().SkipWhile(c => c != $"{JobStack} output").Skip(5), Is.EqualTo(new[]
        {
            "kubectl describe job", "kubectl get pods", "kubectl describe pod/train-bert-lr3-x7k2p", "kubectl logs pod/train-bert-lr3-x7k2p",
            $"{JobStack} init", $"{JobStack} destroy", $"{JobStack} destroyed", $"{RunStack} init", $"{RunStack} destroy", $"{RunStack} destroyed",
        }));
        Assert.That(RawCalls(), Does.Contain("kubectl --kubeconfig KUBECONFIG_FILE --namespace training logs pod/train-bert-lr3-x7k2p --all-containers --tail=50"));
        Assert.That(run.Output, Does.Contain("make train: job train-bert-lr3 BackoffLimitExceeded: Job has reached the specified backoff limit (3 pod(s) failed)")
            .And.Contain("Reason: OOMKilled").And.Contain("RuntimeError: CUDA out of memory"));
        Assert.That(run.Output, Does.Not.Contain("model artifact"));
    }

    [Test]
    public void A_failed_apply_destroys_what_it_started_and_never_waits_for_a_job()
    {
        var run = Train("succeeded", new() { ["FAKE_APPLY_FAILS"] = JobStack });

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(Calls(), Is.EqualTo(new[]
        {
            $"{RunStack} init", $"{RunStack} apply", $"{JobStack} init", $"{JobStack} apply",
            $"{JobStack} init", $"{JobStack} destroy", $"{JobStack} destroyed", $"{RunStack} init", $"{RunStack} destroy", $"{RunStack} destroyed",
        }), "a half-applied stack holds resources: it is destroyed too");
        Assert.That(run.Output, Does.Contain($"make train: run bert-lr3 apply of {JobStack} failed; torn down"));
    }

    [Test]
    public void Ctrl_C_while_waiting_tears_the_run_down_and_a_second_Ctrl_C_does_not_stop_the_teardown()
    {
        var summary = Path.Combine(_work, "summary.md");
        File.Delete(summary);

        var run = Train("pending interrupt running", new() { ["FAKE_SECOND_INTERRUPT"] = "1", ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.That(run.ExitCode, Is.Not.Zero, run.Output);
        Assert.That(Calls().SkipWhile(c => c != "kubectl get job"), Is.EqualTo(new[]
        {
            "kubectl get job", "kubectl get job",
            $"{JobStack} init", $"{JobStack} destroy", $"{JobStack} destroyed", $"{RunStack} init", $"{RunStack} destroy", $"{RunStack} destroyed",
        }), "no poll after Ctrl-C; the destroy the second Ctrl-C hit finished, and the next one ran");
        Assert.That(run.Output, Does.Contain("make train: INT received: stopping the run, then tearing it down (pressing Ctrl-C again does not skip the teardown)"));
        Assert.That(run.Output, Does.Contain("make train: INT received: the teardown goes on (it removes paid GPU capacity; terraform is not interrupted)."));
        Assert.That(run.Output, Does.Contain("Error 130").Or.Contain("Interrupt"));
        Assert.That(File.ReadAllText(summary), Does.Contain("| Result | interrupted (INT) |").And.Contain("| Artifact | none |"));
    }

    [Test]
    public void A_failed_destroy_lists_what_is_left_goes_on_with_the_capacity_and_exits_5()
    {
        var summary = Path.Combine(_work, "summary.md");
        File.Delete(summary);

        var run = Train("succeeded", new() { ["FAKE_DESTROY_FAILS"] = JobStack, ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Output, Does.Contain("Error 5"), "leftovers win over the run's own result");
        Assert.That(Calls().SkipWhile(c => c != "kubectl get job").Skip(1), Is.EqualTo(new[]
        {
            $"{JobStack} init", $"{JobStack} destroy", $"{JobStack} state", $"{RunStack} init", $"{RunStack} destroy", $"{RunStack} destroyed",
        }), "the GPU capacity is destroyed even when the Job's stack could not be");
        Assert.That(run.Output, Does.Contain($"make train: terraform destroy of {JobStack} FAILED; what is left in its state:\n  google_container_node_pool.gpu\n  google_service_account.run"));
        Assert.That(run.Output, Does.Contain("make train: RESOURCES LEFT (they cost money until destroyed): retry with make train-teardown ENV=dev RUN=bert-lr3 CLOUD=gke"));
        Assert.That(File.ReadAllText(summary), Does.Contain($"| Teardown | **FAILED, resources left:** `{JobStack}: google_container_node_pool.gpu`<br>`{JobStack}: google_service_account.run` |"));
    }

    [Test]
    public void Train_teardown_destroys_only_the_run_stacks_that_hold_state_in_reverse_order()
    {
        var clean = Make("train-teardown", "ENV=dev RUN=bert-lr3", new() { ["FAKE_IN_STATE"] = RunStack });

        Assert.That(clean.ExitCode, Is.Zero, clean.Output);
        Assert.That(Calls(), Is.EqualTo(new[]
        {
            $"{JobStack} init", $"{JobStack} state", $"{RunStack} init", $"{RunStack} state", $"{RunStack} destroy", $"{RunStack} destroyed",
        }), "the Job's stack was destroyed already; the capacity was not");
        Assert.That(clean.Output, Does.Contain("== reusing the synthesis in").And.Contain($"== teardown {JobStack}: nothing in state"));

        FreshLog();
        var failing = Make("train-teardown", "ENV=dev RUN=bert-lr3", new() { ["FAKE_DESTROY_FAILS"] = RunStack });
        Assert.That(failing.Output, Does.Contain("Error 5").And.Contain($"terraform destroy of {RunStack} FAILED"));
    }

    [TestCase("ENV=dev RUN=Bert_1", "make train: RUN was \"Bert_1\": must be 2-20 characters of a-z, 0-9 and '-', start with a letter and end with a letter or digit")]
    [TestCase("ENV=dev RUN=a-very-long-run-name-x1", "RUN was \"a-very-long-run-name-x1\": must be 2-20 characters")]
    [TestCase("ENV=dev RUN=bert-", "RUN was \"bert-\": must be 2-20 characters")]
    [TestCase("ENV=dev", "make train: set RUN: the run's name, 2-20 characters of a-z, 0-9 and '-', starting with a letter (e.g. RUN=bert-lr3)")]
    [TestCase("RUN=bert-lr3", "make train: set ENV: one of dev, staging, prod (e.g. make train ENV=dev RUN=bert-lr3)")]
    [TestCase("ENV=pr12 RUN=bert-lr3", "make train: ENV was \"pr12\": a review environment has no cluster to train on; use dev, staging or prod")]
    [TestCase("ENV=dev RUN=bert-lr3 CLOUD=aks", "make train: CLOUD was \"aks\": must be gke (the environment's GKE cluster, the default) or eks")]
    [TestCase("ENV=dev RUN=bert-lr3 TIMEOUT=0", "make train: TIMEOUT was \"0\": must be the minutes to wait for the Job, a whole number from 1 (default 120)")]
    public void Preflight_names_a_bad_or_missing_variable_before_anything_runs(string variables, string message)
    {
        var run = Make("train", variables);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
        Assert.That(run.Output, Does.Contain(message));
        Assert.That(File.Exists(_log), Is.False, "no tool was called");
    }

    [Test]
    public void Preflight_names_every_problem_at_once()
    {
        var run = Make("train", "RUN=-x CLOUD=azure");

        Assert.That(run.Output, Does.Contain("set ENV").And.Contain("RUN was \"-x\"").And.Contain("CLOUD was \"azure\""));
    }

    [Test]
    public void Without_kubectl_or_the_cloud_s_CLI_or_credentials_preflight_says_what_to_install_or_set()
    {
        // A PATH of the stand-ins and the few tools make and the preflight use: no kubectl (the machine may have one).
        var bare = Directory.CreateDirectory(Path.Combine(_work, "bare")).FullName;
        foreach (var tool in new[] { "make", "bash", "dirname", "sed", "setsid", "terraform", "gcloud", "aws", "gke-gcloud-auth-plugin" })
        {
            var link = Path.Combine(bare, tool);
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, File.Exists(Path.Combine(_bin, tool)) ? Path.Combine(_bin, tool) : Which(tool));
            }
        }

        var noKubectl = Make("train", "ENV=dev RUN=bert-lr3", path: bare);
        Assert.That(noKubectl.ExitCode, Is.EqualTo(2), noKubectl.Output);
        Assert.That(noKubectl.Output, Does.Contain("make train: needs kubectl on PATH: it follows the training Job (install it: https://kubernetes.io/docs/tasks/tools/)"));

        File.Delete(Path.Combine(bare, "aws"));
        File.CreateSymbolicLink(Path.Combine(bare, "kubectl"), Path.Combine(_bin, "kubectl"));
        var noAws = Make("train", "ENV=dev RUN=bert-lr3 CLOUD=eks", path: bare);
        Assert.That(noAws.Output, Does.Contain("make train: needs the AWS CLI (aws) on PATH: it writes the run's kubeconfig for the EKS cluster"));
        Assert.That(Make("train-teardown", "ENV=dev RUN=bert-lr3 CLOUD=eks", path: bare).Output, Does.Not.Contain("needs"), "a teardown needs terraform only");

        var noCredentials = Make("train", "ENV=dev RUN=bert-lr3", withCredentials: false);
        Assert.That(noCredentials.ExitCode, Is.EqualTo(2));
        Assert.That(noCredentials.Output, Does.Contain("make train: no GCP credentials found for the GKE run: run 'gcloud auth application-default login'"));
    }

    private static string Outputs(string cloud, string cluster, string location, string project, string artifact) =>
        $$$"""{"cloud":{"value":"{{{cloud}}}"},"cluster_name":{"value":"{{{cluster}}}"},"cluster_location":{"value":"{{{location}}}"},"project_id":{"value":"{{{project}}}"},"namespace":{"value":"training"},"job_name":{"value":"train-bert-lr3"},"artifact_uri":{"value":"{{{artifact}}}"}}""";

    private MakeRun Train(string jobStates, Dictionary<string, string>? environment = null, string variables = "")
    {
        var all = new Dictionary<string, string>
        {
            ["FAKE_JOB_STATES"] = jobStates,
            ["FAKE_JOB_OUTPUTS"] = Outputs("gke", "mlops-dev", "europe-west4", "mlops-dev-123", Artifact),
        };
        foreach (var (key, value) in environment ?? [])
        {
            all[key] = value;
        }

        return Make("train", $"ENV=dev RUN=bert-lr3 POLL=0.1 {variables}", all);
    }

    private IEnumerable<string> RawCalls() =>
        File.Exists(_log) ? File.ReadAllLines(_log).Where(l => !l.EndsWith(" version", StringComparison.Ordinal)) : [];

    /// <summary>The calls in order, short: "&lt;stack&gt; &lt;terraform command&gt;", "kubectl &lt;verb&gt; &lt;object&gt;", gcloud/aws in full.</summary>
    private List<string> Calls() =>
        RawCalls().Select(line =>
        {
            var words = line.Split(' ');
            return words[0] switch
            {
                "kubectl" => $"kubectl {words[5]} {words[6]}",
                "gcloud" or "aws" => line,
                _ => $"{words[0]} {words[1]}",
            };
        }).ToList();

    private static string Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, tool)).First(File.Exists);

    private void StandIn(string name, string script)
    {
        var file = Path.Combine(_bin, name);
        File.WriteAllText(file, "#!/usr/bin/env bash\n" + script.Replace("\r", string.Empty, StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// <c>make &lt;target&gt;</c> in a session of its own (<c>setsid</c>), as a terminal runs it: a Ctrl-C (SIGINT to the
    /// process group) then reaches make and the script, never the test host. Stand-ins first on PATH, no real cloud variable.
    /// </summary>
    private MakeRun Make(string target, string variables, Dictionary<string, string>? environment = null, bool withCredentials = true, string? path = null)
    {
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--wait", "make", "--no-print-directory", target, "SKIP_SYNTH=1", $"OUT={_out}" }
                     .Concat(variables.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("GOOGLE_", StringComparison.Ordinal)
                     || k.StartsWith("CLOUDSDK_", StringComparison.Ordinal) || k.StartsWith("MLOPS_", StringComparison.Ordinal) || k.StartsWith("GITHUB_", StringComparison.Ordinal)
                     || k is "ENV" or "RUN" or "CLOUD" or "TIMEOUT" or "STATE" or "OUT" or "KUBECONFIG").ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["HOME"] = Directory.CreateDirectory(Path.Combine(_work, "home")).FullName;
        start.Environment["TMPDIR"] = _tmp;
        start.Environment["CALLS_LOG"] = _log;
        start.Environment["PATH"] = path ?? _bin + ":" + Environment.GetEnvironmentVariable("PATH");
        if (withCredentials)
        {
            start.Environment["AWS_PROFILE"] = "mlops-test";
            start.Environment["GOOGLE_OAUTH_ACCESS_TOKEN"] = "test-token";
        }

        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"make {target} did not finish within 2 minutes");
        }

        return new MakeRun(process.ExitCode, new StringBuilder(stdout.Result).Append(stderr.Result).ToString(), stdout.Result);
    }

    private sealed record MakeRun(int ExitCode, string Output, string Stdout);
}
