using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf.Providers.Google.MonitoringNotificationChannel;
using MlopsCdktf.Core;

namespace MlopsCdktf.Gcp;

/// <summary>Input of <see cref="EmailNotificationChannels"/>.</summary>
public sealed record EmailNotificationChannelsProps
{
    /// <summary>The project the channels live in (the alert policies' project).</summary>
    public required string ProjectId { get; init; }

    /// <summary>The addresses notified, one channel each; at least one.</summary>
    public required IReadOnlyList<string> Emails { get; init; }

    /// <summary>Prefix of the channels' display names, e.g. the environment or cluster name.</summary>
    public required string DisplayNamePrefix { get; init; }
}

/// <summary>
/// E-mail notification channels (<c>google_monitoring_notification_channel</c>, type <c>email</c>) for alert policies, one per
/// address. Cloud Monitoring sends no verification for e-mail channels: they notify from the first incident.
/// </summary>
public sealed partial class EmailNotificationChannels : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares a channel per address.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public EmailNotificationChannels(Construct scope, string id, EmailNotificationChannelsProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(EmailNotificationChannels)))
    {
        new InputValidator(this).RequireMembers(props);
        var v = new InputValidator(this);
        v.ValidateProjectId(props.ProjectId, nameof(props.ProjectId));
        v.NotBlank(props.DisplayNamePrefix, nameof(props.DisplayNamePrefix));
        v.Require(props.Emails is { Count: > 0 }, nameof(props.Emails), "[]", "must name at least one address");
        foreach (var email in props.Emails ?? [])
        {
            v.Require(Email().IsMatch(email), nameof(props.Emails), email, "must be an e-mail address such as ml-oncall@example.com");
        }

        v.Require(props.Emails is null || props.Emails.Distinct(StringComparer.OrdinalIgnoreCase).Count() == props.Emails.Count, nameof(props.Emails),
            props.Emails is null ? null : string.Join(", ", props.Emails), "must not name an address twice");
        v.ThrowIfInvalid();

        Channels = props.Emails!.Select((email, i) => new MonitoringNotificationChannel(this, $"Email{i}", new MonitoringNotificationChannelConfig
        {
            Project = props.ProjectId,
            DisplayName = $"{props.DisplayNamePrefix} alerts: {email}",
            Type = "email",
            Labels = new Dictionary<string, string> { ["email_address"] = email },
        })).ToList();
    }

    /// <summary>The <c>google_monitoring_notification_channel</c> resources, in address order.</summary>
    public IReadOnlyList<MonitoringNotificationChannel> Channels { get; }

    /// <summary>The channels' names (<c>projects/P/notificationChannels/ID</c>), what alert policies list.</summary>
    public IReadOnlyList<string> ChannelIds => Channels.Select(c => c.Name).ToList();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
