namespace FermentEngine.Engine.Io;

/// <summary>An append-only array that doubles when full; the reader's row buffers.</summary>
internal sealed class Growable<T>
{
    private T[] _items;

    public Growable(int capacity) => _items = new T[Math.Max(capacity, 16)];

    public int Count { get; private set; }

    public Span<T> Span => _items.AsSpan(0, Count);

    public T this[int index] => _items[index];

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Grow(Count + 1);
        }

        _items[Count++] = item;
    }

    /// <summary>Reserves <paramref name="length"/> items at the end and returns them to be filled.</summary>
    public Span<T> Append(int length)
    {
        if (Count + length > _items.Length)
        {
            Grow(Count + length);
        }

        Span<T> slot = _items.AsSpan(Count, length);
        Count += length;
        return slot;
    }

    /// <summary>The items in an array of exactly <see cref="Count"/> (the backing array itself when it fits).</summary>
    public T[] ToTrimmedArray()
    {
        if (_items.Length != Count)
        {
            Array.Resize(ref _items, Count);
        }

        return _items;
    }

    private void Grow(int needed)
    {
        long doubled = Math.Max((long)_items.Length * 2, needed);
        Array.Resize(ref _items, (int)Math.Min(doubled, Array.MaxLength));
    }
}
