using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Hosting.Kubernetes;
using Recsys.Silo.Options;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Recsys.Silo.Tests;

/// <summary>Renders each kustomize overlay of k8s/ with kubectl (as .ci/run does) and checks the objects against the
/// silo itself: its option classes, its composition, the endpoints of a running silo and what Orleans' Kubernetes
/// hosting reads. There is no API server here, so nothing is applied.</summary>
public sealed class KubernetesManifestTests(SiloFixture fixture) : SiloTests(fixture)
{
    /// <summary>Deployments whose pods run the silo (the inference pool is the same silo on GPU nodes).</summary>
    private static readonly string[] SiloDeployments = ["recsys-silo", "recsys-inference"];

    public static TheoryData<string> Overlays => new(Directory.GetDirectories(RepositoryFolder.File("k8s", "overlays")).Select(Path.GetFileName).Order()!);

    [SkippableTheory, MemberData(nameof(Overlays))]
    public void Every_RECSYS_variable_is_a_setting_of_the_silo(string overlay)
    {
        var manifest = RenderedManifest.Of(overlay);
        var settings = SettingKeys();

        foreach (var (deployment, name, _) in manifest.SiloEnvironment(SiloDeployments).Where(variable => variable.Name.StartsWith("RECSYS__", StringComparison.Ordinal)))
        {
            Assert.True(settings.Contains(ConfigurationKey(name)), $"{overlay}/{deployment}: {name} is not a setting of the silo (known: {string.Join(", ", settings.Order())}).");
        }
    }

    [SkippableTheory, MemberData(nameof(Overlays))]
    public void The_silo_starts_composing_with_the_settings_of_its_pods(string overlay)
    {
        var manifest = RenderedManifest.Of(overlay);

        foreach (var deployment in SiloDeployments)
        {
            var configuration = manifest.SiloConfiguration(deployment);
            // Composition validates every option and their combinations; it throws naming the key otherwise.
            var builder = RecsysSilo.CreateBuilder([], app => app.Configuration.AddInMemoryCollection(configuration));
            using var app = builder.Build();

            var cluster = app.Services.GetRequiredService<IOptions<ClusterHostingOptions>>().Value;
            Assert.True(cluster.IsKubernetes, $"{overlay}/{deployment}: Recsys:Cluster:Mode is '{cluster.Mode}'");
            Assert.False(app.Services.GetRequiredService<IOptions<ServeOptions>>().Value.LoopbackOnly, $"{overlay}/{deployment}: the silo would listen on loopback only, out of reach of its Services");
            Assert.NotEmpty(app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.ApiKeys);
            Assert.True(app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.IsAzure, $"{overlay}/{deployment}: storage is not Azure");

            var pod = manifest.PodSpec(deployment);
            var container = pod["containers"]![0]!;
            Assert.Equal(app.Services.GetRequiredService<IOptions<ServeOptions>>().Value.Port, ContainerPort(container, "http"));
            Assert.Equal(cluster.SiloPort, ContainerPort(container, "silo"));
            Assert.Equal(cluster.GatewayPort, ContainerPort(container, "gateway"));

            var shutdown = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
            var grace = TimeSpan.FromSeconds(RenderedManifest.Int(pod["terminationGracePeriodSeconds"]));
            Assert.True(grace > shutdown, $"{overlay}/{deployment}: terminationGracePeriodSeconds {grace.TotalSeconds} s does not outlast the silo's shutdown ({shutdown.TotalSeconds} s): Kubernetes would kill it while grains still write their state.");
        }
    }

    [SkippableTheory, MemberData(nameof(Overlays))]
    public async Task Probes_reach_the_health_endpoints_of_a_running_silo(string overlay)
    {
        var manifest = RenderedManifest.Of(overlay);

        foreach (var deployment in SiloDeployments)
        {
            var container = manifest.PodSpec(deployment)["containers"]![0]!;
            foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
            {
                var get = container[probe]?["httpGet"] ?? throw new Xunit.Sdk.XunitException($"{overlay}/{deployment}: no HTTP {probe}");
                Assert.Equal("http", (string?)get["port"]);
                var path = (string)get["path"]!;
                Assert.True((await Silo.Http.GetAsync(path)).IsSuccessStatusCode, $"{overlay}/{deployment}: {probe} path {path} does not answer on a running silo");
            }
        }
    }

