using System.Security.Cryptography;
using FermentEngine.Server.Wire;

namespace FermentEngine.Server.Registry;

/// <summary>Model ids: safe as file names, case-sensitive, up to 64 characters.</summary>
internal static class ModelIds
{
    public const int MaxLength = 64;

    /// <summary>Returns <paramref name="id"/> when valid, a new id when it is empty; refuses others.</summary>
    public static string ValidateOrGenerate(string? id, string field)
    {
        if (string.IsNullOrEmpty(id))
        {
            string suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
            return $"model-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{suffix}";
        }

        Validate(id, field);
        return id;
    }

    /// <summary>Refuses an id that is empty, too long, or has characters other than letters, digits, '.', '_'
    /// and '-' (or starts with '.').</summary>
    public static void Validate(string id, string field)
    {
        if (id.Length == 0)
        {
            throw WireErrors.Invalid(field, "empty; name the model.");
        }

        if (id.Length > MaxLength || id[0] == '.' || !id.All(IsAllowed))
        {
            throw WireErrors.Invalid(field,
                $"'{Shorten(id)}' is not a model id; use up to {MaxLength} letters, digits, '.', '_' or '-', "
                + "not starting with '.' (e.g. 'broth-a.2').");
        }
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    private static string Shorten(string id) => id.Length <= 80 ? id : id[..80] + "...";
}
