using System.Runtime.CompilerServices;

namespace Integrations.Properties;

/// <summary>
/// One entry of an integration's typed-value cache: a declared property's name (the string that
/// <c>[CallerMemberName]</c> passes) and its value as last decoded. A reference value is kept in <see cref="Value"/>
/// and checked by its own type when read. A value of a small type without references (<c>bool?</c>, <c>int?</c>, an
/// enum) is kept unboxed in <see cref="Scalar"/>, with <see cref="Value"/> set to <c>typeof(T)</c> (a constant to
/// the JIT) as its tag. A null reference is kept as <c>typeof(NullOf&lt;T&gt;)</c>. Every marker is a
/// <see cref="Type"/>, and no property is read as one, so a marker never passes for a value. <see cref="Value"/> is null while
/// nothing is cached. A slot is filled once; see <see cref="Store{T}"/>.
/// </summary>
internal struct TypedSlot
{
    /// <summary>How many slots are homes: the first slots of every cache, indexed by <see cref="HomeOf"/>.</summary>
    public const int Homes = 8;

    public string? Member;
    public object? Value;
    public ulong Scalar;

    /// <summary>
    /// The home slot of the property named <paramref name="name"/>, a hash of its length and its first and last
    /// characters. The string literal that <c>[CallerMemberName]</c> passes is a constant to the JIT, so in an inlined
    /// getter the hash folds to a constant and the getter goes straight to its slot.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int HomeOf(string name) => name.Length == 0 ? 0 : (name.Length + name[0] + (name[^1] << 1)) & (Homes - 1);

    /// <summary>Whether values of <typeparamref name="T"/> are kept unboxed (a JIT-time constant).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsScalar<T>() => !RuntimeHelpers.IsReferenceOrContainsReferences<T>() && Unsafe.SizeOf<T>() <= sizeof(ulong);

    /// <summary>Reads the cached value if it was read as <typeparamref name="T"/> (nulls included).</summary>
    public readonly bool TryGet<T>(out T? value)
    {
        var stored = Volatile.Read(ref Unsafe.AsRef(in Value));
        if (IsScalar<T>())
        {
            if (ReferenceEquals(stored, typeof(T)))
            {
                value = Unsafe.As<ulong, T>(ref Unsafe.AsRef(in Scalar));
                return true;
            }
        }
        else if (ReferenceEquals(stored, typeof(NullOf<T>)))
        {
            value = default;
            return true;
        }
        else if (stored is T typed && stored is not Type)
        {
            value = typed;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Caches a decoded value, once: the first type a slot is read as claims it with a compare-and-swap, so two threads
    /// cannot mix one's tag with the other's bits, and a read as another type is simply not cached. A scalar's tag is
    /// published after its bits, so a reader that sees the tag sees the value.
    /// </summary>
    public void Store<T>(T? value)
    {
        if (!IsScalar<T>())
        {
            Interlocked.CompareExchange(ref Value, value is null ? typeof(NullOf<T>) : value, null);
            return;
        }

        if (Interlocked.CompareExchange(ref Value, typeof(Filling), null) is not null)
        {
            return;
        }

        var bits = 0UL;
        Unsafe.As<ulong, T?>(ref bits) = value;
        Scalar = bits;
        Volatile.Write(ref Value, typeof(T));
    }

    /// <summary>Its type marks a cached null read as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type the value was read as.</typeparam>
    private static class NullOf<T>;

    /// <summary>Its type marks a scalar slot being filled.</summary>
    private static class Filling;
}