    [SkippableTheory, MemberData(nameof(Overlays))]
    public void Orleans_kubernetes_hosting_gets_the_labels_and_pod_fields_it_reads(string overlay)
    {
        var manifest = RenderedManifest.Of(overlay);
        var expected = new Dictionary<string, string>
        {
            [KubernetesHostingOptions.PodNameEnvironmentVariable] = "metadata.name",
            [KubernetesHostingOptions.PodNamespaceEnvironmentVariable] = "metadata.namespace",
            [KubernetesHostingOptions.PodIPEnvironmentVariable] = "status.podIP",
            [KubernetesHostingOptions.ServiceIdEnvironmentVariable] = $"metadata.labels['{KubernetesHostingOptions.ServiceIdLabel}']",
            [KubernetesHostingOptions.ClusterIdEnvironmentVariable] = $"metadata.labels['{KubernetesHostingOptions.ClusterIdLabel}']",
        };

        var clusters = new HashSet<string>();
        foreach (var deployment in SiloDeployments)
        {
            var labels = manifest.PodLabels(deployment);
            foreach (var label in new[] { KubernetesHostingOptions.ServiceIdLabel, KubernetesHostingOptions.ClusterIdLabel })
            {
                Assert.False(string.IsNullOrEmpty(labels.GetValueOrDefault(label)), $"{overlay}/{deployment}: pods lack the label {label}");
            }
            clusters.Add($"{labels[KubernetesHostingOptions.ServiceIdLabel]}/{labels[KubernetesHostingOptions.ClusterIdLabel]}");

            var fields = manifest.SiloEnvironment([deployment]).Where(variable => variable.Value?["valueFrom"]?["fieldRef"] is not null)
                .ToDictionary(variable => variable.Name, variable => (string)variable.Value!["valueFrom"]!["fieldRef"]!["fieldPath"]!);
            foreach (var (name, field) in expected)
            {
                Assert.True(fields.TryGetValue(name, out var actual) && actual == field, $"{overlay}/{deployment}: {name} must come from {field} (is {actual ?? "missing"})");
            }
        }
        Assert.Single(clusters);
    }

    [SkippableTheory, MemberData(nameof(Overlays))]
    public void The_silo_service_account_may_watch_pods(string overlay)
    {
        var manifest = RenderedManifest.Of(overlay);

        foreach (var deployment in SiloDeployments)
        {
            var account = (string)manifest.PodSpec(deployment)["serviceAccountName"]!;
            manifest.Single("ServiceAccount", account);
            var binding = manifest.All("RoleBinding").Single(candidate => candidate["subjects"]!.AsArray()
                .Any(subject => (string?)subject!["kind"] == "ServiceAccount" && (string?)subject["name"] == account));
            var role = manifest.Single("Role", (string)binding["roleRef"]!["name"]!);
            var podRules = role["rules"]!.AsArray().Where(rule => rule!["resources"]!.AsArray().Any(resource => (string?)resource == "pods"));
            var verbs = podRules.SelectMany(rule => rule!["verbs"]!.AsArray().Select(verb => (string)verb!)).ToHashSet();
            Assert.Superset(new HashSet<string> { "get", "list", "watch" }, verbs);
        }
    }

