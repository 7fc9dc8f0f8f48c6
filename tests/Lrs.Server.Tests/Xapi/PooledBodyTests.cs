using System.Buffers;
using Lrs.Server.Xapi;
using Microsoft.AspNetCore.Http;

namespace Lrs.Server.Tests.Xapi;

/// <summary>Statement bodies read into pooled buffers: every byte, whatever Content-Length says or omits.</summary>
public class PooledBodyTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(10, true)]
    [InlineData(4096, false)] // exactly the first buffer when no length is declared: it must still grow to see the end
    [InlineData(300_000, false)] // grows several times
    [InlineData(700_000, true)]
    public async Task The_whole_body_is_read_with_or_without_a_declared_length(int size, bool declare)
    {
        var content = new byte[size];
        new Random(size).NextBytes(content);
        var context = new DefaultHttpContext();
        context.Request.Body = new TrickleStream(content);
        context.Request.ContentLength = declare ? size : null;

        var (buffer, length) = await context.Request.ReadPooledBodyAsync(TestContext.Current.CancellationToken);
        try
        {
            Assert.Equal(size, length);
            Assert.True(content.AsSpan().SequenceEqual(buffer.AsSpan(0, length)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [Fact]
    public async Task A_statement_body_hands_its_buffer_back_once_however_often_it_is_disposed()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream("""{"id":"x"}"""u8.ToArray());

        var body = await StatementMultipart.ReadAsync(context.Request, TestContext.Current.CancellationToken);

        Assert.Equal("""{"id":"x"}""", System.Text.Encoding.UTF8.GetString(body.Json));
        body.Dispose();
        body.Dispose(); // a second return of one array would hand it to two renters
    }

    /// <summary>Hands out at most 1,000 bytes a read, as a socket does.</summary>
    private sealed class TrickleStream(byte[] content) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }
}
