namespace FermentEngine.Cli.Remote;

/// <summary>Reads the <c>--server</c> value: an absolute http:// or https:// URL.</summary>
internal static class ServerAddress
{
    public static bool TryParse(string? text, out Uri address, out string error)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0)
        {
            address = uri;
            error = "";
            return true;
        }

        address = null!;
        error = $"error: '{text}' is not a server address; expected e.g. http://127.0.0.1:5170";
        return false;
    }
}
