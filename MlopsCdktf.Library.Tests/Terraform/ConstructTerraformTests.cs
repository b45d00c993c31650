namespace MlopsCdktf.Tests.Terraform;

/// <summary>The real terraform on a test stack per AWS construct (<see cref="ConstructCheckedStacks"/>).</summary>
internal sealed class ConstructTerraformTests : TerraformStackTestsBase<ConstructCheckedStacks>
{
    [Test]
    public void The_notebook_and_the_flow_log_wait_for_their_role_policies() => AssertModulesWaitForTheirPolicies("private-network-notebook");
}
