using ArchiveImport.Testing;
using Xunit;

namespace ArchiveImport.Core.Tests.Testing;

/// <summary>Every test class in this collection shares one MariaDB server for the whole assembly.</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbFixture>
{
    public const string Name = "MariaDB";
}
