using ArchiveImport.Testing;
using Xunit;

namespace ArchiveImport.Core.Tests.Testing;

public sealed class MariaDbExecutablesTests
{
    [Fact]
    public void A_missing_server_is_an_error_that_says_how_to_install_it()
    {
        var empty = Directory.CreateTempSubdirectory("no-mariadb-");
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => MariaDbExecutables.Locate([empty.FullName]));

            Assert.Equal(
                "mariadbd not found: install it with 'apt-get install -y mariadb-server' (the .ci/run script does this)",
                error.Message);
        }
        finally
        {
            empty.Delete();
        }
    }

    [Fact]
    public void Finds_the_installed_server_and_installer()
    {
        var executables = MariaDbExecutables.Locate();

        Assert.Equal("mariadbd", Path.GetFileName(executables.Server));
        Assert.Equal("mariadb-install-db", Path.GetFileName(executables.InstallDb));
    }
}
