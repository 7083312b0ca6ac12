using Microsoft.AspNetCore.Http.Features;
using Pointspot.Grains.Interfaces;

namespace Pointspot.Api.Http;

/// <summary>Reads multipart/form-data uploads with a limit on the body size.</summary>
public static class UploadForms
{
    /// <summary>
    /// Reads the form, or returns the error response for a request that is not a form or is too
    /// large. A too-large body gets <paramref name="tooLargeCode"/>, so each endpoint can name what
    /// was too large.
    /// </summary>
    public static async Task<(IFormCollection? Form, IResult? Error)> ReadAsync(
        HttpContext http, long maxBodyBytes, string expected, string tooLargeCode = "REQUEST_TOO_LARGE")
    {
        if (!http.Request.HasFormContentType)
        {
            return (null, UploadResponses.Error("UNSUPPORTED_MEDIA_TYPE",
                $"Content-Type \"{http.Request.ContentType}\" is not supported: send multipart/form-data with the {expected}.",
                StatusCodes.Status415UnsupportedMediaType));
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBodyBytes;
        }

        try
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return InvalidUtf8Field(form) is { } field
                ? (null, UploadResponses.Error(ErrorCodes.InvalidInput,
                    $"Form field \"{field}\" is not valid UTF-8: send every text field of the form encoded as UTF-8.",
                    StatusCodes.Status400BadRequest))
                : (form, null);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, UploadResponses.Error(tooLargeCode,
                $"The request body is larger than {maxBodyBytes} bytes: send a smaller file.",
                StatusCodes.Status413PayloadTooLarge));
        }
        catch (InvalidDataException exception)
        {
            return (null, UploadResponses.Error("BAD_REQUEST",
                $"The request body is not a valid multipart form ({exception.Message}): send multipart/form-data with the {expected}.",
                StatusCodes.Status400BadRequest));
        }
    }

    /// <summary>
    /// Returns the name of a text field that contains U+FFFD, the character that ASP.NET Core's
    /// form reader puts in place of bytes that are not UTF-8, or null. A U+FFFD that the client
    /// really sent is rejected too, because no phone number, amount or receipt number needs it.
    /// </summary>
    private static string? InvalidUtf8Field(IFormCollection form) =>
        form.FirstOrDefault(pair => pair.Value.Any(value => value?.Contains('\uFFFD', StringComparison.Ordinal) == true)).Key;

    public static async Task<byte[]> ReadFileAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
