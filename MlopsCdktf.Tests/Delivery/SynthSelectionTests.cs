using MlopsCdktf.Core;
using MlopsCdktf.Environments;

namespace MlopsCdktf.Tests.Delivery;

/// <summary>Which stacks one synthesis declares, chosen through CDKTF context or MLOPS_* variables, never in code.</summary>
public sealed class SynthSelectionTests
{
    private static readonly string[] Clouds = ["aws", "serving", "gcp", "k8s"];

    /// <summary>Every environment's four stacks (with the GKE add-ons before the Kubernetes stack where it runs training runs on
    /// GKE), then the EKS cluster, add-ons and workloads where it declares EksTraining (dev; never a review environment).</summary>
    private static string[] StacksOf(string env) =>
    [
        .. Clouds.Take(3).Select(c => $"mlops-{c}-{env}"),
        .. Catalog.All.SingleOrDefault(e => e.Name == env)?.TrainingRuns?.Gke is null ? [] : new[] { $"mlops-gke-addons-{env}" },
        $"mlops-{Clouds[3]}-{env}",
        .. Catalog.All.SingleOrDefault(e => e.Name == env)?.EksTraining is null ? [] : new[] { "eks", "eks-addons", "eks-k8s" }.Select(c => $"mlops-{c}-{env}"),
    ];

    [Test]
    public void By_default_every_environment_is_synthesized_with_its_stacks_in_promotion_order()
    {
        var names = DeliverySynth.StackNames();

        Assert.That(names, Is.EqualTo(StacksOf("dev").Concat(StacksOf("staging")).Concat(StacksOf("prod"))));
        Assert.That(DeliverySynth.Select().Select(e => e.Delivery), Has.All.EqualTo(DeliveryOptions.Default));
    }

    [TestCase("dev")]
    [TestCase("prod")]
    public void One_environment_is_chosen_through_context(string env) =>
        Assert.That(DeliverySynth.StackNames(new Dictionary<string, object> { ["env"] = env }), Is.EqualTo(StacksOf(env)));

    [Test]
    public void One_environment_is_chosen_through_MLOPS_ENV() =>
        Assert.That(DeliverySynth.StackNames(variables: new Dictionary<string, string> { ["MLOPS_ENV"] = "staging" }), Is.EqualTo(StacksOf("staging")));

    [Test]
    public void Context_wins_over_the_environment_variable() =>
        Assert.That(DeliverySynth.StackNames(new Dictionary<string, object> { ["env"] = "prod" }, new Dictionary<string, string> { ["MLOPS_ENV"] = "dev" }),
            Is.EqualTo(StacksOf("prod")));

    [Test]
    public void A_pull_request_number_selects_only_its_review_environment_named_after_it()
    {
        Assert.That(DeliverySynth.StackNames(new Dictionary<string, object> { ["pr"] = 123 }), Is.EqualTo(StacksOf("pr123")));
        Assert.That(DeliverySynth.StackNames(variables: new Dictionary<string, string> { ["MLOPS_PR"] = "4567" }), Is.EqualTo(StacksOf("pr4567")));
    }

    [Test]
    public void A_review_environment_is_dev_sized_destroyable_and_carries_its_pull_request_and_time_to_live()
    {
        var review = DeliverySynth.Select(new Dictionary<string, object> { ["pr"] = "123" }).Single();

        Assert.That(review.Name, Is.EqualTo("pr123"));
        Assert.That(review.DataDeletionPolicy, Is.EqualTo(DeletionPolicy.ForceDestroy));
        Assert.That(review.Aws, Is.EqualTo(Catalog.Dev.Aws));
        Assert.That(review.Serving, Is.EqualTo(Catalog.Dev.Serving), "dev-sized serving");
        Assert.That(review.Training, Is.EqualTo(Catalog.Dev.Training), "dev-sized training");
        Assert.That(review.State, Is.EqualTo(Catalog.Dev.State), "dev's state buckets, under the review stacks' own keys");
        var tags = review.StandardTags();
        Assert.That(tags["PullRequest"], Is.EqualTo("123"));
        Assert.That(tags["TimeToLive"], Is.EqualTo("72h"));
        Assert.That(tags["Environment"], Is.EqualTo("pr123"));
        Assert.That(Catalog.Dev.StandardTags().Keys, Has.None.EqualTo("PullRequest").And.None.EqualTo("TimeToLive"));
    }

    [Test]
    public void State_mode_and_infra_version_reach_every_selected_environment()
    {
        var selected = DeliverySynth.Select(variables: new Dictionary<string, string> { ["MLOPS_STATE"] = "remote", ["MLOPS_INFRA_VERSION"] = "0123abcd" });

        Assert.That(selected.Select(e => e.Delivery), Has.All.EqualTo(new DeliveryOptions { State = StateMode.Remote, InfraVersion = "0123abcd" }));
        Assert.That(selected, Has.Count.EqualTo(3));
    }

