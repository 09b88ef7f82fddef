using System.Text.Json;

namespace Procurement.Infrastructure.Tests.Deployment;

/// <summary>
/// deploy/: every manifest parses (PyYAML), each kustomization lists its directory's manifests except the
/// *.example.yaml ones, each workload has native gRPC probes, resources, a Service, an HPA and a PDB that
/// agree on its labels and replica counts, and the shared ConfigMap (quorum queues on) reaches every workload.
/// (Parsing only: no Kubernetes API server checks the schemas here.)
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Deploy = Path.Combine(TestInfrastructure.RepositoryRoot, "deploy");
    private static readonly string[] Workloads = ["tenders", "bids", "moderation", "awards", "gateway"];

    private static async Task<Dictionary<string, JsonElement[]>> ManifestsAsync() =>
        await Tool.ParseYamlAsync(Directory.GetFiles(Deploy, "*.yaml", SearchOption.AllDirectories));

    private static string Kind(JsonElement document) => document.GetProperty("kind").GetString()!;

    private static string Name(JsonElement document) => document.GetProperty("metadata").GetProperty("name").GetString()!;

    private static JsonElement PodSpec(JsonElement deployment) => deployment.GetProperty("spec").GetProperty("template").GetProperty("spec");

    private static Dictionary<string, string> Labels(JsonElement labels) =>
        labels.EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!);

    private static async Task<List<JsonElement>> DeployedAsync() =>
        (await ManifestsAsync()).Where(m => !m.Key.EndsWith(".example.yaml", StringComparison.Ordinal)).SelectMany(m => m.Value).ToList();

    [Fact]
    public async Task Every_manifest_has_an_api_version_and_a_kind_and_lives_in_the_procurement_namespace()
    {
        foreach (var (file, documents) in await ManifestsAsync())
        {
            Assert.NotEmpty(documents);
            foreach (var document in documents)
            {
                Assert.True(document.TryGetProperty("apiVersion", out _) && document.TryGetProperty("kind", out _), $"{file}: a document without apiVersion or kind");
                if (Kind(document) is "Kustomization" or "Namespace") continue;
                Assert.True(document.GetProperty("metadata").GetProperty("namespace").GetString() == "procurement", $"{file}: {Kind(document)} {Name(document)} outside the namespace");
            }
        }
    }

    [Fact]
    public async Task Each_kustomization_lists_its_manifests_but_not_the_examples()
    {
        var kustomizations = (await ManifestsAsync()).Where(m => Path.GetFileName(m.Key) == "kustomization.yaml").ToList();
        Assert.Equal(2, kustomizations.Count);
        foreach (var (file, documents) in kustomizations)
        {
            var listed = documents.Single().GetProperty("resources").EnumerateArray().Select(r => r.GetString()!).Order();
            var present = Directory.GetFiles(Path.GetDirectoryName(file)!, "*.yaml").Select(Path.GetFileName)
                .Where(f => f != "kustomization.yaml" && !f!.EndsWith(".example.yaml", StringComparison.Ordinal)).Order();
            Assert.Equal(present, listed);
        }
        Assert.True(File.Exists(Path.Combine(Deploy, "secrets.example.yaml")));
    }

    [Fact]
    public async Task Each_workload_has_grpc_probes_resources_a_service_an_autoscaler_and_a_disruption_budget()
    {
        var documents = (await ManifestsAsync()).Values.SelectMany(d => d).ToList();
        foreach (var workload in Workloads)
        {
            var deployment = documents.Single(d => Kind(d) == "Deployment" && Name(d) == workload);
            var container = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0];
            var grpcPort = container.GetProperty("ports").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "grpc").GetProperty("containerPort").GetInt32();
            foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            {
                var grpc = container.GetProperty(probe).GetProperty("grpc");
                Assert.Equal(grpcPort, grpc.GetProperty("port").GetInt32());
                // Liveness asks for the process alone (GrpcHosting.LivenessService): a database or broker outage takes a
                // replica out of rotation (readiness, "") without restarting it.
                Assert.Equal(probe == "livenessProbe" ? "liveness" : "", grpc.GetProperty("service").GetString());
            }
            foreach (var bound in new[] { "requests", "limits" })
                Assert.True(container.GetProperty("resources").GetProperty(bound).TryGetProperty("memory", out _), $"{workload}: no memory {bound}");

            Assert.Single(documents, d => Kind(d) == "Service" && Name(d) == workload);
            Assert.Single(documents, d => Kind(d) == "PodDisruptionBudget" && Name(d) == workload);
            var autoscaler = documents.Single(d => Kind(d) == "HorizontalPodAutoscaler" && Name(d) == workload);
            Assert.Equal(workload, autoscaler.GetProperty("spec").GetProperty("scaleTargetRef").GetProperty("name").GetString());
        }
    }

    [Fact]
    public async Task Connection_strings_come_from_the_secret_and_the_development_key_is_not_allowed()
    {
        var documents = (await ManifestsAsync()).Where(m => !m.Key.EndsWith(".example.yaml", StringComparison.Ordinal)).SelectMany(m => m.Value).ToList();
        Assert.DoesNotContain(documents, d => Kind(d) == "Secret");
        var text = string.Join("\n", documents.Select(d => d.GetRawText()));
        Assert.DoesNotContain("AllowDevelopmentKey", text);
        Assert.DoesNotContain("Password=", text);
        foreach (var workload in Workloads.Where(w => w != "gateway"))
        {
            var env = documents.Single(d => Kind(d) == "Deployment" && Name(d) == workload)
                .GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("env");
            var connection = env.EnumerateArray().Single(e => e.GetProperty("name").GetString() == $"ConnectionStrings__{workload}");
            Assert.Equal("procurement-connections", connection.GetProperty("valueFrom").GetProperty("secretKeyRef").GetProperty("name").GetString());
        }
    }

    [Fact]
    public async Task The_config_map_turns_quorum_queues_on_and_every_workload_reads_it()
    {
        var documents = await DeployedAsync();
        var data = documents.Single(d => Kind(d) == "ConfigMap" && Name(d) == "procurement").GetProperty("data");
        foreach (var setting in data.EnumerateObject())
            Assert.True(setting.Value.ValueKind == JsonValueKind.String, $"ConfigMap value {setting.Name} is not a string (quote it)");

        Assert.Equal("true", data.GetProperty("Messaging__QuorumQueues").GetString());
        Assert.True(int.TryParse(data.GetProperty("Messaging__QuorumReplicationFactor").GetString(), out var replicas) && replicas >= 3,
            "Messaging__QuorumReplicationFactor: at least the three nodes of the cluster README.md describes");
        foreach (var workload in Workloads)
        {
            var container = PodSpec(documents.Single(d => Kind(d) == "Deployment" && Name(d) == workload)).GetProperty("containers")[0];
            Assert.Contains(container.GetProperty("envFrom").EnumerateArray(),
                source => source.TryGetProperty("configMapRef", out var reference) && reference.GetProperty("name").GetString() == "procurement");
        }
    }

    [Fact]
    public async Task Each_workload_runs_two_replicas_or_more_spread_over_nodes_and_a_disruption_leaves_one_serving()
    {
        var documents = await DeployedAsync();
        foreach (var workload in Workloads)
        {
            JsonElement Single(string kind) => documents.Single(d => Kind(d) == kind && Name(d) == workload);
            var deployment = Single("Deployment");
            var selector = Labels(deployment.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels"));
            var podLabels = Labels(deployment.GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels"));
            Assert.Superset(selector.ToHashSet(), podLabels.ToHashSet());
            Assert.Equal(selector, Labels(Single("Service").GetProperty("spec").GetProperty("selector")));
            Assert.Equal(selector, Labels(Single("PodDisruptionBudget").GetProperty("spec").GetProperty("selector").GetProperty("matchLabels")));

            var spread = Assert.Single(PodSpec(deployment).GetProperty("topologySpreadConstraints").EnumerateArray());
            Assert.Equal("kubernetes.io/hostname", spread.GetProperty("topologyKey").GetString());
            Assert.Equal(selector, Labels(spread.GetProperty("labelSelector").GetProperty("matchLabels")));

            var autoscaler = Single("HorizontalPodAutoscaler").GetProperty("spec");
            var minReplicas = autoscaler.GetProperty("minReplicas").GetInt32();
            Assert.True(minReplicas >= 2, $"{workload}: the autoscaler may go down to {minReplicas} replica");
            Assert.True(autoscaler.GetProperty("maxReplicas").GetInt32() > minReplicas, $"{workload}: the autoscaler cannot scale out");
            Assert.Equal(minReplicas, deployment.GetProperty("spec").GetProperty("replicas").GetInt32());
            var minAvailable = Single("PodDisruptionBudget").GetProperty("spec").GetProperty("minAvailable").GetInt32();
            Assert.True(minAvailable >= 1 && minAvailable < minReplicas, $"{workload}: minAvailable {minAvailable} blocks every drain or protects nothing");
        }
    }

    [Fact]
    public async Task The_portal_signs_people_in_with_openid_connect_its_secret_from_a_secret_and_is_probed_over_http()
    {
        var documents = await DeployedAsync();
        var deployment = documents.Single(d => Kind(d) == "Deployment" && Name(d) == "portal");
        var container = PodSpec(deployment).GetProperty("containers")[0];
        var env = container.GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);

        Assert.Equal("http://gateway.procurement.svc:5100", env["Portal__Gateway"].GetProperty("value").GetString());
        Assert.StartsWith("https://", env["Portal__OpenId__Authority"].GetProperty("value").GetString());
        Assert.Equal("procurement-portal-oidc", env["Portal__OpenId__ClientSecret"].GetProperty("valueFrom").GetProperty("secretKeyRef").GetProperty("name").GetString());
        Assert.DoesNotContain(env.Keys, key => key.StartsWith("Portal__DevelopmentPeople", StringComparison.Ordinal) || key == "ASPNETCORE_ENVIRONMENT");
        var port = container.GetProperty("ports")[0].GetProperty("containerPort").GetInt32();
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), env["ASPNETCORE_HTTP_PORTS"].GetProperty("value").GetString());
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            Assert.Equal("/healthz", container.GetProperty(probe).GetProperty("httpGet").GetProperty("path").GetString());
        Assert.True(PodSpec(deployment).GetProperty("securityContext").GetProperty("runAsNonRoot").GetBoolean());
        // One replica while sessions live in the portal's memory (decision 0029).
        Assert.Equal(1, deployment.GetProperty("spec").GetProperty("replicas").GetInt32());
        Assert.Single(documents, d => Kind(d) == "Service" && Name(d) == "portal");
    }
}
