using CalmDesk.Infrastructure;

return await CommandLine.RunAsync(args);
