using System.Text.Encodings.Web;
using System.Text.Json;
using Pointspot.Grains.Interfaces;
using Pointspot.Api.GraphQL;
using Pointspot.Grains.Interfaces.Access;

namespace Pointspot.Api.Http;

/// <summary>
/// Authentication and JSON responses of the upload endpoints. Errors have the shape of GraphQL
/// errors, {"errors": [{"message": ..., "extensions": {"code": ...}}]}, so clients read them alike.
/// </summary>
public static class UploadResponses
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Returns the caller of the request's bearer secret, or null when there is none or it is not valid.</summary>
    public static async Task<Caller?> ResolveCallerAsync(HttpContext http, IGrainFactory grains)
    {
        string? secret = BearerSecrets.Read(http.Request);
        return string.IsNullOrEmpty(secret) ? null : await BearerSecrets.ResolveAsync(grains, secret);
    }

    public static IResult Unauthenticated() => Error(ErrorCodes.Unauthenticated,
        "This request needs valid credentials: send \"Authorization: Bearer <token or API key>\".",
        StatusCodes.Status401Unauthorized);

    /// <summary>Returns null when the caller has the permission, or the 403 response to send.</summary>
    public static IResult? Forbidden(Caller caller, Permission permission, string operation) =>
        ManagerAccess.Check(caller, permission, operation) is { } error ? Error(error) : null;

    public static IResult Error(PointspotError error) => Error(error.Code, error.Message, StatusOf(error.Code));

    public static IResult Error(string code, string message, int status) => Results.Json(
        new { errors = new[] { new { message, extensions = new { code } } } }, Json, statusCode: status);

    public static IResult Ok(object value, int status) => Results.Json(value, Json, statusCode: status);

    private static int StatusOf(string code) => code switch
    {
        ErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.DuplicateReceipt => StatusCodes.Status409Conflict,
        ErrorCodes.PhotoTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.Internal => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };
}