    [SkippableTheory, MemberData(nameof(Overlays))]
    public void Services_and_the_disruption_budget_select_silo_pods_and_their_ports(string overlay)
    {
        var manifest = RenderedManifest.Of(overlay);

        foreach (var service in manifest.All("Service"))
        {
            var selected = manifest.All("Deployment").Where(deployment => Selects(service["spec"]!["selector"]!, manifest.PodLabels(deployment))).ToList();
            Assert.True(selected.Count > 0, $"{overlay}: service {RenderedManifest.Name(service)} selects no pods");
            foreach (var port in service["spec"]!["ports"]!.AsArray())
            {
                var target = (string)port!["targetPort"]!;
                Assert.All(selected, deployment => Assert.True(
                    manifest.PodSpec(RenderedManifest.Name(deployment))["containers"]!.AsArray().Any(container => container!["ports"]?.AsArray().Any(p => (string?)p!["name"] == target) == true),
                    $"{overlay}: service {RenderedManifest.Name(service)} targets port '{target}', which {RenderedManifest.Name(deployment)} does not name"));
            }
        }
        Assert.Equal(30000, RenderedManifest.Int(manifest.Single("Service", "recsys-gateway")["spec"]!["ports"]![0]!["port"]));

        var budget = manifest.Single("PodDisruptionBudget", "recsys-silo");
        Assert.True(Selects(budget["spec"]!["selector"]!, manifest.PodLabels("recsys-silo")));
        Assert.Equal(1, RenderedManifest.Int(budget["spec"]!["maxUnavailable"]));
    }

    [SkippableTheory, MemberData(nameof(Overlays))]
    public void The_inference_pool_asks_for_gpu_nodes(string overlay)
    {
        var pod = RenderedManifest.Of(overlay).PodSpec("recsys-inference");

        Assert.NotEmpty(pod["nodeSelector"]!.AsObject());
        Assert.Contains(pod["tolerations"]!.AsArray(), toleration => (string?)toleration!["key"] == "nvidia.com/gpu");
        Assert.Equal(1, RenderedManifest.Int(pod["containers"]![0]!["resources"]!["limits"]!["nvidia.com/gpu"]));
    }

    [SkippableTheory, MemberData(nameof(Overlays))]
    public void Telemetry_goes_to_the_collector_service(string overlay)
    {
        var manifest = RenderedManifest.Of(overlay);
        var endpoint = new Uri(manifest.SiloConfiguration("recsys-silo")[$"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.OtlpEndpoint)}"]!);

        var service = manifest.Single("Service", endpoint.Host);
        Assert.Contains(service["spec"]!["ports"]!.AsArray(), port => RenderedManifest.Int(port!["port"]) == endpoint.Port);
        Assert.Contains("otlp", (string)manifest.Single("ConfigMap", endpoint.Host)["data"]!["config.yaml"]!);
    }

    [SkippableFact]
    public void Dev_runs_azurite_in_the_cluster_and_prod_leaves_the_secret_to_operators()
    {
        var dev = RenderedManifest.Of("dev");
        var connection = dev.SecretValue("recsys-storage", "connection-string");
        var azurite = dev.Single("Service", "azurite")["spec"]!["ports"]!.AsArray().Select(port => RenderedManifest.Int(port!["port"])).ToHashSet();
        foreach (var endpoint in new[] { "BlobEndpoint", "TableEndpoint" })
        {
            var uri = new Uri(connection.Split(';').Single(part => part.StartsWith(endpoint + "=", StringComparison.Ordinal))[(endpoint.Length + 1)..]);
            Assert.Equal("azurite", uri.Host);
            Assert.Contains(uri.Port, azurite);
        }
        Assert.Contains("--skipApiVersionCheck", dev.PodSpec("azurite")["containers"]![0]!["args"]!.AsArray().Select(arg => (string)arg!));

        var prod = RenderedManifest.Of("prod");
        Assert.Empty(prod.All("Secret"));
        Assert.All(prod.All("Deployment").Where(deployment => SiloDeployments.Contains(RenderedManifest.Name(deployment))),
            deployment => Assert.DoesNotContain("recsys-silo:latest", (string)prod.PodSpec(RenderedManifest.Name(deployment))["containers"]![0]!["image"]!));
    }

