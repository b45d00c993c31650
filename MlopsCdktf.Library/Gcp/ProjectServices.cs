using Constructs;
using HashiCorp.Cdktf.Providers.Google.ProjectService;
using MlopsCdktf.Core;
using ProjectServiceResource = HashiCorp.Cdktf.Providers.Google.ProjectService.ProjectService;

namespace MlopsCdktf.Gcp;

/// <summary>
/// Enables the Google APIs a stack needs (<c>google_project_service</c>), so a fresh project answers requests instead of
/// <c>SERVICE_DISABLED</c>, and orders every resource after the enablement of the APIs it calls (<see cref="RequiredBy"/>).
/// APIs are never disabled on destroy (<c>disable_on_destroy = false</c>): an API belongs to the project, not to one stack —
/// disabling it would break every other user of the project (other stacks, pipelines, the console), and, with dependants
/// still enabled, make the destroy itself fail.
/// </summary>
/// <example>
/// <code>
/// var services = new ProjectServices(this, "Services", new ProjectServicesProps
/// {
///     ProjectId = "acme-ml-prod",
///     Apis = [GoogleApi.Container, GoogleApi.Compute, GoogleApi.Iam, GoogleApi.CloudResourceManager, GoogleApi.Logging,
///             GoogleApi.Monitoring, GoogleApi.IamCredentials],
/// });
/// var cluster = new MlCluster(this, "Cluster", ...);
/// services.RequiredBy(this); // every google_* resource of the stack waits for its APIs
/// </code>
/// </example>
public sealed class ProjectServices : Construct
{
    private readonly Dictionary<GoogleApi, ProjectServiceResource> _services = [];

    /// <summary>Validates <paramref name="props"/> and declares one <c>google_project_service</c> per API.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public ProjectServices(Construct scope, string id, ProjectServicesProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(ProjectServices)))
    {
        new InputValidator(this).RequireMembers(props);
        Validate(props);

        foreach (var api in props.Apis.Order())
        {
            var name = api.ServiceName();
            _services[api] = new ProjectServiceResource(this, name[..name.IndexOf('.', StringComparison.Ordinal)], new ProjectServiceConfig
            {
                Project = props.ProjectId,
                Service = name,
                DisableOnDestroy = false,
                DisableDependentServices = false,
            });
        }

        Apis = _services.Keys.ToList();
    }

    /// <summary>The enabled APIs, in <see cref="GoogleApi"/> order.</summary>
    public IReadOnlyList<GoogleApi> Apis { get; }

    /// <summary>The <c>google_project_service</c> enabling <paramref name="api"/>.</summary>
    /// <exception cref="KeyNotFoundException">When <paramref name="api"/> is not one of <see cref="Apis"/>.</exception>
    public ProjectServiceResource Service(GoogleApi api) =>
        _services.TryGetValue(api, out var service) ? service
        : throw new KeyNotFoundException($"{Node.Path} does not enable {api} ({api.ServiceName()}); add it to ProjectServicesProps.Apis.");

    /// <summary>
    /// Makes every <c>google_*</c> resource and data source under <paramref name="scope"/> (a stack or construct) depend on the
    /// enablement of the APIs its type calls (<c>depends_on</c>), keeping the dependencies it already has. Call it once the
    /// resources are declared. Types whose API the library does not know are left as they are.
    /// </summary>
    /// <exception cref="ConstructInputException">When a resource needs an API missing from <see cref="Apis"/>, naming the
    /// resource, its type and the API.</exception>
    public void RequiredBy(IConstruct scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var v = new InputValidator(this);
        foreach (var element in DeclaredElement.Under(scope).Where(e => e.Type.StartsWith("google_", StringComparison.Ordinal)))
        {
            var needed = GoogleApis.RequiredBy(element.Type);
            foreach (var missing in needed.Where(api => !_services.ContainsKey(api)))
            {
                v.Add(nameof(ProjectServicesProps.Apis), string.Join(", ", Apis),
                    $"{element.Type} at {element.Path} needs {missing} ({missing.ServiceName()}): add GoogleApi.{missing}");
            }

            element.DependOn(needed.Where(_services.ContainsKey).Select(api => DeclaredElement.Of(_services[api])));
        }

        v.ThrowIfInvalid();
    }

    private void Validate(ProjectServicesProps props)
    {
        var v = new InputValidator(this);
        v.ValidateProjectId(props.ProjectId);
        v.Require(props.Apis.Count > 0, nameof(props.Apis), "[]", "list at least one API");
        foreach (var api in props.Apis)
        {
            v.Defined(api, nameof(props.Apis));
        }

        foreach (var duplicate in props.Apis.GroupBy(a => a).Where(g => g.Count() > 1))
        {
            v.Add(nameof(props.Apis), duplicate.Key, "lists the API twice; list each API once");
        }

        v.ThrowIfInvalid();
    }
}

/// <summary>Input of <see cref="ProjectServices"/>.</summary>
public sealed record ProjectServicesProps
{
    /// <summary>The project whose APIs are enabled.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The APIs to enable, each once. <see cref="ProjectServices.RequiredBy"/> rejects a stack using an API missing here.</summary>
    public required IReadOnlyList<GoogleApi> Apis { get; init; }
}
