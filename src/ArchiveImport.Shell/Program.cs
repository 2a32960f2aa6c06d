using ArchiveImport.Shell;

return await ShellProgram.RunAsync(args, Console.Out, Console.Error);
