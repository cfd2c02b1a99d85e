namespace OperandoRig.Drivers.Abstractions;

/// <summary>A closed interval [<see cref="Min"/>, <see cref="Max"/>] of a quantity in SI units.</summary>
public readonly record struct ValueRange(double Min, double Max)
{
    /// <summary>True when <paramref name="value"/> lies in the interval (inclusive).</summary>
    public bool Contains(double value) => value >= Min && value <= Max;

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{Min:G6}..{Max:G6}");
}
