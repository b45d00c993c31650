using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// A local stand-in for the AWS APIs a saved plan reads, so <c>terraform plan -out</c> runs offline: <c>terraform test</c>
/// overrides data sources, but a saved plan reads them for real. It answers, as AWS does after a release was published:
/// STS <c>GetCallerIdentity</c> (<c>aws_caller_identity</c>) with the account id it is given; ECR <c>DescribeImages</c>
/// and <c>DescribeRepositories</c> (<c>aws_ecr_image</c>) with the image asked for, pushed under
/// <see cref="AwsPlanChecks.PublishedImageDigest"/>, as <see cref="AwsPlanChecks"/> overrides it; S3
/// <c>ListObjectsV2</c> (<c>aws_s3_objects</c>) with the prefix itself as the one key when the archive is published, no
/// key when not; EKS <c>DescribeCluster</c> (<c>aws_eks_cluster</c>) with an ACTIVE cluster in
/// <see cref="AwsPlanChecks.DeployedClusterSubnets"/>; KMS <c>ListAliases</c> and <c>DescribeKey</c> (<c>aws_kms_alias</c>)
/// with the aliases in <see cref="KmsAliases"/>, each pointing at one key. Any other request is refused (500), so a plan
/// that needs another API fails loudly. The provider is pointed at it with <c>endpoints { sts, ecr, s3, eks, kms = Url }</c>
/// and <c>s3_use_path_style</c> (<see cref="TerraformWorkspace.SavePlan"/>).
/// </summary>
internal sealed class FakeAwsEndpoint : IDisposable
{
    /// <summary>The ECR JSON 1.1 target prefix of every ECR action.</summary>
    private const string EcrTarget = "AmazonEC2ContainerRegistry_V20150921.";

    /// <summary>The one key every alias points at.</summary>
    private const string FakeKeyId = "0123abcd-4567-89ab-cdef-0123456789ab";

    private readonly HttpListener _listener = new();
    private readonly string _accountId;
    private readonly bool _archivePublished;
    private readonly Task _loop;

