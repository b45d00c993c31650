using System.Diagnostics;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Delivery;

/// <summary>scripts/changed-stacks.sh, which picks the stacks a pull request plans: changed or new JSON only.</summary>
[Category("Delivery")]
public sealed class ChangedStacksTests
{
    [Test]
    public void Stacks_whose_JSON_changed_or_that_are_new_are_listed_and_unchanged_ones_are_not()
    {
        var work = Directory.CreateTempSubdirectory("mlops-changed-").FullName;
        try
        {
            void Write(string output, string stack, string json)
            {
                Directory.CreateDirectory(Path.Combine(work, output, "stacks", stack));
                File.WriteAllText(Path.Combine(work, output, "stacks", stack, "cdk.tf.json"), json);
            }

            Write("base", "mlops-aws-dev", """{"resource":{}}""");
            Write("head", "mlops-aws-dev", """{"resource":{}}""");
            Write("base", "mlops-serving-dev", """{"resource":{"a":1}}""");
            Write("head", "mlops-serving-dev", """{"resource":{"a":2}}""");
            Write("head", "mlops-gcp-dev", """{"resource":{}}""");

            var start = new ProcessStartInfo(Path.Combine(RepoPaths.Root, "scripts", "changed-stacks.sh"))
            {
                WorkingDirectory = RepoPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { Path.Combine(work, "base"), Path.Combine(work, "head") })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();

            Assert.That(process.ExitCode, Is.Zero, errors);
            Assert.That(output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Is.EquivalentTo(new[] { "mlops-serving-dev", "mlops-gcp-dev" }));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
