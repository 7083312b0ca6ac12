using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Pointspot.Silo.Tests;

/// <summary>
/// The files under deploy/k8s and deploy/systemd: each parses, and the names, labels, ports and
/// paths that refer to each other match.
/// </summary>
public sealed class DeployManifestTests
{
    private const string Namespace = "pointspot";

    private static readonly string DeployDirectory = FindDeployDirectory();

    [Fact]
    public void Manifests_EveryDocument_HasKindNameAndNamespace()
    {
        List<YamlMappingNode> documents = LoadManifests();

        Assert.NotEmpty(documents);
        foreach (YamlMappingNode document in documents)
        {
            string kind = Text(document, "kind");
            Assert.False(string.IsNullOrEmpty(Text(document, "apiVersion")), $"{kind} has no apiVersion");
            Assert.False(string.IsNullOrEmpty(Text(document, "metadata", "name")), $"{kind} has no name");
            if (kind != "Namespace")
            {
                Assert.Equal(Namespace, Text(document, "metadata", "namespace"));
            }
        }
    }

    [Fact]
    public void Kustomization_Resources_ListEveryManifest()
    {
        var kustomization = LoadYaml(Path.Combine(DeployDirectory, "k8s", "kustomization.yaml")).Single();
        var listed = Sequence(kustomization, "resources").Select(node => ((YamlScalarNode)node).Value!).Order();

        var files = ManifestFiles().Select(Path.GetFileName).Order();

        Assert.Equal(files, listed);
    }

