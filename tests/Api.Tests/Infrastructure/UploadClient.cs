using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Pointspot.Api.Tests.Infrastructure;

/// <summary>Sends multipart/form-data uploads to the host, as a browser form or a POS would.</summary>
public sealed class UploadClient : IDisposable
{
    private readonly HttpClient http;

    public UploadClient(Uri baseAddress)
    {
        http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Posts the text fields and one file; returns the status and the parsed JSON body.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> PostFormAsync(
        string path, string? bearer, IReadOnlyDictionary<string, string> fields, string fileField, string fileName,
        byte[] file, string fileType)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        var fileContent = new ByteArrayContent(file);
        fileContent.Headers.ContentType = MediaTypeHeaderValue.Parse(fileType);
        content.Add(fileContent, fileField, fileName);

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<(HttpStatusCode Status, string? ContentType, byte[] Body)> GetAsync(string path, string bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    public void Dispose() => http.Dispose();
}
