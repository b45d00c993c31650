using HashiCorp.Cdktf;
using MlopsCdktf.Aws;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary><see cref="SageMakerInstanceType"/>: a name checked where it is made, written as that name.</summary>
public sealed class SageMakerInstanceTypeTests
{
    [Test]
    public void Of_keeps_the_name_and_equals_the_well_known_member()
    {
        var type = SageMakerInstanceType.Of("ml.m5.large");
        Assert.That(type.Name, Is.EqualTo("ml.m5.large"));
        Assert.That(type, Is.EqualTo(SageMakerInstanceType.M5Large));
        Assert.That(type.ToString(), Is.EqualTo("ml.m5.large"));
        string asString = type;
        Assert.That(asString, Is.EqualTo("ml.m5.large"), "an implicit conversion writes the name where the provider wants a string");
    }

    [TestCase("m5.large")]
    [TestCase("ml.m5")]
    [TestCase("ML.M5.LARGE")]
    [TestCase("ml..large")]
    [TestCase("")]
    public void Of_rejects_names_that_are_not_ml_family_size(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => SageMakerInstanceType.Of(name))!;
        Assert.That(error.ParamName, Is.EqualTo("name"));
        Assert.That(error.Message, Does.StartWith($"InstanceType was \"{name}\": must be an ML instance type ml.<family>.<size> (e.g. \"ml.m5.large\")."));
    }

    [Test]
    public void Of_accepts_a_reference_resolved_at_apply_time()
    {
        var stack = SynthHarness.BareStack();
        var variable = new TerraformVariable(stack, "instance_type", new TerraformVariableConfig { Type = "string" });
        var type = SageMakerInstanceType.Of(variable.StringValue);
        Assert.That(type.IsUnresolved, Is.True);
        Assert.That(type.HostingProblem(), Is.Null, "a reference is not checked against the hosting catalog");
    }

    [TestCase("ml.g5.xlarge", true)]
    [TestCase("ml.m5d.large", true)]
    [TestCase("ml.inf2.xlarge", true)]
    [TestCase("ml.m5.large", false)]
    [TestCase("ml.c5.xlarge", false)]
    public void Local_nvme_storage_is_known_by_family(string name, bool nvme) =>
        Assert.That(SageMakerInstanceType.Of(name).HasLocalNvmeStorage, Is.EqualTo(nvme));

    [Test]
    public void Burstable_types_are_the_t_families()
    {
        Assert.That(SageMakerInstanceType.T3Medium.IsBurstable, Is.True);
        Assert.That(SageMakerInstanceType.Of("ml.t2.large").IsBurstable, Is.True);
        Assert.That(SageMakerInstanceType.M5Xlarge.IsBurstable, Is.False);
    }

    [Test]
    public void Every_well_known_member_is_a_known_hosting_type()
    {
        SageMakerInstanceType[] members =
        [
            SageMakerInstanceType.T3Medium, SageMakerInstanceType.M5Large, SageMakerInstanceType.M5Xlarge,
            SageMakerInstanceType.C5Xlarge, SageMakerInstanceType.G4dnXlarge, SageMakerInstanceType.G5Xlarge,
        ];
        Assert.That(members.Select(m => (m.Name, Problem: m.HostingProblem())), Has.All.Matches<(string Name, string? Problem)>(m => m.Problem is null));
        Assert.That(SageMakerInstanceType.Of("ml.m5.superlarge").HostingProblem(), Does.StartWith("is not a size of ml.m5 (sizes: large, xlarge,"));
    }
}
