using System.Net;
using System.Net.Sockets;

namespace MlopsCdktf.Core;

/// <summary>The one home of CIDR checks: IPv4, canonical (no address bits beyond the prefix), as clouds accept them.</summary>
internal static class Cidr
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
