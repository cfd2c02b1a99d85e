using System.Globalization;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// How long a protocol is expected to run, with bounds and how the figures were made.
/// </summary>
/// <param name="ExpectedS">The estimate, s.</param>
/// <param name="MinS">Lower bound, s: conditional loops once, steps that can end on a voltage, current, capacity or dV/dt ended at
/// once, groups with a voltage/current limit ended at once.</param>
/// <param name="MaxS">Upper bound, s: loops at their maximum, steps at their time limits; null when some step has no
/// time limit, nor does anything above it, so nothing bounds it.</param>
/// <param name="Method">How the figures were made, one sentence each (assumptions included).</param>
public sealed record DurationEstimate(double ExpectedS, double MinS, double? MaxS, IReadOnlyList<string> Method)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"about {Hours(ExpectedS)} (at least {Hours(MinS)}, at most {(MaxS is { } m ? Hours(m) : "unbounded")})");

    private static string Hours(double s) => string.Create(CultureInfo.InvariantCulture, $"{s / 3600:0.##} h");
}
