namespace Procurement.Infrastructure.Tests.Deployment;

/// <summary>docker-compose.yml at the root, checked with docker-compose 1.29 (`config` needs no Docker engine).</summary>
public sealed class ComposeFileTests
{
    private static readonly string[] ComposeFile = ["-f", "docker-compose.yml"];

    [Fact]
    public async Task Compose_file_passes_docker_compose_config()
    {
        var result = await Tool.RunAsync("docker-compose", [.. ComposeFile, "config", "-q"]);

        Assert.True(result.ExitCode == 0, $"docker-compose config -q exited with {result.ExitCode}: {result.Error}");
    }

    [Fact]
    public async Task Every_container_has_a_healthcheck_and_waits_for_its_dependencies_to_be_healthy()
    {
        var config = await Tool.RunAsync("docker-compose", [.. ComposeFile, "config"]);
        Assert.True(config.ExitCode == 0, config.Error);
        var services = (await Tool.ParseYamlAsync(["-"], config.Output))["-"].Single().GetProperty("services");

        var names = services.EnumerateObject().Select(s => s.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "postgres", "rabbitmq", "tenders", "bids", "moderation", "awards", "gateway", "portal" }, names);
        foreach (var service in services.EnumerateObject())
        {
            Assert.True(service.Value.TryGetProperty("healthcheck", out var health) && health.GetProperty("test").GetArrayLength() > 0,
                $"{service.Name} has no healthcheck");
            if (!service.Value.TryGetProperty("depends_on", out var dependencies)) continue;
            foreach (var dependency in dependencies.EnumerateObject())
                Assert.True(dependency.Value.GetProperty("condition").GetString() == "service_healthy",
                    $"{service.Name} starts before {dependency.Name} is healthy");
        }
        Assert.Equal(["awards", "bids", "moderation", "tenders"],
            services.GetProperty("gateway").GetProperty("depends_on").EnumerateObject().Select(d => d.Name).Order());
        Assert.Equal(["gateway"], services.GetProperty("portal").GetProperty("depends_on").EnumerateObject().Select(d => d.Name));
    }

    [Fact]
    public async Task RabbitMq_offers_the_management_ui_and_each_application_is_built_from_a_dockerfile_with_a_healthcheck()
    {
        var config = await Tool.RunAsync("docker-compose", [.. ComposeFile, "config"]);
        Assert.True(config.ExitCode == 0, config.Error);
        var services = (await Tool.ParseYamlAsync(["-"], config.Output))["-"].Single().GetProperty("services");

        var rabbitmq = services.GetProperty("rabbitmq");
        Assert.Matches("^rabbitmq:3[.0-9]*-management$", rabbitmq.GetProperty("image").GetString());
        Assert.Contains(rabbitmq.GetProperty("ports").EnumerateArray(), p => p.GetProperty("target").GetInt32() == 15672 && p.GetProperty("published").GetInt32() == 15672);
        foreach (var application in new[] { "tenders", "bids", "moderation", "awards", "gateway", "portal" })
        {
            var build = services.GetProperty(application).GetProperty("build");
            var dockerfile = Path.Combine(build.GetProperty("context").GetString()!, build.GetProperty("dockerfile").GetString()!);
            Assert.True(File.Exists(dockerfile), $"{application}: {dockerfile} does not exist");
            Assert.Contains(File.ReadLines(dockerfile), line => line.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        }
    }
}
