using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Validation;

/// <summary>
/// Generated over every string member of every construct's props: a Terraform reference is either accepted or refused
/// as a reference ("a Terraform reference is not accepted here …"), never with a message about a value it does not have.
/// </summary>
public sealed class ReferenceMessageTests
{
    [TestCaseSource(typeof(NullInputTests), nameof(NullInputTests.Constructs))]
    public void A_reference_in_any_string_member_is_accepted_or_refused_as_a_reference(Type construct)
    {
        var failures = new List<string>();
        var propsType = construct.GetConstructors().Single(c => c.GetParameters().Length == 3).GetParameters()[2].ParameterType;
        foreach (var property in propsType.GetProperties().Where(p => p.PropertyType == typeof(string) && p.SetMethod is not null))
        {
            var stack = SynthHarness.StackWithEveryProvider();
            var reference = new HashiCorp.Cdktf.TerraformVariable(stack, "value", new HashiCorp.Cdktf.TerraformVariableConfig { Type = "string" }).StringValue;
            var props = ValidSamples.ByConstruct[construct](stack);
            var clone = props.GetType().GetMethod("<Clone>$")!.Invoke(props, null)!;
            property.SetValue(clone, reference);
            try
            {
                ValidSamples.Create(construct, stack, clone);
            }
            catch (ConstructInputException e)
            {
                failures.AddRange(e.Problems.Where(p => !p.Contains("reference", StringComparison.Ordinal))
                    .Select(p => $"{property.Name}: {p}"));
            }
        }

        Assert.That(failures, Is.Empty, $"{construct.Name}: a reference refused without saying so");
    }
}
