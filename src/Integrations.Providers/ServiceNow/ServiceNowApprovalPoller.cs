using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integrations.Providers.ServiceNow;

/// <summary>Runs <see cref="ServiceNowApprovalWatcher.PollAsync"/> every poll interval, on the injected clock.</summary>
internal sealed class ServiceNowApprovalPoller(ServiceNowApprovalWatcher watcher, IOptions<ServiceNowApprovalOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(false);
                await watcher.PollAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
