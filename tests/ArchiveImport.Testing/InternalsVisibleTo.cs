using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("ArchiveImport.Core.Tests")]
