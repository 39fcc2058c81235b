namespace FermentEngine.Engine.Io;

/// <summary>Units written in column names.</summary>
internal static class ChannelUnits
{
    /// <summary>
    /// The unit in a name: after the last <c>:</c> inside the closing bracket (<c>Temperature(T:K)</c> → <c>K</c>,
    /// <c>Offline Biomass concentratio(X_offline:X(g L^{-1}))</c> → <c>X(g L^{-1})</c>), else the last bracket's
    /// content (<c>Current (A)</c> → <c>A</c>), else empty.
    /// </summary>
    public static string FromName(string name)
    {
        string trimmed = name.TrimEnd();
        if (!trimmed.EndsWith(')'))
        {
            return "";
        }

        string inner = trimmed[..^1];
        int colon = inner.LastIndexOf(':');
        if (colon >= 0 && inner.IndexOf('(') < colon)
        {
            return inner[(colon + 1)..].Trim();
        }

        int open = inner.LastIndexOf('(');
        return open >= 0 ? inner[(open + 1)..].Trim() : "";
    }
}
