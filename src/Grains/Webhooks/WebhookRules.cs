using Pointspot.Grains.Interfaces;

namespace Pointspot.Grains.Webhooks;

public static class WebhookRules
{
    public const int MaxUrlLength = 2000;

    /// <summary>Returns an error unless the URL is an absolute http or https URL without credentials.</summary>
    // NOTE: any host is accepted, loopback and private addresses included, so a partner key can
    // make the server post to its own network. Deployments that need more restrict egress.
    public static PointspotError? CheckUrl(string url)
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

        return null;
    }
}
