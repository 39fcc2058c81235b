namespace FermentEngine.Engine.Io;

/// <summary>
/// A text column read as one small integer per row: each distinct token is stored once. Used for run-id and
/// label columns, whose rows repeat a few values.
/// </summary>
internal sealed class KeyColumn
{
    /// <summary>More distinct values than this stop the interning: the column cannot be an id or a label.</summary>
    public const int MaxDistinct = 100_000;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _texts = [];
    private int _lastId = -1;

    public KeyColumn(string name, int sourceIndex, int capacity)
    {
        Name = name;
        SourceIndex = sourceIndex;
        Rows = new Growable<int>(capacity);
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Name { get; }

    public int SourceIndex { get; }

    /// <summary>The id of each row's token; -1 once <see cref="Overflowed"/>.</summary>
    public Growable<int> Rows { get; }

    /// <summary>The distinct tokens, indexed by id.</summary>
    public IReadOnlyList<string> Texts => _texts;

    public bool Overflowed { get; private set; }

    public void Add(ReadOnlySpan<char> token)
    {
        if (Overflowed)
        {
            Rows.Add(-1);
            return;
        }

        // Rows of a run repeat the previous token: compare before hashing.
        if (_lastId >= 0 && token.SequenceEqual(_texts[_lastId]))
        {
            Rows.Add(_lastId);
            return;
        }

        if (!_lookup.TryGetValue(token, out int id))
        {
            if (_texts.Count == MaxDistinct)
            {
                Overflowed = true;
                Rows.Add(-1);
                return;
            }

            id = _texts.Count;
            string text = token.ToString();
            _texts.Add(text);
            _ids[text] = id;
        }

        Rows.Add(id);
        _lastId = id;
    }

    /// <summary>The token of a row as written.</summary>
    public string TextOf(int row) => Rows[row] >= 0 ? _texts[Rows[row]] : "";
}
