using OperandoRig.Daemon.Beamline;

namespace OperandoRig.Daemon.Operando;

/// <summary>The beamline's <see cref="IScanPointTagger"/> for one cell: its interpolated state at each point's time.</summary>
public sealed class ScanPointTagger(CellStateTagger tagger) : IScanPointTagger
{
    /// <inheritdoc />
    public async ValueTask<CellStateTag?> TagAsync(DateTimeOffset pointTime, CancellationToken ct)
    {
        var s = await tagger.TagAsync(pointTime, ct);
        return s is null ? null : new CellStateTag(s.ChannelId, s.VoltageV, s.CurrentA, s.ChargeAh, s.Soc, s.Cycle, s.StepIndex, s.StepLabel);
    }
}
