using System.Globalization;
using System.Text;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>HCL literals for generated Terraform test files.</summary>
internal static class Hcl
{
    /// <summary>A quoted HCL string; <c>${</c> and <c>%{</c> are escaped so the text is never interpolated.</summary>
    public static string String(string value)
    {
        var builder = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\':
                    builder.Append(@"\\");
                    break;
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '\r':
                    builder.Append(@"\r");
                    break;
                case '\t':
                    builder.Append(@"\t");
                    break;
                case '$' or '%' when i + 1 < value.Length && value[i + 1] == '{':
                    builder.Append(c).Append(c);
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>An HCL object of string values: <c>{ "k" = "v", ... }</c>, keys in ordinal order.</summary>
    public static string Object(IEnumerable<KeyValuePair<string, string>> values) =>
        "{ " + string.Join(", ", values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{String(kv.Key)} = {String(kv.Value)}")) + " }";

    /// <summary>An HCL value: a string, a list of values or an object of values (keys in ordinal order).</summary>
    public static string Value(object value) => value switch
    {
        string text => String(text),
        IEnumerable<KeyValuePair<string, object>> map =>
            "{ " + string.Join(", ", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{String(kv.Key)} = {Value(kv.Value)}")) + " }",
        IEnumerable<KeyValuePair<string, string>> map => Object(map),
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object>().Select(Value)) + "]",
        _ => throw new ArgumentException($"no HCL rendering for {value.GetType().Name}", nameof(value)),
    };

    /// <summary>
    /// <c>length(list) &gt; 0 &amp;&amp; alltrue([for item in list : condition])</c>: true only when the list has items and
    /// every one satisfies <paramref name="condition"/> (an empty list must not pass silently).
    /// </summary>
    public static string Every(string list, string item, string condition) =>
        $"length({list}) > 0 && alltrue([for {item} in {list} : {condition}])";

    /// <summary><c>anytrue([for item in list : condition])</c>.</summary>
    public static string Any(string list, string item, string condition) => $"anytrue([for {item} in {list} : {condition}])";
}
