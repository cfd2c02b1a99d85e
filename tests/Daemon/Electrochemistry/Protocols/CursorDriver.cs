using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Drivers.Abstractions;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Protocols;

/// <summary>Drives a <see cref="ProtocolCursor"/> without a device: each step's outcome comes from a function.</summary>
internal static class CursorDriver
{
    public static ChannelCapabilities Caps(params TerminationQuantity[] withoutOnDevice) => new(
        new ValueRange(0, 5), 10e-3, 1e-9, 1,
        new HashSet<StepKind>(Enum.GetValues<StepKind>()),
        new HashSet<TerminationQuantity>(Enum.GetValues<TerminationQuantity>().Except(withoutOnDevice)),
        new ValueRange(1e-3, 1e6),
        new HashSet<HoldPolicy>(Enum.GetValues<HoldPolicy>()));

    /// <summary>A step as text with its terminations (records compare lists by reference).</summary>
    public static string[] Describe(IEnumerable<ChannelStep> steps) =>
        [.. steps.Select(s => FormattableString.Invariant(
            $"{s.Kind} {s.CurrentA} {s.VoltageV} {s.PowerW} {s.Label} c{s.Cycle} {s.HoldAtPresentVoltage} {s.Impedance} [{string.Join("; ", s.Terminations)}]"))];

    /// <summary>A step end with the given charge that ran to its first time limit (or 60 s), ending at <paramref name="endVoltageV"/>.</summary>
    public static StepEnd End(SegmentStep step, int index, double chargeAh, double endVoltageV, int? fired = null, string reason = "")
    {
        var timeLimit = step.Step.Terminations.Where(t => t.Quantity == TerminationQuantity.StepTimeS).Select(t => (double?)t.Threshold).Min();
        return new StepEnd(index, timeLimit is { } t && fired is null && reason.Length == 0 ? t : 60, chargeAh, endVoltageV, 0, reason, fired);
    }

    /// <summary>
    /// Runs the cursor to the end; <paramref name="outcome"/> gets (segment step, protocol cycle, steps run so far) and
    /// returns the step's end. Returns every segment handed out.
    /// </summary>
    public static List<ProtocolSegment> Run(ProtocolCursor cursor, Func<SegmentStep, int, StepEnd> outcome, int maxSegments = 10_000)
    {
        var segments = new List<ProtocolSegment>();
        while (cursor.NextSegment() is { } segment)
        {
            segments.Add(segment);
            Assert.IsLessThan(maxSegments, segments.Count, "the cursor does not end");
            for (var i = 0; i < segment.Steps.Count; i++)
            {
                cursor.StepEnded(outcome(segment.Steps[i], i));
                if (cursor.CurrentSegment is null)
                {
                    break; // a group limit ended the segment early
                }
            }
        }

        return segments;
    }
}
