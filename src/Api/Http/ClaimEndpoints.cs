using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pointspot.Api.GraphQL;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Claims;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Api.Http;

/// <summary>
/// The upload of a claim with its receipt photo as multipart/form-data (POST /claims), and the
/// download of the photo by the merchant (GET /claims/{id}/photo). Deciding on claims is GraphQL.
/// </summary>
public static class ClaimEndpoints
{
    // Room for the form's text fields and multipart boundaries around the photo.
    private const int FormOverheadBytes = 64 * 1024;

    public static async Task<IResult> SubmitAsync(HttpContext http)
    {
        var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
        var caller = await UploadResponses.ResolveCallerAsync(http, grains);
        if (caller is null)
        {
            return UploadResponses.Unauthenticated();
        }

        if (UploadResponses.Forbidden(caller, Permission.Counter, "Submitting a claim") is { } forbidden)
        {
            return forbidden;
        }

        return await SubmitFormAsync(http, grains, caller.MerchantId, GraphQLUserContext.ActorOf(caller));
    }

    /// <summary>
    /// Takes a claim from the member page of a merchant (POST /merchants/{merchantId}/claims),
    /// without credentials, because members have no sign-in. The claim waits for the merchant's
    /// decision like any other, so a claim sent for someone else's phone gives the sender nothing.
    /// </summary>
    public static async Task<IResult> SubmitFromMemberAsync(HttpContext http, string merchantId)
    {
        var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
        if (!Guid.TryParse(merchantId, out Guid id)
            || await grains.GetGrain<IMerchantGrain>(id).GetSettings() is null)
        {
            return UploadResponses.Error(ErrorCodes.NotFound,
                $"No merchant has id \"{merchantId}\": take the address of the claim form from the shop.",
                StatusCodes.Status404NotFound);
        }

        return await SubmitFormAsync(http, grains, id, new Actor("member", "claim-form"));
    }

    private static async Task<IResult> SubmitFormAsync(HttpContext http, IGrainFactory grains, Guid merchantId, Actor actor)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<ClaimOptions>>();
        int maxPhotoBytes = options.Value.MaxPhotoBytes;
        var form = await UploadForms.ReadAsync(http, maxPhotoBytes + FormOverheadBytes,
            "fields phone, receiptNumber, amount and purchasedAt, and the file photo", ErrorCodes.PhotoTooLarge);
        if (form.Error is not null)
        {
            return form.Error;
        }

        var fields = form.Form!;
        string? missing = new[] { "phone", "receiptNumber", "amount", "purchasedAt" }
            .FirstOrDefault(name => string.IsNullOrWhiteSpace(fields[name]));
        if (missing is not null)
        {
            return UploadResponses.Error(ErrorCodes.InvalidInput,
                $"The form field {missing} is missing: send phone, receiptNumber, amount and purchasedAt.",
                StatusCodes.Status400BadRequest);
        }

        string amountText = fields["amount"].ToString().Trim();
        if (!decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out decimal amount))
        {
            return UploadResponses.Error(ErrorCodes.InvalidAmount,
                $"amount \"{amountText}\" is not a decimal amount: send digits with an optional point, such as 120.50.",
                StatusCodes.Status400BadRequest);
        }

        DateTimeOffset purchasedAt;
        try
        {
            purchasedAt = (DateTimeOffset)new DateTimeScalar().ParseValue(fields["purchasedAt"].ToString().Trim())!;
        }
        catch (FormatException exception)
        {
            return UploadResponses.Error(ErrorCodes.InvalidOccurredAt, $"purchasedAt {exception.Message}",
                StatusCodes.Status400BadRequest);
        }

        var photo = fields.Files.GetFile("photo");
        if (photo is null)
        {
            return UploadResponses.Error(ErrorCodes.InvalidPhoto,
                "The form has no file named photo: attach the receipt photo as the file field photo.",
                StatusCodes.Status400BadRequest);
        }

        if (photo.Length > maxPhotoBytes)
        {
            return UploadResponses.Error(ErrorCodes.PhotoTooLarge,
                $"photo is {photo.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes: the maximum is "
                + $"{maxPhotoBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes. Send a smaller or more compressed photo.",
                StatusCodes.Status413PayloadTooLarge);
        }

        byte[] bytes = await UploadForms.ReadFileAsync(photo, http.RequestAborted);
        var submission = new ClaimSubmission(fields["phone"].ToString(), fields["receiptNumber"].ToString(), amount,
            purchasedAt, bytes, actor);
        var result = await grains.GetGrain<IClaimsGrain>(merchantId).Submit(submission);
        return result.Error is not null
            ? UploadResponses.Error(result.Error)
            : UploadResponses.Ok(new { claim = ClaimJson.From(result.Claim!) }, StatusCodes.Status201Created);
    }

    public static async Task<IResult> PhotoAsync(HttpContext http, string id)
    {
        var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
        var caller = await UploadResponses.ResolveCallerAsync(http, grains);
        if (caller is null)
        {
            return UploadResponses.Unauthenticated();
        }

        if (UploadResponses.Forbidden(caller, Permission.Manage, "Reading a claim's photo") is { } forbidden)
        {
            return forbidden;
        }

        var photo = Guid.TryParse(id, out Guid claimId)
            ? await grains.GetGrain<IClaimsGrain>(caller.MerchantId).GetPhoto(claimId)
            : null;
        if (photo is null)
        {
            return UploadResponses.Error(ErrorCodes.NotFound,
                $"No claim with id \"{id}\" exists at this merchant: take the id from the claims query.",
                StatusCodes.Status404NotFound);
        }

        // The photo was checked to be an image on upload; nosniff keeps browsers from reading it as anything else.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.Bytes(photo.Bytes, photo.ContentType);
    }
}

/// <summary>A claim as the upload endpoint returns it, with the field names of the GraphQL Claim type.</summary>
public static class ClaimJson
{
    public static object From(ClaimView claim) => new
    {
        id = claim.Id.ToString(),
        phone = claim.Phone,
        receiptNumber = claim.ReceiptNumber,
        amount = claim.Amount.ToString(CultureInfo.InvariantCulture),
        purchasedAt = new DateTimeScalar().Serialize(claim.PurchasedAt),
        photoType = claim.PhotoType,
        photoBytes = claim.PhotoBytes,
        status = claim.Status.ToString().ToUpperInvariant(),
        submittedAt = new DateTimeScalar().Serialize(claim.SubmittedAt),
    };
}
