using System.Net;
using System.Net.Sockets;

namespace MlopsCdktf.Core;

/// <summary>The one home of CIDR checks: IPv4, canonical (no address bits beyond the prefix), as clouds accept them.</summary>
public static class Cidr
{
    /// <summary>The network of an IPv4 CIDR written canonically (<c>10.8.0.0/14</c>), or null for anything else.</summary>
    public static IPNetwork? ParseIpv4(string? cidr)
    {
        if (cidr is null || !IPNetwork.TryParse(cidr, out var network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            return null;
        }

        // The written address must be the network address itself: 10.0.0.1/8 is a host, not a range.
        var written = cidr.Split('/')[0];
        return IPAddress.TryParse(written, out var address) && address.Equals(network.BaseAddress) ? network : null;
    }

    /// <summary>Whether two IPv4 networks share an address (one contains the other's base address).</summary>
    public static bool Overlaps(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);

    /// <summary>
    /// Requires the given ranges (property name and CIDR; nulls, references and malformed CIDRs skipped, as their own checks
    /// report them) to be pairwise disjoint: GKE and VPCs refuse a control-plane, Pod, Service or node range that overlaps
    /// another. Each overlap names both properties and both ranges.
    /// </summary>
    public static InputValidator ValidateDisjoint(this InputValidator validator, params (string Property, string? Cidr)[] ranges)
    {
        var parsed = ranges.Where(r => r.Cidr is not null && !InputValidator.IsUnresolved(r.Cidr))
            .Select(r => (r.Property, r.Cidr, Network: ParseIpv4(r.Cidr)))
            .Where(r => r.Network is not null)
            .ToList();
        for (var i = 0; i < parsed.Count; i++)
        {
            for (var j = i + 1; j < parsed.Count; j++)
            {
                if (Overlaps(parsed[i].Network!.Value, parsed[j].Network!.Value))
                {
                    validator.Add(parsed[j].Property, parsed[j].Cidr,
                        $"overlaps {parsed[i].Property} ({parsed[i].Cidr}): the ranges must not share addresses; pick a range outside {parsed[i].Cidr}");
                }
            }
        }

        return validator;
    }

    /// <summary>Requires an IPv4 CIDR with no address bits beyond the prefix; references are skipped.</summary>
    public static InputValidator ValidateIpv4Cidr(this InputValidator validator, string? cidr, string property)
    {
        if (cidr is not null && InputValidator.IsUnresolved(cidr))
        {
            return validator;
        }

        if (ParseIpv4(cidr) is null)
        {
            var hint = cidr is not null && IPNetwork.TryParse(cidr, out var n) && n.BaseAddress.AddressFamily == AddressFamily.InterNetwork
                ? $" (did you mean {n}?)"
                : string.Empty;
            validator.Add(property, cidr, $"must be an IPv4 CIDR block such as 10.8.0.0/14, with no address bits beyond the prefix{hint}");
        }

        return validator;
    }
}