    [SkippableTheory, MemberData(nameof(Overlays))]
    public void Settings_files_are_mounted_where_the_silo_reads_them(string overlay)
    {
        var workingDirectory = File.ReadLines(RepositoryFolder.File("Dockerfile")).Last(line => line.StartsWith("WORKDIR ", StringComparison.Ordinal))["WORKDIR ".Length..].Trim();
        var manifest = RenderedManifest.Of(overlay);

        foreach (var deployment in SiloDeployments)
        {
            var mounts = RenderedManifest.SettingsMounts(manifest.PodSpec(deployment)).ToList();
            Assert.NotEmpty(mounts);
            Assert.All(mounts, mount => Assert.Equal($"{workingDirectory}/appsettings.Production.json", (string)mount["mountPath"]!));
        }
    }

    [Fact]
    public void The_image_exposes_the_silo_ports()
    {
        var exposed = File.ReadLines(RepositoryFolder.File("Dockerfile")).Single(line => line.StartsWith("EXPOSE ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(int.Parse).ToHashSet();
        var cluster = new ClusterHostingOptions();

        Assert.Equal(new HashSet<int> { new ServeOptions().Port, cluster.SiloPort, cluster.GatewayPort }, exposed);
    }

    /// <summary>Every key the silo binds to an option property, e.g. "Recsys:Cluster:Mode": the silo's own options
    /// and the grains'.</summary>
    private static HashSet<string> SettingKeys()
    {
        IEnumerable<(Type Type, string Section)> sections =
        [
            .. typeof(IValidatedOptions).Assembly.GetTypes()
                .Where(type => type.IsClass && typeof(IValidatedOptions).IsAssignableFrom(type))
                .Select(type => (type, (string)type.GetProperty(nameof(IValidatedOptions.SectionName), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)),
            (typeof(Grains.Users.UserGrainOptions), Grains.Users.UserGrainOptions.SectionName),
            (typeof(Grains.Recommendations.RecommenderOptions), Grains.Recommendations.RecommenderOptions.SectionName),
        ];
        return sections.SelectMany(section => section.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.CanWrite).Select(property => $"{section.Section}:{property.Name}"))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The key an environment variable sets, as .NET's environment configuration reads it.</summary>
    private static string ConfigurationKey(string variable) => variable.Replace("__", ":", StringComparison.Ordinal);

    private static int ContainerPort(JsonNode container, string name) =>
        RenderedManifest.Int(container["ports"]!.AsArray().Single(port => (string?)port!["name"] == name)!["containerPort"]);

    private static bool Selects(JsonNode selector, IReadOnlyDictionary<string, string> labels)
    {
        var matchLabels = selector["matchLabels"] ?? selector;
        return matchLabels.AsObject().All(pair => labels.TryGetValue(pair.Key, out var value) && value == (string?)pair.Value);
    }

    /// <summary>The objects of one overlay as JSON, rendered once per test run.</summary>
    private sealed class RenderedManifest
    {
        private static readonly Dictionary<string, RenderedManifest> Rendered = [];
        private readonly List<JsonNode> _objects;

        private RenderedManifest(List<JsonNode> objects) => _objects = objects;

        public static RenderedManifest Of(string overlay)
        {
            lock (Rendered)
            {
                if (!Rendered.TryGetValue(overlay, out var manifest))
                {
                    Rendered[overlay] = manifest = new RenderedManifest(Parse(Kustomize(RepositoryFolder.File("k8s", "overlays", overlay))));
                }
                return manifest;
            }
        }

        public static string Name(JsonNode item) => (string)item["metadata"]!["name"]!;

        /// <summary>YAML scalars arrive as strings: "8080" and 8080 are the same number to Kubernetes.</summary>
        public static int Int(JsonNode? value) => int.Parse(value?.ToString() ?? throw new Xunit.Sdk.XunitException("a number is missing"));

        public IEnumerable<JsonNode> All(string kind) => _objects.Where(item => (string?)item["kind"] == kind);

        public JsonNode Single(string kind, string name) =>
            All(kind).SingleOrDefault(item => Name(item) == name) ?? throw new Xunit.Sdk.XunitException($"no {kind} named {name} is rendered");

        public JsonNode PodSpec(string deployment) => Single("Deployment", deployment)["spec"]!["template"]!["spec"]!;

        public IReadOnlyDictionary<string, string> PodLabels(JsonNode deployment) => PodLabels(Name(deployment));

        public IReadOnlyDictionary<string, string> PodLabels(string deployment) =>
            Single("Deployment", deployment)["spec"]!["template"]!["metadata"]!["labels"]!.AsObject().ToDictionary(pair => pair.Key, pair => (string)pair.Value!);

        public IEnumerable<(string Deployment, string Name, JsonNode? Value)> SiloEnvironment(IEnumerable<string> deployments) =>
            from deployment in deployments
            from variable in PodSpec(deployment)["containers"]![0]!["env"]!.AsArray()
            select (deployment, (string)variable!["name"]!, (JsonNode?)variable);

        public string SecretValue(string secret, string key)
        {
            var item = Single("Secret", secret);
            return item["stringData"]?[key] is { } plain
                ? (string)plain!
                : System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)item["data"]![key]!));
        }

        /// <summary>One API key of no one (its hash is all zeros), for a Secret of keys that operators create.</summary>
        private const string StandInApiKeys = """{"Recsys":{"Security":{"ApiKeys":[{"Name":"stand-in","Scopes":["read"],"Sha256":"0000000000000000000000000000000000000000000000000000000000000000"}]}}}""";

        /// <summary>Mounts of settings files (appsettings*.json) into the silo container.</summary>
        public static IEnumerable<JsonNode> SettingsMounts(JsonNode podSpec) =>
            (podSpec["containers"]![0]!["volumeMounts"]?.AsArray() ?? []).Select(mount => mount!)
                .Where(mount => Path.GetFileName((string)mount["mountPath"]!).StartsWith("appsettings", StringComparison.Ordinal));

        /// <summary>The settings the pod gives the silo: its environment's literal values and secrets, and the settings
        /// files mounted from Secrets. Where operators create a Secret, stand-ins take its place: Azurite's development
        /// account, one API key of no one.</summary>
        public Dictionary<string, string?> SiloConfiguration(string deployment)
        {
            var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            var pod = PodSpec(deployment);
            foreach (var mount in SettingsMounts(pod))
            {
                var volume = pod["volumes"]!.AsArray().Single(candidate => (string?)candidate!["name"] == (string?)mount["name"])!;
                var secret = (string)volume["secret"]!["secretName"]!;
                var json = All("Secret").Any(item => Name(item) == secret)
                    ? SecretValue(secret, (string)mount["subPath"]!)
                    : StandInApiKeys;
                var settings = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
                foreach (var (key, value) in settings.AsEnumerable().Where(pair => pair.Value is not null))
                {
                    configuration[key] = value;
                }
            }
            foreach (var (_, name, variable) in SiloEnvironment([deployment]).Where(variable => variable.Name.StartsWith("RECSYS__", StringComparison.Ordinal)))
            {
                var secret = variable!["valueFrom"]?["secretKeyRef"];
                configuration[ConfigurationKey(name)] = secret is null
                    ? (string?)variable["value"]
                    : All("Secret").Any(item => Name(item) == (string)secret["name"]!)
                        ? SecretValue((string)secret["name"]!, (string)secret["key"]!)
                        : "UseDevelopmentStorage=true";
            }
            return configuration;
        }

        private static string Kustomize(string directory)
        {
            Skip.If(FindOnPath("kubectl") is null, "kubectl is not installed: the manifests cannot be rendered.");
            var start = new ProcessStartInfo("kubectl", ["kustomize", directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory} failed: {error}");
            return output.Result;
        }

        private static string? FindOnPath(string executable) =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(folder => Path.Combine(folder, executable)).FirstOrDefault(File.Exists);

        private static List<JsonNode> Parse(string yaml)
        {
            var deserializer = new DeserializerBuilder().Build();
            var json = new SerializerBuilder().JsonCompatible().Build();
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            var objects = new List<JsonNode>();
            while (parser.Accept<DocumentStart>(out _))
            {
                var document = deserializer.Deserialize<object>(parser);
                objects.Add(JsonNode.Parse(json.Serialize(document))!);
            }
            return objects;
        }
    }
}