    [Test]
    public void Bad_settings_are_all_reported_naming_the_setting_its_variable_the_value_and_what_is_allowed()
    {
        var error = Assert.Throws<ConstructInputException>(() => DeliverySynth.Select(
            new Dictionary<string, object> { ["env"] = "qa", ["state"] = "s3" },
            new Dictionary<string, string> { ["MLOPS_PR"] = "012", ["MLOPS_INFRA_VERSION"] = "HEAD" }))!;

        Assert.That(error.Message, Does.StartWith("Invalid SynthContext at path [cdktf context / MLOPS_* variables]:"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "env (MLOPS_ENV) was \"qa\": must be one of dev, staging, prod (or unset for all of them; a review environment is chosen with pr (MLOPS_PR)).",
            "pr (MLOPS_PR) was \"012\": must be a pull request number (1 to 10 digits, no leading zero).",
            "pr (MLOPS_PR) was \"012\": selects the review environment, so env (MLOPS_ENV) (\"qa\") must be unset: give one of them.",
            "state (MLOPS_STATE) was \"s3\": must be one of local, remote (any case): local keeps the state files in the repository root (offline), remote uses the environment's S3/GCS state buckets.",
            "infraVersion (MLOPS_INFRA_VERSION) was \"HEAD\": must be the git commit the infrastructure is built from (7 to 64 lowercase hex digits, SHA-1 or SHA-256, e.g. $(git rev-parse HEAD)) or \"unversioned\".",
        }));
    }

    [Test]
    public void A_review_environment_that_is_not_destroyable_or_misnamed_is_rejected()
    {
        var bad = Catalog.Review(7) with { Name = "review7", DataDeletionPolicy = DeletionPolicy.PreventDestroy, Review = new ReviewSettings { PullRequest = 7, TimeToLiveHours = 0 } };

        var error = Assert.Throws<ConstructInputException>(() => EnvironmentRules.Validate([bad]))!;

        Assert.That(error.Problems, Does.Contain("[review7] Name was \"review7\": must be \"pr7\": review environments are named after their pull request."));
        Assert.That(error.Problems, Does.Contain("[review7] Review.TimeToLiveHours was 0: must be between 1 and 720 hours."));
        Assert.That(error.Problems, Does.Contain("[review7] DataDeletionPolicy was PreventDestroy: must be ForceDestroy in a review environment: closing the pull request destroys everything it created."));
    }

    /// <summary>Enum.TryParse would take numbers and flag lists: only the names select a state mode, in any case.</summary>
    [TestCase("1")]
    [TestCase("7")]
    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("local,remote")]
    [TestCase("remote,local")]
    [TestCase("Local, Remote")]
    [TestCase("remotely")]
    public void A_state_that_is_not_a_mode_name_is_refused_naming_the_variable_the_value_and_the_names(string state)
    {
        var error = Assert.Throws<ConstructInputException>(() => DeliverySynth.Select(variables: new Dictionary<string, string> { ["MLOPS_STATE"] = state }))!;
        Assert.That(error.Problems, Is.EqualTo(new[] { $"state (MLOPS_STATE) was \"{state.Trim()}\": must be one of local, remote (any case): local keeps the state files in the repository root (offline), remote uses the environment's S3/GCS state buckets." }));
    }

    [TestCase("local", StateMode.Local)]
    [TestCase("REMOTE", StateMode.Remote)]
    [TestCase("Remote", StateMode.Remote)]
    [TestCase(" remote ", StateMode.Remote)]
    public void State_mode_names_are_accepted_in_any_case(string state, StateMode mode) =>
        Assert.That(DeliverySynth.Select(variables: new Dictionary<string, string> { ["MLOPS_STATE"] = state }).Select(e => e.Delivery.State), Has.All.EqualTo(mode));

    [TestCase("true", true)]
    [TestCase("TRUE", true)]
    [TestCase("1", true)]
    [TestCase("False", false)]
    [TestCase("0", false)]
    public void Bootstrap_is_a_boolean_in_any_case(string bootstrap, bool expected) =>
        Assert.That(DeliverySynth.Select(variables: new Dictionary<string, string> { ["MLOPS_BOOTSTRAP"] = bootstrap }).Select(e => e.Delivery.StateBootstrap), Has.All.EqualTo(expected));

    [TestCase("yes")]
    [TestCase("2")]
    [TestCase("true,false")]
    public void A_bootstrap_that_is_not_a_boolean_is_refused(string bootstrap) =>
        Assert.That(Assert.Throws<ConstructInputException>(() => DeliverySynth.Select(variables: new Dictionary<string, string> { ["MLOPS_BOOTSTRAP"] = bootstrap }))!.Problems,
            Is.EqualTo(new[] { $"bootstrap (MLOPS_BOOTSTRAP) was \"{bootstrap}\": must be true or 1 (any case) to synthesize only the state buckets, or false or 0." }));

    [Test]
    public void Sha256_commits_are_accepted_as_infra_version_and_65_digits_are_not()
    {
        var sha256 = new string('a', 32) + new string('0', 32);
        foreach (var version in new[] { "0123abc", new string('b', 40), new string('c', 41), sha256 })
        {
            Assert.That(DeliverySynth.Select(variables: new Dictionary<string, string> { ["MLOPS_INFRA_VERSION"] = version }).Select(e => e.Delivery.InfraVersion), Has.All.EqualTo(version), version);
        }

        foreach (var version in new[] { "0123ab", sha256 + "1", sha256.ToUpperInvariant() })
        {
            var error = Assert.Throws<ConstructInputException>(() => DeliverySynth.Select(variables: new Dictionary<string, string> { ["MLOPS_INFRA_VERSION"] = version }))!;
            Assert.That(error.Problems, Is.EqualTo(new[]
            {
                $"infraVersion (MLOPS_INFRA_VERSION) was \"{version}\": must be the git commit the infrastructure is built from (7 to 64 lowercase hex digits, SHA-1 or SHA-256, e.g. $(git rev-parse HEAD)) or \"unversioned\".",
            }), version);
        }
    }

    [TestCase("12\n3")]
    [TestCase("1e3")]
    [TestCase("+12")]
    public void A_pull_request_that_is_not_a_plain_number_is_refused(string pr) =>
        Assert.That(Assert.Throws<ConstructInputException>(() => DeliverySynth.Select(variables: new Dictionary<string, string> { ["MLOPS_PR"] = pr }))!.Problems,
            Is.EqualTo(new[] { $"pr (MLOPS_PR) was \"{pr}\": must be a pull request number (1 to 10 digits, no leading zero)." }));
}