    /// <summary>Starts the endpoint for account <paramref name="accountId"/>; the model archive listed as published or not.</summary>
    public FakeAwsEndpoint(string accountId, bool archivePublished = true)
    {
        _accountId = accountId;
        _archivePublished = archivePublished;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The endpoint URL to give the provider.</summary>
    public string Url { get; }

    /// <summary>The key aliases that exist (as after the stack that creates them was applied), e.g. <c>alias/eks-mlops-dev-training</c>.</summary>
    public List<string> KmsAliases { get; } = [];

    /// <summary>Requests it does not fake, which were refused.</summary>
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
            var (status, contentType, text) = Answer(context.Request, body) ?? Refuse(context.Request, body);
            var answer = Encoding.UTF8.GetBytes(text);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.ContentLength64 = answer.Length;
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    private (int, string, string)? Answer(HttpListenerRequest request, string body)
    {
        if (body.Contains("Action=GetCallerIdentity", StringComparison.Ordinal))
        {
            return (200, "text/xml",
                $"""<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::{_accountId}:user/plan</Arn><UserId>AIDAPLANONLY</UserId><Account>{_accountId}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>""");
        }

        var target = request.Headers["X-Amz-Target"] ?? string.Empty;
        if (target.StartsWith(EcrTarget, StringComparison.Ordinal) && JsonNode.Parse(body) is JsonObject input)
        {
            var repository = input["repositoryName"]?.GetValue<string>() ?? input["repositoryNames"]?[0]?.GetValue<string>();
            var registry = input["registryId"]?.GetValue<string>() ?? _accountId;
            var region = Region(request);
            switch (target[EcrTarget.Length..])
            {
                case "DescribeImages" when repository is not null:
                    var id = input["imageIds"]?[0];
                    var tags = id?["imageTag"] is { } tag ? new JsonArray(tag.GetValue<string>()) : [];
                    var detail = new JsonObject
                    {
                        ["registryId"] = registry,
                        ["repositoryName"] = repository,
                        ["imageDigest"] = id?["imageDigest"]?.GetValue<string>() ?? AwsPlanChecks.PublishedImageDigest,
                        ["imageTags"] = tags,
                        ["imageSizeInBytes"] = 104857600,
                        ["imagePushedAt"] = 1767225600,
                    };
                    return (200, "application/x-amz-json-1.1", new JsonObject { ["imageDetails"] = new JsonArray(detail) }.ToJsonString());
                case "DescribeRepositories" when repository is not null:
                    var found = new JsonObject
                    {
                        ["registryId"] = registry,
                        ["repositoryName"] = repository,
                        ["repositoryArn"] = $"arn:aws:ecr:{region}:{registry}:repository/{repository}",
                        ["repositoryUri"] = $"{registry}.dkr.ecr.{region}.amazonaws.com/{repository}",
                        ["createdAt"] = 1767225600,
                        ["imageTagMutability"] = "IMMUTABLE",
                    };
                    return (200, "application/x-amz-json-1.1", new JsonObject { ["repositories"] = new JsonArray(found) }.ToJsonString());
            }
        }

        if (target == "TrentService.ListAliases")
        {
            var aliases = new JsonArray(KmsAliases.Select(a => (JsonNode)new JsonObject
            {
                ["AliasName"] = a,
                ["AliasArn"] = $"arn:aws:kms:{Region(request)}:{_accountId}:{a}",
                ["TargetKeyId"] = FakeKeyId,
            }).ToArray());
            return (200, "application/x-amz-json-1.1", new JsonObject { ["Aliases"] = aliases, ["Truncated"] = false }.ToJsonString());
        }

        if (target == "TrentService.DescribeKey")
        {
            var metadata = new JsonObject
            {
                ["KeyId"] = FakeKeyId,
                ["Arn"] = $"arn:aws:kms:{Region(request)}:{_accountId}:key/{FakeKeyId}",
                ["AWSAccountId"] = _accountId,
                ["Enabled"] = true,
                ["KeyState"] = "Enabled",
                ["KeyManager"] = "CUSTOMER",
                ["KeyUsage"] = "ENCRYPT_DECRYPT",
                ["KeySpec"] = "SYMMETRIC_DEFAULT",
                ["CreationDate"] = 1767225600,
            };
            return (200, "application/x-amz-json-1.1", new JsonObject { ["KeyMetadata"] = metadata }.ToJsonString());
        }

        // EKS DescribeCluster: GET /clusters/<name>
        if (request.HttpMethod == "GET" && request.Url!.AbsolutePath.StartsWith("/clusters/", StringComparison.Ordinal)
            && request.Url.AbsolutePath.Count(c => c == '/') == 2)
        {
            var name = Uri.UnescapeDataString(request.Url.AbsolutePath["/clusters/".Length..]);
            var region = Region(request);
            var cluster = new JsonObject
            {
                ["name"] = name,
                ["arn"] = $"arn:aws:eks:{region}:{_accountId}:cluster/{name}",
                ["createdAt"] = 1767225600,
                ["version"] = "1.35",
                ["endpoint"] = $"https://EXAMPLE0123456789.gr7.{region}.eks.amazonaws.com",
                ["roleArn"] = $"arn:aws:iam::{_accountId}:role/{name}-cluster",
                ["resourcesVpcConfig"] = new JsonObject
                {
                    ["subnetIds"] = new JsonArray(AwsPlanChecks.DeployedClusterSubnets.Select(id => (JsonNode)id).ToArray()),
                    ["securityGroupIds"] = new JsonArray(),
                    ["clusterSecurityGroupId"] = "sg-0123456789abcdef0",
                    ["vpcId"] = "vpc-0123456789abcdef0",
                    ["endpointPublicAccess"] = false,
                    ["endpointPrivateAccess"] = true,
                    ["publicAccessCidrs"] = new JsonArray(),
                },
                ["certificateAuthority"] = new JsonObject { ["data"] = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==" },
                ["status"] = "ACTIVE",
                ["platformVersion"] = "eks.1",
                ["accessConfig"] = new JsonObject { ["authenticationMode"] = "API" },
                ["kubernetesNetworkConfig"] = new JsonObject { ["serviceIpv4Cidr"] = "172.20.0.0/16", ["ipFamily"] = "ipv4" },
                ["tags"] = new JsonObject(),
            };
            return (200, "application/json", new JsonObject { ["cluster"] = cluster }.ToJsonString());
        }

        // ListObjectsV2, path style: GET /<bucket>?list-type=2&prefix=<key>
        if (request.HttpMethod == "GET" && request.QueryString["list-type"] == "2" && request.Url!.AbsolutePath.Trim('/') is { Length: > 0 } bucket)
        {
            var prefix = request.QueryString["prefix"] ?? string.Empty;
            var contents = _archivePublished && prefix.Length > 0
                ? $"<Contents><Key>{SecurityElement.Escape(prefix)}</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>&quot;0123456789abcdef0123456789abcdef&quot;</ETag><Size>1048576</Size><StorageClass>STANDARD</StorageClass></Contents>"
                : string.Empty;
            return (200, "application/xml",
                $"""<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>{SecurityElement.Escape(Uri.UnescapeDataString(bucket))}</Name><Prefix>{SecurityElement.Escape(prefix)}</Prefix><KeyCount>{(contents.Length > 0 ? 1 : 0).ToString(CultureInfo.InvariantCulture)}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>{contents}</ListBucketResult>""");
        }

        return null;
    }

    private (int, string, string) Refuse(HttpListenerRequest request, string body)
    {
        lock (Refused)
        {
            Refused.Add($"{request.HttpMethod} {request.Url} {request.Headers["X-Amz-Target"]} {body}");
        }

        return (500, "text/xml", "<ErrorResponse><Error><Code>InternalFailure</Code><Message>not faked</Message></Error></ErrorResponse>");
    }

    /// <summary>The region the request was signed for: <c>Credential=&lt;key&gt;/&lt;date&gt;/&lt;region&gt;/&lt;service&gt;/aws4_request</c>.</summary>
    private static string Region(HttpListenerRequest request)
    {
        var authorization = request.Headers["Authorization"] ?? string.Empty;
        var start = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        var scope = start < 0 ? [] : authorization[(start + "Credential=".Length)..].Split(',')[0].Split('/');
        return scope.Length >= 3 ? scope[2] : "us-east-1";
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
