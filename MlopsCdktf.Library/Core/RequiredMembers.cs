using System.Collections;
using System.Reflection;

namespace MlopsCdktf.Core;

/// <summary>
/// The one null check of every construct's input: walks a props object (and the records, lists and dictionaries it
/// holds) and reports each member that the type declares non-nullable but holds null, e.g. from <c>null!</c> or
/// deserialised configuration, as "<c>Variants[1] was null: is required</c>" — instead of a NullReferenceException deep
/// in a validator or in jsii. Nullable members (<c>string?</c>, <c>DataCaptureOptions?</c>) are optional and skipped.
/// Numbers that are NaN or infinite are reported too (jsii cannot serialise infinity).
/// </summary>
public static class RequiredMembers
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>
    /// Records every null non-nullable member of <paramref name="props"/> (or <paramref name="props"/> itself) and
    /// throws at once when there is any: the construct's other rules cannot run on missing input.
    /// </summary>
    /// <exception cref="ConstructInputException">When <paramref name="props"/> or a required member is null.</exception>
    public static InputValidator RequireMembers(this InputValidator validator, object? props, string name = "props")
    {
        if (props is null)
        {
            validator.Add(name, null, "is required");
        }
        else if (props is IEnumerable and not string)
        {
            WalkMember(validator, props, name, depth: 0);
        }
        else
        {
            Walk(validator, props, prefix: string.Empty, depth: 0);
        }

        validator.ThrowIfInvalid();
        return validator;
    }

    private static void Walk(InputValidator validator, object value, string prefix, int depth)
    {
        if (depth > 4 || !IsLibraryType(value.GetType()))
        {
            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.SetMethod is null)
            {
                continue;
            }

            if (property.PropertyType.IsValueType)
            {
                // NaN and infinity pass range checks written as comparisons, and jsii cannot serialise infinity.
                if (property.GetValue(value) is double d && !double.IsFinite(d))
                {
                    validator.Add(prefix + property.Name, d, "must be a finite number");
                }

                continue;
            }

            var path = prefix + property.Name;
            var member = property.GetValue(value);
            if (member is null)
            {
                if (Nullability.Create(property).WriteState == NullabilityState.NotNull)
                {
                    validator.Add(path, null, "is required");
                }

                continue;
            }

            WalkMember(validator, member, path, depth);
        }
    }

    private static void WalkMember(InputValidator validator, object member, string path, int depth)
    {
        switch (member)
        {
            case string:
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Value is null)
                    {
                        validator.Add($"{path}[\"{entry.Key}\"]", null, "must not be null (remove the entry instead)");
                    }
                }

                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    if (item is null)
                    {
                        validator.Add($"{path}[{index}]", null, "must not be null (remove the entry instead)");
                    }
                    else
                    {
                        Walk(validator, item, $"{path}[{index}].", depth + 1);
                    }

                    index++;
                }

                return;
            default:
                Walk(validator, member, path + ".", depth + 1);
                return;
        }
    }

    /// <summary>Only this library's own input types are walked (not constructs, jsii objects or BCL types).</summary>
    private static bool IsLibraryType(Type type) =>
        type.Namespace?.StartsWith("MlopsCdktf", StringComparison.Ordinal) == true && !typeof(Constructs.Construct).IsAssignableFrom(type);
}
