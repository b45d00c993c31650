namespace MlopsCdktf.Tests.Terraform;

/// <summary>The real terraform on a test stack per AWS construct (<see cref="ConstructCheckedStacks"/>).</summary>
internal sealed class ConstructTerraformTests : TerraformStackTestsBase<ConstructCheckedStacks>;
