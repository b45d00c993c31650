using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Validation;

/// <summary>
/// A construct declared twice under one id reaches the user as the library's <see cref="ConstructInputException"/> naming
/// the parent path and the id — for every construct of the library, never the constructs library's bare exception.
/// </summary>
public sealed class ConstructIdTests
{
    [TestCaseSource(typeof(NullInputTests), nameof(NullInputTests.Constructs))]
    public void A_duplicate_id_is_named_with_its_parent_path(Type construct)
    {
        var stack = SynthHarness.BareStack();
        var props = ValidSamples.ByConstruct[construct](stack);
        ValidSamples.Create(construct, stack, props);

        var error = Assert.Throws<ConstructInputException>(() => ValidSamples.Create(construct, stack, props))!;

        Assert.That(error.ConstructType, Is.EqualTo(construct.Name));
        Assert.That(error.ConstructPath, Is.EqualTo("test/Subject"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"id was \"Subject\": [test] already has a child with this id (a {construct.Name}); ids must be unique among the children of one parent, give this {construct.Name} another id.",
        }));
    }

    [Test]
    public void An_id_taken_by_another_kind_of_construct_names_that_kind()
    {
        var stack = SynthHarness.BareStack();
        _ = new HashiCorp.Cdktf.TerraformOutput(stack, "Namespace", new HashiCorp.Cdktf.TerraformOutputConfig { Value = "x" });

        var error = Assert.Throws<ConstructInputException>(() => _ = new MlopsCdktf.Kubernetes.MlNamespace(stack, "Namespace", MlopsCdktf.Tests.Kubernetes.KubernetesTestData.Namespace))!;

        Assert.That(error.Message, Is.EqualTo(
            "Invalid MlNamespace at path [test/Namespace]:" + Environment.NewLine
            + "  - id was \"Namespace\": [test] already has a child with this id (a TerraformOutput); ids must be unique among the children of one parent, give this MlNamespace another id."));
    }
}
