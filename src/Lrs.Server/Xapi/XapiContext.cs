using System.Buffers;
using Lrs.Server.Auth;
using Lrs.Server.Hosting;
using Lrs.Xapi;
using Lrs.Xapi.Errors;
using Microsoft.Extensions.Primitives;

namespace Lrs.Server.Xapi;

/// <summary>Per-request helpers every xAPI resource uses: the negotiated version, the caller, the parameters.</summary>
public static class XapiContext
{
    private static readonly object VersionKey = new();

    public static void SetVersion(this HttpContext context, XapiVersion version) => context.Items[VersionKey] = version;

    /// <summary>The version the request asked for (the About resource, which needs none, gets the default).</summary>
    public static XapiVersion Version(this HttpContext context) =>
        context.Items.TryGetValue(VersionKey, out var v) && v is XapiVersion version
            ? version
            : context.RequestServices.GetRequiredService<LrsOptions>().DefaultVersion;

    public static XapiCaller Caller(this HttpContext context) =>
        XapiCaller.From(context.User, context.RequestServices.GetRequiredService<LrsOptions>().PublicUrl);

    /// <summary>The query parameters, each given once (a parameter given twice is ambiguous and refused).</summary>
    public static Dictionary<string, string> Parameters(this HttpRequest request)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
        {
            if (values.Count != 1)
            {
                throw new BadRequestException($"the parameter '{name}' is given more than once", name);
            }

            parameters[name] = values[0] ?? "";
        }

        return parameters;
    }

    public static string? Header(this HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;

    /// <summary>
    /// Reads the whole body into a buffer rented from the shared pool (the caller returns it), sized from Content-Length
    /// like <see cref="ReadBodyAsync"/>; Kestrel's size limit turns an oversized body into a 413.
    /// </summary>
    public static async Task<(byte[] Buffer, int Length)> ReadPooledBodyAsync(this HttpRequest request, CancellationToken cancellationToken)
    {
        var declared = DeclaredLength(request);
        var buffer = ArrayPool<byte>.Shared.Rent(declared > 0 ? declared : 4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Reads the whole body; Kestrel's size limit turns an oversized body into a 413.</summary>
    public static async Task<byte[]> ReadBodyAsync(this HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(DeclaredLength(request));
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    /// <summary>
    /// Content-Length, for sizing a body's buffer up front (no doubling copies); 0 when absent or over 8 MB, so a
    /// declared length alone cannot reserve much.
    /// </summary>
    private static int DeclaredLength(HttpRequest request) =>
        request.ContentLength is > 0 and <= 8 * 1024 * 1024 ? (int)request.ContentLength.Value : 0;
}
