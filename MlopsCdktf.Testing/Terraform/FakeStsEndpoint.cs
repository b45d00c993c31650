using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// A local stand-in for AWS STS, so <c>terraform plan -out</c> can run offline: <c>terraform test</c> overrides data
/// sources, but a saved plan reads them for real, and <c>aws_caller_identity</c> calls <c>sts:GetCallerIdentity</c>. It
/// answers that one call with the account id it is given; any other request is refused (500), so a plan that needs
/// another API fails loudly. The provider is pointed at it with <c>endpoints { sts = Url }</c>.
/// </summary>
internal sealed class FakeStsEndpoint : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _accountId;
    private readonly Task _loop;

    public FakeStsEndpoint(string accountId)
    {
        _accountId = accountId;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The endpoint URL to give the provider.</summary>
    public string Url { get; }

    /// <summary>Requests other than GetCallerIdentity, which were refused.</summary>
    public List<string> Refused { get; } = [];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was stopped while waiting for a request.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            byte[] answer;
            if (body.Contains("Action=GetCallerIdentity", StringComparison.Ordinal))
            {
                answer = Encoding.UTF8.GetBytes(
                    $"""<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::{_accountId}:user/plan</Arn><UserId>AIDAPLANONLY</UserId><Account>{_accountId}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>""");
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/xml";
            }
            else
            {
                lock (Refused)
                {
                    Refused.Add($"{context.Request.HttpMethod} {context.Request.Url} {body}");
                }

                answer = Encoding.UTF8.GetBytes("<ErrorResponse><Error><Code>InternalFailure</Code><Message>not faked</Message></Error></ErrorResponse>");
                context.Response.StatusCode = 500;
            }

            context.Response.ContentLength64 = answer.Length;
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
