using Integrations.Samples.CustomIntegration;

namespace Integrations.Samples.Tests;

public class CustomIntegrationSampleTests
{
    private string _path = null!;

    [SetUp]
    public void ChooseFile() => _path = Path.Combine(Path.GetTempPath(), "integrations-sample-" + Guid.NewGuid().ToString("N") + ".db");

    [TearDown]
    public void DeleteFile() => File.Delete(_path);

    [Test]
    public async Task The_sample_prints_effective_settings_with_the_secret_masked_and_their_sources()
    {
        using var output = new StringWriter();

        await CustomIntegrationDemo.RunAsync(_path, output);

        var text = output.ToString();
        text.Should().NotContain(CustomIntegrationDemo.DemoApiKey);
        text.Should().Contain("api_key=************");
        text.Should().Contain("the API key decrypts for use: yes");
        text.Should().Contain("stored api_key column value: enc:v1:demo-2026:");
        text.Should().MatchRegex(@"api_key\s+= \*{12}\s+from instance");
        text.Should().MatchRegex(@"component\s+= ""billing-api""\s+from project:42");
        text.Should().MatchRegex(@"api_url\s+= ""https://status.example.com/api/""\s+from instance");
        text.Should().Contain("active         = True");
    }

    [Test]
    public async Task The_sample_file_never_holds_the_secret_in_plain_text()
    {
        await CustomIntegrationDemo.RunAsync(_path, TextWriter.Null);

        var bytes = await File.ReadAllBytesAsync(_path);
        System.Text.Encoding.UTF8.GetString(bytes).Should().NotContain(CustomIntegrationDemo.DemoApiKey);
    }

    [Test]
    public async Task The_sample_can_run_twice_on_the_same_file()
    {
        await CustomIntegrationDemo.RunAsync(_path, TextWriter.Null);
        using var output = new StringWriter();

        await CustomIntegrationDemo.RunAsync(_path, output);

        output.ToString().Should().Contain("Effective settings for project 42:");
    }
}
