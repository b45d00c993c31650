using System.Text.Json.Nodes;

namespace MlopsCdktf.Tests.Support;

/// <summary>The snapshot diff names each changed path with its old and new value.</summary>
public sealed class JsonDiffTests
{
    [Test]
    public void Reports_changed_added_and_removed_paths()
    {
        var before = JsonNode.Parse("""{"resource":{"aws_s3_bucket":{"b":{"force_destroy":false,"tags":{"a":"1"}}}},"list":[1,2]}""");
        var after = JsonNode.Parse("""{"resource":{"aws_s3_bucket":{"b":{"force_destroy":true,"acl":"private"}}},"list":[1]}""");

        Assert.That(JsonDiff.Compare(before, after), Is.EqualTo(new[]
        {
            "$.list[1]: removed (was 2)",
            "$.resource.aws_s3_bucket.b.acl: added \"private\"",
            "$.resource.aws_s3_bucket.b.force_destroy: false → true",
            "$.resource.aws_s3_bucket.b.tags: removed (was {\"a\":\"1\"})",
        }));
    }

    [Test]
    public void Equal_trees_have_no_differences()
    {
        var json = """{"a":[{"b":1}],"c":"d"}""";
        Assert.That(JsonDiff.Compare(JsonNode.Parse(json), JsonNode.Parse(json)), Is.Empty);
    }
}
