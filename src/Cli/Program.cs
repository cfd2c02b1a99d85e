using OperandoRig.Cli;

return await RigctlCommands.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
