using System.Globalization;
using MlopsCdktf.Core;

namespace MlopsCdktf.Gcp;

/// <summary>
/// What GKE requires of a Dynamic Workload Scheduler node pool (<see cref="GpuProvisioning.FlexStart"/>,
/// <see cref="GpuProvisioning.QueuedProvisioning"/>), kept as data: the GKE guides create such pools with autoscaling from
/// 0 nodes, location policy <c>ANY</c>, <c>--reservation-affinity=none</c> and <c>--no-enable-autorepair</c>, never as Spot
/// VMs, and with a maximum run duration of at most seven days
/// (https://cloud.google.com/kubernetes-engine/docs/concepts/dws,
/// https://cloud.google.com/kubernetes-engine/docs/how-to/provisioningrequest).
/// </summary>
public static class DwsRules
{
    /// <summary>The longest a DWS node may run: 7 days (flex-start's and queued provisioning's maximum and default).</summary>
    public static readonly TimeSpan MaxRunDurationLimit = TimeSpan.FromDays(7);

    /// <summary>The shortest maximum run duration Compute Engine accepts: 30 seconds.</summary>
    public static readonly TimeSpan MinRunDuration = TimeSpan.FromSeconds(30);

    /// <summary>The reservation affinity a DWS pool must have: DWS capacity is never taken from a reservation.</summary>
    public const string ReservationAffinity = "NO_RESERVATION";

    /// <summary>Whether <paramref name="provisioning"/> is a Dynamic Workload Scheduler mode.</summary>
    public static bool IsDws(this GpuProvisioning provisioning) => provisioning is GpuProvisioning.FlexStart or GpuProvisioning.QueuedProvisioning;

    /// <summary>A duration as Google's API writes it: whole seconds with an <c>s</c> suffix (<c>86400s</c>).</summary>
    public static string ToDurationString(TimeSpan duration) =>
        ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";

    /// <summary>
    /// Records every way <paramref name="props"/> breaks GKE's rules for its provisioning mode: a DWS pool needs a maximum run
    /// duration within 30 seconds to 7 days in whole seconds, autoscaling from 0, location policy ANY and no Spot; an on-demand
    /// pool takes no maximum run duration.
    /// </summary>
    /// <param name="v">The pool's validator.</param>
    /// <param name="props">The pool's props.</param>
    public static InputValidator ValidateProvisioning(this InputValidator v, GpuNodePoolProps props)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(props);
        var mode = props.Provisioning;
        if (!Enum.IsDefined(mode))
        {
            return v.Defined(mode, nameof(props.Provisioning));
        }

        v.ValidateMaxRunDuration(mode, props.MaxRunDuration);
        if (!mode.IsDws())
        {
            return v;
        }

        var why = $"Provisioning is {mode}";
        v.Require(!props.Spot, nameof(props.Spot), props.Spot,
            $"must be false when {why}: Dynamic Workload Scheduler and Spot are separate provisioning models, GKE accepts one of them");
        var a = props.Autoscaling;
        if (a.MinNodeCount is > 0 || a.TotalMinNodeCount is > 0)
        {
            var (name, value) = a.MinNodeCount is not null ? ("Autoscaling.MinNodeCount", a.MinNodeCount) : ("Autoscaling.TotalMinNodeCount", a.TotalMinNodeCount);
            v.Add(name, value, $"must be 0 when {why}: GKE creates Dynamic Workload Scheduler nodes only for pending workloads, so the pool starts and idles at 0 nodes");
        }

        return v.Require(a.LocationPolicy == LocationPolicy.Any, "Autoscaling.LocationPolicy", a.LocationPolicy,
            $"must be Any when {why}: Dynamic Workload Scheduler takes capacity in whichever zone has it");
    }

    /// <summary>
    /// Records a problem unless <paramref name="duration"/> fits <paramref name="mode"/>: required for a Dynamic Workload
    /// Scheduler mode, whole seconds from 30 seconds to 7 days; null for <see cref="GpuProvisioning.OnDemand"/>. Usable on an
    /// environment's own field (e.g. <c>[dev] Training.MaxRunDuration</c>).
    /// </summary>
    /// <param name="v">The validator collecting problems.</param>
    /// <param name="mode">The pool's provisioning mode.</param>
    /// <param name="duration">The maximum run duration, or null.</param>
    /// <param name="property">The property or environment field holding the duration.</param>
    public static InputValidator ValidateMaxRunDuration(this InputValidator v, GpuProvisioning mode, TimeSpan? duration, string property = "MaxRunDuration")
    {
        ArgumentNullException.ThrowIfNull(v);
        if (!mode.IsDws())
        {
            return v.Require(duration is null, property, Show(duration),
                "applies only to Dynamic Workload Scheduler pools: set Provisioning to FlexStart or QueuedProvisioning, or leave it null "
                + "(an on-demand pool scales its idle nodes down instead of deleting busy ones)");
        }

        var why = $"Provisioning is {mode}";
        if (duration is not { } d)
        {
            return v.Add(property, null,
                $"is required when {why}: GKE deletes each node after it, so it bounds the run's cost; set the run's budget, at most {Show(MaxRunDurationLimit)}");
        }

        return v.Require(d >= MinRunDuration && d <= MaxRunDurationLimit && d.Ticks % TimeSpan.TicksPerSecond == 0, property, Show(d),
            $"must be whole seconds between {Show(MinRunDuration)} and {Show(MaxRunDurationLimit)} when {why} (Dynamic Workload Scheduler runs nodes for at most 7 days)");
    }

    private static string? Show(TimeSpan? duration) => duration is not { } d ? null
        : d.Ticks % TimeSpan.TicksPerSecond != 0 ? d.ToString("c", CultureInfo.InvariantCulture)
        : d.TotalDays >= 1 && d.Ticks % TimeSpan.TicksPerDay == 0 ? $"{d.TotalDays.ToString(CultureInfo.InvariantCulture)}d ({ToDurationString(d)})"
        : d.TotalHours >= 1 && d.Ticks % TimeSpan.TicksPerHour == 0 ? $"{d.TotalHours.ToString(CultureInfo.InvariantCulture)}h ({ToDurationString(d)})"
        : ToDurationString(d);
}
