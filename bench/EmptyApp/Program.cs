using HashiCorp.Cdktf;

// Starts the jsii runtime, declares an app with one empty stack, synthesizes: the cost every CDKTF C# app pays.
var app = new App(new AppConfig { StackTraces = false });
_ = new TerraformStack(app, "empty");
app.Synth();
