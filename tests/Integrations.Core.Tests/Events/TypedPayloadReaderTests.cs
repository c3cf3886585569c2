using System.Text.Json;
using Integrations.Events;
using Integrations.Events.Payloads;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Events;

/// <summary><c>context.GetPayload&lt;T&gt;()</c> reads back every kind of payload the library writes.</summary>
public class TypedPayloadReaderTests
{
    private static IntegrationExecutionContext ContextFor(IntegrationEvent @event, HttpClient http)
    {
        using var json = JsonDocument.Parse(@event.ToJsonUtf8());
        return new IntegrationExecutionContext(@event.Kind, json.RootElement.Clone(), IntegrationScope.Project(42), new ServiceCollection().BuildServiceProvider()) { Http = http, State = new Integrations.State.ScratchIntegrationState() };
    }

    private static IEnumerable<TestCaseData> Kinds() =>
        IntegrationEventNames.Split(IntegrationEvents.All).Select(k => new TestCaseData(k).SetName("GetPayload_reads_back_a_" + IntegrationEventNames.GetName(k) + "_payload"));

    [TestCaseSource(nameof(Kinds))]
    public void GetPayload_reads_back_what_was_written(IntegrationEvents kind)
    {
        using var http = new HttpClient();
        var sample = SampleEvents.For(kind);
        var context = ContextFor(sample, http);

        var read = typeof(IntegrationExecutionContext).GetMethod(nameof(IntegrationExecutionContext.GetPayload))!
            .MakeGenericMethod(sample.GetType()).Invoke(context, null) as IntegrationEvent;

        read!.Kind.Should().Be(kind);
        JsonDocument.Parse(read.ToJsonUtf8()).RootElement.GetRawText().Should().Be(JsonDocument.Parse(sample.ToJsonUtf8()).RootElement.GetRawText(),
            "a payload read back writes the same JSON");
    }

    [Test]
    public void Reading_a_payload_as_the_wrong_type_names_both()
    {
        using var http = new HttpClient();
        var context = ContextFor(SampleEvents.Pipeline(), http);

        var reading = () => context.GetPayload<IssueEvent>();

        reading.Should().Throw<InvalidOperationException>().WithMessage("*pipeline*IssueEvent*");
    }

    [Test]
    public void An_integration_reads_the_issue_it_was_sent()
    {
        using var http = new HttpClient();
        var context = ContextFor(SampleEvents.Issue(), http);

        context.GetPayload<IssueEvent>().ObjectAttributes.Title.Should().Be("Invoices round to the wrong cent");
    }
}