    [Fact]
    public void Deployment_Silos_RunThreeReplicasWithProbes()
    {
        YamlMappingNode deployment = Single("Deployment");
        YamlMappingNode container = (YamlMappingNode)Sequence(deployment, "spec", "template", "spec", "containers").Single();
        var portNames = Sequence(container, "ports").Select(port => Text(port, "name")).ToList();

        Assert.Equal("3", Text(deployment, "spec", "replicas"));
        Assert.Equal("/health/ready", Text(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/health/live", Text(container, "livenessProbe", "httpGet", "path"));
        Assert.Contains(Text(container, "readinessProbe", "httpGet", "port"), portNames);
        Assert.Contains(Text(container, "livenessProbe", "httpGet", "port"), portNames);
        Assert.Equal(["http", "silo", "gateway"], portNames);
    }

    [Fact]
    public void Deployment_Environment_MatchesKubernetesHosting()
    {
        YamlMappingNode deployment = Single("Deployment");
        YamlMappingNode container = (YamlMappingNode)Sequence(deployment, "spec", "template", "spec", "containers").Single();
        var environment = Sequence(container, "env").ToDictionary(variable => Text(variable, "name"));
        YamlMappingNode config = Single("ConfigMap");

        // Orleans' Kubernetes hosting reads these variables.
        Assert.Equal("metadata.labels['orleans/serviceId']",
            Text(environment["ORLEANS_SERVICE_ID"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("metadata.labels['orleans/clusterId']",
            Text(environment["ORLEANS_CLUSTER_ID"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("metadata.name", Text(environment["POD_NAME"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("metadata.namespace", Text(environment["POD_NAMESPACE"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("status.podIP", Text(environment["POD_IP"], "valueFrom", "fieldRef", "fieldPath"));

        // The service id is part of every grain-storage key, so it must stay the silo's default.
        Assert.Equal("pointspot", Text(deployment, "spec", "template", "metadata", "labels", "orleans/serviceId"));
        Assert.Equal("true", Text(config, "data", "Orleans__Kubernetes__Enabled"));
        Assert.Equal(Text(config, "metadata", "name"),
            Text((YamlMappingNode)Sequence(container, "envFrom").Single(), "configMapRef", "name"));
    }

    [Fact]
    public void Deployment_ConnectionString_ComesFromSecret()
    {
        YamlMappingNode container = (YamlMappingNode)Sequence(Single("Deployment"), "spec", "template", "spec", "containers").Single();
        YamlNode variable = Sequence(container, "env").Single(node => Text(node, "name") == "ConnectionStrings__Pointspot");
        YamlMappingNode secret = Single("Secret");

        Assert.Equal(Text(secret, "metadata", "name"), Text(variable, "valueFrom", "secretKeyRef", "name"));
        string key = Text(variable, "valueFrom", "secretKeyRef", "key");
        Assert.Contains(new YamlScalarNode(key), ((YamlMappingNode)secret["stringData"]).Children.Keys);
    }

    [Fact]
    public void ServiceAndBudget_Selectors_MatchPodLabels()
    {
        YamlMappingNode deployment = Single("Deployment");
        var podLabels = Mapping(deployment, "spec", "template", "metadata", "labels");
        YamlMappingNode service = Single("Service");
        YamlMappingNode budget = Single("PodDisruptionBudget");

        AssertSelects(Mapping(deployment, "spec", "selector", "matchLabels"), podLabels);
        AssertSelects(Mapping(service, "spec", "selector"), podLabels);
        AssertSelects(Mapping(budget, "spec", "selector", "matchLabels"), podLabels);
        Assert.Equal("http", Text((YamlMappingNode)Sequence(service, "spec", "ports").Single(), "targetPort"));
        Assert.True(int.Parse(Text(budget, "spec", "minAvailable")) < int.Parse(Text(deployment, "spec", "replicas")),
            "The disruption budget must let at least one silo go, or node drains block.");
    }

    [Fact]
    public void Rbac_PodRights_GrantedToDeploymentAccount()
    {
        string account = Text(Single("Deployment"), "spec", "template", "spec", "serviceAccountName");
        YamlMappingNode role = Single("Role");
        YamlMappingNode binding = Single("RoleBinding");
        YamlNode rule = Sequence(role, "rules").Single();
        var verbs = Sequence(rule, "verbs").Select(verb => ((YamlScalarNode)verb).Value).ToList();

        Assert.Equal(account, Text(Single("ServiceAccount"), "metadata", "name"));
        Assert.Equal(["pods"], Sequence(rule, "resources").Select(resource => ((YamlScalarNode)resource).Value));
        Assert.Equal(["get", "watch", "list", "delete"], verbs);
        Assert.Equal(Text(role, "metadata", "name"), Text(binding, "roleRef", "name"));
        YamlNode subject = Sequence(binding, "subjects").Single();
        Assert.Equal("ServiceAccount", Text(subject, "kind"));
        Assert.Equal(account, Text(subject, "name"));
    }

    [Fact]
    public async Task SystemdUnit_Template_RestartsAndReadsEnvironment()
    {
        string path = Path.Combine(DeployDirectory, "systemd", "pointspot@.service");
        Dictionary<string, List<string>> service = ReadUnitSection(path, "Service");

        Assert.Equal(["/etc/pointspot/pointspot.env", "/etc/pointspot/silo-%i.env"], service["EnvironmentFile"]);
        Assert.Equal(["on-failure"], service["Restart"]);
        Assert.Equal(["SIGTERM"], service["KillSignal"]);
        Assert.Equal(["pointspot"], service["User"]);
        Assert.Equal(["yes"], service["NoNewPrivileges"]);
        Assert.Equal(["strict"], service["ProtectSystem"]);
        Assert.StartsWith("/usr/bin/dotnet ", service["ExecStart"].Single(), StringComparison.Ordinal);
        Assert.Equal(["multi-user.target"], ReadUnitSection(path, "Install")["WantedBy"]);

        // systemd's own check of the syntax, where systemd is installed.
        if (File.Exists("/usr/bin/systemd-analyze"))
        {
            (int exitCode, string output) = await VerifyUnitAsync(path);
            Assert.True(exitCode == 0, $"systemd-analyze verify failed:\n{output}");
            Assert.True(output.Length == 0, $"systemd-analyze verify warned:\n{output}");
        }
    }

    [Fact]
    public void SystemdExamples_EnvironmentFiles_SetEachPort()
    {
        var shared = ReadEnvironmentFile(Path.Combine(DeployDirectory, "systemd", "pointspot.env.example"));
        var silo = ReadEnvironmentFile(Path.Combine(DeployDirectory, "systemd", "silo-1.env.example"));

        Assert.Contains("ConnectionStrings__Pointspot", shared.Keys);
        Assert.Equal("pointspot", shared["Orleans__ServiceId"]);
        Assert.Equal(["Urls", "Orleans__SiloPort", "Orleans__GatewayPort"], silo.Keys);
    }

    private static void AssertSelects(YamlMappingNode selector, YamlMappingNode labels)
    {
        Assert.NotEmpty(selector.Children);
        foreach (var (key, value) in selector.Children)
        {
            Assert.True(labels.Children.TryGetValue(key, out var label), $"The pods have no label {key}.");
            Assert.Equal(value, label);
        }
    }

    private static YamlMappingNode Single(string kind) =>
        LoadManifests().Single(document => Text(document, "kind") == kind);

    private static List<YamlMappingNode> LoadManifests() =>
        ManifestFiles().SelectMany(LoadYaml).ToList();

    private static IEnumerable<string> ManifestFiles() =>
        Directory.GetFiles(Path.Combine(DeployDirectory, "k8s"), "*.yaml")
            .Where(path => Path.GetFileName(path) != "kustomization.yaml");

    private static IEnumerable<YamlMappingNode> LoadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(document => (YamlMappingNode)document.RootNode);
    }

    private static YamlNode Node(YamlNode node, params string[] path)
    {
        foreach (string key in path)
        {
            node = ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var child)
                ? child
                : throw new Xunit.Sdk.XunitException($"Missing key \"{key}\" of {string.Join('.', path)}");
        }

        return node;
    }

    private static string Text(YamlNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value!;

    private static YamlMappingNode Mapping(YamlNode node, params string[] path) => (YamlMappingNode)Node(node, path);

    private static IEnumerable<YamlNode> Sequence(YamlNode node, params string[] path) =>
        ((YamlSequenceNode)Node(node, path)).Children;

    /// <summary>Reads the Key=Value lines of one [Section] of a systemd unit, where a key may repeat.</summary>
    private static Dictionary<string, List<string>> ReadUnitSection(string path, string section)
    {
        var values = new Dictionary<string, List<string>>();
        string? current = null;
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                current = line.Trim('[', ']');
                continue;
            }

            int equals = line.IndexOf('=');
            if (current == section && equals > 0)
            {
                string key = line[..equals];
                if (!values.TryGetValue(key, out var list))
                {
                    values[key] = list = [];
                }

                list.Add(line[(equals + 1)..]);
            }
        }

        return values;
    }

    private static Dictionary<string, string> ReadEnvironmentFile(string path) =>
        File.ReadLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);

    /// <summary>Runs systemd-analyze verify on a copy named like an instance, because a template cannot be verified itself.</summary>
    private static async Task<(int ExitCode, string Output)> VerifyUnitAsync(string templatePath)
    {
        string directory = Directory.CreateTempSubdirectory("pointspot-unit-").FullName;
        try
        {
            string instance = Path.Combine(directory, "pointspot@1.service");
            File.Copy(templatePath, instance);
            var start = new ProcessStartInfo("/usr/bin/systemd-analyze", ["verify", "--man=no", instance])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, (await output + await error).Trim());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string FindDeployDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "deploy", "k8s");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(directory.FullName, "deploy");
            }
        }

        throw new InvalidOperationException($"No deploy/k8s above {AppContext.BaseDirectory}.");
    }
}
