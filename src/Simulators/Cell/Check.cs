using System.Globalization;

namespace OperandoRig.Simulators.Cell;

/// <summary>Argument checks whose messages name the parameter, the value and the allowed range.</summary>
internal static class Check
{
    public static void Range(string name, double value, double min, double max)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{name} = {value} is outside the allowed range {min} .. {max}."));
        }
    }

    public static void Positive(string name, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{name} = {value} must be a finite number > 0."));
        }
    }

    public static void NonNegative(string name, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{name} = {value} must be a finite number >= 0."));
        }
    }

    public static void Finite(string name, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{name} = {value} must be a finite number."));
        }
    }
}
