using System.Globalization;

namespace OperandoRig.Daemon.Electrochemistry.Analytics;

/// <summary>Settings of <see cref="DifferentialCapacity"/>.</summary>
public sealed record DifferentialCapacityOptions
{
    /// <summary>Smallest allowed bin width, in volts (0.1 mV).</summary>
    public const double MinBinWidthV = 1e-4;

    /// <summary>Largest allowed bin width, in volts.</summary>
    public const double MaxBinWidthV = 0.5;

    /// <summary>
    /// Width of the voltage bins, in volts (default 5 mV). Wider bins average more noise and blur peaks: choose a
    /// few times the voltage noise and well below the width of the features to resolve.
    /// </summary>
    public double BinWidthV { get; init; } = 0.005;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(BinWidthV >= MinBinWidthV && BinWidthV <= MaxBinWidthV))
        {
            throw new ArgumentOutOfRangeException(nameof(BinWidthV), BinWidthV,
                string.Create(CultureInfo.InvariantCulture, $"{nameof(BinWidthV)}: {BinWidthV} V must be within {MinBinWidthV}..{MaxBinWidthV} V"));
        }
    }
}
