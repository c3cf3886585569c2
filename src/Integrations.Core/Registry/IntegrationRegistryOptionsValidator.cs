using Microsoft.Extensions.Options;

namespace Integrations.Registry;

/// <summary>Startup validation of the registered types: duplicate slugs and clashing legacy names fail the host's start.</summary>
internal sealed class IntegrationRegistryOptionsValidator : IValidateOptions<IntegrationRegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, IntegrationRegistryOptions options)
    {
        List<IntegrationTypeDescriptor> descriptors;
        try
        {
            descriptors = options.Registrations.Select(r => new IntegrationTypeDescriptor(r)).ToList();
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }

        var errors = IntegrationRegistry.DescribeConflicts(descriptors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
