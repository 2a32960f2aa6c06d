namespace ArchiveImport.Testing;

internal static class RunningAsRoot
{
    // mariadbd and mariadb-install-db refuse to run as root unless told --user=root.
    public static bool Value => Environment.UserName == "root";
}
