using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf.Providers.Aws.KmsKey;
using HashiCorp.Cdktf.Providers.Aws.SnsTopic;
using HashiCorp.Cdktf.Providers.Aws.SnsTopicSubscription;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>Input of <see cref="AlarmTopic"/>.</summary>
public sealed record AlarmTopicProps
{
    /// <summary>The topic name: 1–256 letters, digits, hyphens and underscores.</summary>
    public required string TopicName { get; init; }

    /// <summary>
    /// E-mail addresses subscribed to the topic (each confirms once, from the message AWS sends): at least one, because a
    /// topic nobody subscribes to delivers its alarms to no one. Where nobody is to be notified, create no topic and no
    /// alarms; where a pager or chat integration is the subscriber, subscribe it to an existing topic and pass that
    /// topic's ARN to the alarms instead of creating one here.
    /// </summary>
    public required IReadOnlyList<string> EmailSubscriptions { get; init; }

    /// <summary>Days between scheduling deletion of the created key and its deletion (7–30).</summary>
    /// <value>The default value is 30.</value>
    public int KeyDeletionWindowDays { get; init; } = CustomerManagedKeys.MaxDeletionWindowDays;

    /// <summary>Whether the topic's key carries <c>prevent_destroy</c> (deleting a key makes messages encrypted with it unreadable).</summary>
    /// <value>The default value is <see cref="DeletionPolicy.PreventDestroy"/>, like every key of this library.</value>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.PreventDestroy;

    /// <summary>Tags of the topic and its key, merged over the provider's <c>default_tags</c>.</summary>
    /// <value>The default value is no extra tags.</value>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// An SNS topic that CloudWatch alarms notify, with at least one subscriber, encrypted at rest with a customer managed key whose key policy lets
/// CloudWatch (from this account only) publish to it: AWS managed SNS keys cannot be used by CloudWatch, so alarms on a
/// topic encrypted with one are silently never delivered.
/// </summary>
/// <example>
/// <code>
/// var alarms = new AlarmTopic(this, "Alarms", new AlarmTopicProps { TopicName = "mlops-prod-alarms", EmailSubscriptions = ["ml-oncall@acme.example"] });
/// // new EndpointAlarms { AlarmTopicArn = alarms.TopicArn }
/// </code>
/// </example>
public sealed partial class AlarmTopic : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the key, the topic and its subscriptions.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public AlarmTopic(Construct scope, string id, AlarmTopicProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(AlarmTopic)))
    {
        new InputValidator(this).RequireMembers(props);
        Validate(props);
        var tags = TerraformMaps.OrNull(props.Tags);
        Key = CustomerManagedKeys.Create(this, $"Encrypts alarm notifications of SNS topic {props.TopicName}", $"sns-{props.TopicName}",
            props.KeyDeletionWindowDays, tags, props.DeletionPolicy, KeyUse.Through("sns") with
            {
                ServicePrincipals = account =>
                [
                    new PolicyStatement
                    {
                        Sid = "CloudWatchPublishesAlarms",
                        Actions = Actions.Kms.PublishToEncryptedTopic,
                        Resources = ["*"],
                        Principals = [PolicyPrincipal.Service("cloudwatch.amazonaws.com")],
                        Conditions = [new PolicyCondition("StringEquals", "aws:SourceAccount", [account.AccountId])],
                    },
                ],
            });
        Topic = new SnsTopic(this, "Topic", new SnsTopicConfig
        {
            Name = props.TopicName,
            KmsMasterKeyId = Key.Arn,
            Tags = tags,
        });
        foreach (var (email, index) in props.EmailSubscriptions.Select((e, i) => (e, i)))
        {
            new SnsTopicSubscription(this, $"Email{index}", new SnsTopicSubscriptionConfig
            {
                TopicArn = Topic.Arn,
                Protocol = "email",
                Endpoint = email,
            });
        }
    }

    /// <summary>The <c>aws_sns_topic</c> resource.</summary>
    public SnsTopic Topic { get; }

    /// <summary>The key encrypting the topic's messages.</summary>
    public KmsKey Key { get; }

    /// <summary>The topic ARN, for <see cref="EndpointAlarms.AlarmTopicArn"/> and other alarms.</summary>
    public string TopicArn => Topic.Arn;

    private void Validate(AlarmTopicProps props)
    {
        var v = new InputValidator(this);
        v.NotBlank(props.TopicName, nameof(props.TopicName));
        if (!string.IsNullOrEmpty(props.TopicName))
        {
            v.Matches(props.TopicName, nameof(props.TopicName), TopicName(), "must be 1 to 256 letters, digits, hyphens (-) and underscores (_)");
        }

        v.Require(props.EmailSubscriptions is not { Count: 0 }, nameof(props.EmailSubscriptions), "[]",
            "must name at least one address: a topic nobody subscribes to delivers its alarms to no one (create no topic and no alarms instead)");
        foreach (var email in props.EmailSubscriptions ?? [])
        {
            v.Matches(email ?? string.Empty, nameof(props.EmailSubscriptions), Email(), "must be an e-mail address such as ml-oncall@acme.example");
        }

        v.ValidateKeyDeletionWindow(props.KeyDeletionWindowDays);
        v.Defined(props.DeletionPolicy, nameof(props.DeletionPolicy));
        v.ValidateAwsTags(props.Tags);
        v.ThrowIfInvalid();
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex TopicName();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
