using System.Reflection;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Validation;

/// <summary>
/// Reflection-driven: every required (non-nullable) reference member of every construct's props, set to null in turn
/// (as <c>null!</c> or deserialised configuration would), and every null collection entry, gets the library's clear error
/// naming construct path and property — never a NullReferenceException or a raw jsii error.
/// </summary>
public sealed class NullInputTests
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static IEnumerable<string> RequiredMembers(Type construct) =>
        PropsType(construct).GetProperties()
            .Where(p => !p.PropertyType.IsValueType && p.SetMethod is not null && Nullability.Create(p).WriteState == NullabilityState.NotNull)
            .Select(p => p.Name);

    public static IEnumerable<TestCaseData> Constructs() =>
        ValidSamples.ByConstruct.Keys.Select(construct => new TestCaseData(construct).SetArgDisplayNames(construct.Name));

    [Test]
    public void Every_library_construct_has_a_valid_sample() =>
        Assert.That(ValidSamples.LibraryConstructs().Where(t => !ValidSamples.ByConstruct.ContainsKey(t)).Select(t => t.Name), Is.Empty,
            "add a valid props sample to ValidSamples so the null checks cover the new construct");

    [Test]
    public void The_valid_samples_are_valid()
    {
        foreach (var (construct, sample) in ValidSamples.ByConstruct)
        {
            var stack = SynthHarness.BareStack();
            Assert.DoesNotThrow(() => ValidSamples.Create(construct, stack, sample(stack)), construct.Name);
        }
    }

    /// <summary>One test per construct; every required member is set to null in turn and every failure reported at once.</summary>
    [TestCaseSource(nameof(Constructs))]
    public void Each_required_member_set_to_null_is_named_in_a_clear_error(Type construct)
    {
        var failures = new List<string>();
        foreach (var property in RequiredMembers(construct))
        {
            var stack = SynthHarness.BareStack();
            var props = WithMember(ValidSamples.ByConstruct[construct](stack), property, null);
            try
            {
                ValidSamples.Create(construct, stack, props);
                failures.Add($"{property} = null was accepted");
            }
            catch (ConstructInputException e) when (e.Message.StartsWith($"Invalid {construct.Name} at path [test/Subject]:", StringComparison.Ordinal)
                                                    && e.Problems.Contains($"{property} was null: is required."))
            {
            }
            catch (Exception e) when (e is not AssertionException)
            {
                failures.Add($"{property} = null: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.That(failures, Is.Empty, $"required members of {construct.Name} not named clearly when null:\n" + string.Join("\n", failures));
    }

    [Test]
    public void Null_props_and_null_collection_entries_are_named()
    {
        var stack = SynthHarness.BareStack();
        var noProps = Assert.Throws<ConstructInputException>(() => ValidSamples.Create(typeof(MlopsCdktf.Aws.ModelApiKey), stack, null!))!;
        Assert.That(noProps.Problems, Is.EqualTo(new[] { "props was null: is required." }));

        stack = SynthHarness.BareStack();
        var endpointProps = (MlopsCdktf.Aws.SageMakerEndpointProps)ValidSamples.ByConstruct[typeof(MlopsCdktf.Aws.SageMakerEndpoint)](stack);
        var error = Assert.Throws<ConstructInputException>(() => ValidSamples.Create(typeof(MlopsCdktf.Aws.SageMakerEndpoint), stack, endpointProps with
        {
            Variants = [endpointProps.Variants[0], null!],
            Tags = new Dictionary<string, string> { ["Team"] = null! },
        }))!;
        Assert.That(error.Problems, Is.EquivalentTo(new[]
        {
            "Variants[1] was null: must not be null (remove the entry instead).",
            "Tags[\"Team\"] was null: must not be null (remove the entry instead).",
        }));
    }

    private static Type PropsType(Type construct) =>
        construct.GetConstructors().Single(c => c.GetParameters().Length == 3).GetParameters()[2].ParameterType;

    /// <summary>A copy of the record <paramref name="props"/> with one member replaced, through the record's clone and init setter.</summary>
    private static object WithMember(object props, string property, object? value)
    {
        var clone = props.GetType().GetMethod("<Clone>$")!.Invoke(props, null)!;
        props.GetType().GetProperty(property)!.SetValue(clone, value);
        return clone;
    }
}
