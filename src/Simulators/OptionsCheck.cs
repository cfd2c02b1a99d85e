using System.Globalization;
using OperandoRig.Drivers.Abstractions;

namespace OperandoRig.Simulators;

/// <summary>Range checks shared by the simulators' options; messages name the setting, its value and the unit.</summary>
internal static class OptionsCheck
{
    public static void Name(string? value, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{path}: must not be empty", path);
        }
    }

    public static void Positive(double value, string path, string unit)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw Out(value, path, unit, "must be above 0 and finite");
        }
    }

    /// <summary>Above zero; <see cref="double.PositiveInfinity"/> allowed (meaning "never" or "off").</summary>
    public static void PositiveOrInfinite(double value, string path, string unit)
    {
        if (!(value > 0))
        {
            throw Out(value, path, unit, "must be above 0 (or infinite)");
        }
    }

    public static void NonNegative(double value, string path, string unit)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw Out(value, path, unit, "must be 0 or more and finite");
        }
    }

    public static void Fraction(double value, string path)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw Out(value, path, string.Empty, "must lie in 0..1");
        }
    }

    public static void Interval(ValueRange range, string path, string unit)
    {
        if (!(range.Max > range.Min) || double.IsInfinity(range.Min) || double.IsInfinity(range.Max))
        {
            throw new ArgumentOutOfRangeException(path, range, $"{path}: {range} {unit} must be finite with its maximum above its minimum");
        }
    }

    private static ArgumentOutOfRangeException Out(double value, string path, string unit, string rule) =>
        new(path, value, string.Create(CultureInfo.InvariantCulture, $"{path}: {value} {unit} {rule}").Replace("  ", " ", StringComparison.Ordinal));
}
