using System.Net;
using System.Net.Sockets;

namespace Pointspot.Grains.Webhooks;

/// <summary>
/// Which addresses a webhook may be delivered to. Unless the operator allows private addresses,
/// a partner's webhook reaches only public addresses, so a partner key cannot make the server
/// call its own network (loopback, private ranges, link-local and cloud metadata addresses).
/// </summary>
public static class WebhookAddresses
{
    /// <summary>Returns whether <paramref name="address"/> is a public unicast address.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            byte[] b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168));
        }

        byte[] v6 = address.GetAddressBytes();
        bool uniqueLocal = (v6[0] & 0xFE) == 0xFC;
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || uniqueLocal);
    }

    /// <summary>
    /// Opens the connection of a delivery, after checking every address the host name resolves
    /// to, so a public name that resolves to a private address is refused too.
    /// </summary>
    public static async ValueTask<Stream> ConnectPublicAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        if (addresses.Length == 0 || !addresses.All(IsPublic))
        {
            throw new HttpRequestException(
                $"Webhook host {endPoint.Host} resolves to a private or loopback address, which webhooks may not reach.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
