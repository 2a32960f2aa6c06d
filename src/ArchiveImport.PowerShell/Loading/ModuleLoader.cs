using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace ArchiveImport.PowerShell.Loading;

/// <summary>
/// Runs when PowerShell imports the module: ArchiveImport.Core, the one assembly the cmdlets reference that does not
/// sit beside them, is loaded into the module's <see cref="DependencyLoadContext"/>, and so is everything Core needs.
/// Where Core sits beside the cmdlets (a build folder, the xUnit test host) the default context finds it first and
/// nothing here is used.
/// </summary>
public sealed class ModuleLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal const string DependencyFolder = "deps";
    private const string EngineAssembly = "ArchiveImport.Core";

    private static readonly Lazy<DependencyLoadContext?> Context = new(CreateContext);

    public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveEngine;

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name) =>
        name.Name == EngineAssembly && Context.Value is { } context ? context.LoadFromAssemblyName(name) : null;

    private static DependencyLoadContext? CreateContext()
    {
        var moduleDirectory = Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location);
        var dependencies = moduleDirectory is null ? null : Path.Combine(moduleDirectory, DependencyFolder);
        return dependencies is not null && Directory.Exists(dependencies) ? new DependencyLoadContext(dependencies) : null;
    }
}
