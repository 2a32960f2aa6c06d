using System.Security.Cryptography;

namespace ArchiveImport.Testing;

internal static class StrongPassword
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    // Punctuation that needs no quoting in a connection string (no ';', '=', quotes) but
    // still catches code that builds connection strings or SQL by pasting text together.
    private const string Punctuation = "!#%";

    public static string Generate(int length = 20)
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString(Letters + Digits + Punctuation, length);
            if (password.Any(Letters.Contains) && password.Any(Digits.Contains) && password.Any(Punctuation.Contains))
            {
                return password;
            }
        }
    }
}
