using CalmDesk.Infrastructure;

if (BatchProcess.ShouldRestart(args) && await BatchProcess.RunAsync(args) is { } code)
{
    return code;
}

return await CommandLine.RunAsync(args);
