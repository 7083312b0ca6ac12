using Pointspot.Grains.Interfaces;

namespace Pointspot.Grains.Webhooks;

public static class WebhookRules
{
    public const int MaxUrlLength = 2000;

    /// <summary>
    /// Returns an error unless the URL is an absolute http or https URL without credentials, and,
    /// unless <paramref name="allowPrivateAddresses"/>, names no loopback or private host.
    /// Host names are checked again at each delivery, when they are resolved.
    /// </summary>
    public static PointspotError? CheckUrl(string url, bool allowPrivateAddresses)
    {
        if (url.Length > MaxUrlLength)
        {
            return new PointspotError(ErrorCodes.InvalidWebhookUrl,
                $"The webhook URL has {url.Length} characters: the maximum is {MaxUrlLength}.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return new PointspotError(ErrorCodes.InvalidWebhookUrl,
                $"Webhook URL \"{url}\" is not an absolute http or https URL: send one such as https://partner.example/hooks/pointspot.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return new PointspotError(ErrorCodes.InvalidWebhookUrl,
                "The webhook URL contains a user name or password: remove them and verify the signature instead.");
        }

        bool localName = uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        bool privateAddress = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && System.Net.IPAddress.TryParse(uri.DnsSafeHost, out var address) && !WebhookAddresses.IsPublic(address);
        if (!allowPrivateAddresses && (localName || privateAddress))
        {
            return new PointspotError(ErrorCodes.InvalidWebhookUrl,
                $"Webhook URL \"{url}\" names a loopback or private address ({uri.Host}): webhooks go to public "
                + "addresses only. Send the partner's public URL.");
        }

        return null;
    }
}
