using System.Globalization;

namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// Predicts a plan's duration and its dead-time breakdown (moves, settling, counting, read-out, overhead) and the dose
/// per spot, without touching hardware: it walks the same points, in the same order, with the same spot changes as
/// <see cref="ScanRunner"/>, timing each action with a <see cref="BeamlineTiming"/> model. Suspensions cannot be
/// predicted and are not included.
/// </summary>
public static class ScanDryRun
{
    /// <summary>Predicts <paramref name="plan"/>.</summary>
    /// <param name="plan">The plan (spots already resolved, see <see cref="ScanRunner.Effective"/>).</param>
    /// <param name="timing">How long the beamline's actions take.</param>
    /// <param name="dose">The dose model (null: no dose accounting).</param>
    /// <param name="startEnergyEv">Where the monochromator starts, eV; null: the first energy (its first move is not counted).</param>
    /// <param name="startPositionMm">Where the stage starts, by axis; null: at the first position.</param>
    /// <param name="overheadPerPointS">The daemon's own time per point, s (the bench measures it; 0 on a virtual clock).</param>
    /// <param name="options">The runner's settings (shutter at start and end).</param>
    public static DryRunResult Estimate(ScanPlan plan, BeamlineTiming timing, DoseModel? dose, double? startEnergyEv = null,
        IReadOnlyDictionary<string, double>? startPositionMm = null, double overheadPerPointS = 0, ScanRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(timing);
        options ??= new ScanRunnerOptions();
        var spots = new SpotAllocator(plan);
        var changes = new List<(string From, string To, double SpentGy, string Message)>();
        double readout = plan.Detectors.Max(d => timing.DetectorReadoutS.TryGetValue(d, out var r) ? r : 0);
        double moves = 0, settle = 0, count = 0, readouts = 0, overhead = 0;
        bool shutter = timing.ShutterMoveS > 0;
        if (shutter && options.OpenShutterAtStart)
        {
            moves += timing.ShutterMoveS;
        }

        double? energy = startEnergyEv;
        var position = startPositionMm is null ? null : new Dictionary<string, double>(startPositionMm, StringComparer.Ordinal);
        ScanPosition? last = null;
        int points = 0;
        var reason = ScanEndReason.Completed;
        string message = "";
        foreach (var spec in plan.Expand())
        {
            double e = spec.Energy.EnergyEv;
            double doseGy = dose?.ExposureGy(e, spec.Energy.CountTimeS, double.NaN) ?? 0;
            var spot = spots.Allocate(spec.PositionIndex, doseGy, changes, out var exhausted);
            if (spot is null)
            {
                reason = ScanEndReason.DoseBudgetExhausted;
                message = exhausted!;
                break;
            }

            bool moveMono = energy != e;
            bool moveStage = spot.PositionsMm.Count > 0 && !ReferenceEquals(spot, last);
            if (moveMono || moveStage)
            {
                double mono = moveMono && energy is { } from ? timing.Mono.MoveS(from, e) : 0;
                double stage = moveStage ? StageMoveS(timing, position, spot.PositionsMm) : 0;
                moves += Math.Max(mono, stage);
                settle += plan.SettleS;
                energy = e;
                last = spot;
                if (moveStage)
                {
                    position ??= new Dictionary<string, double>(StringComparer.Ordinal);
                    foreach (var (axis, mm) in spot.PositionsMm)
                    {
                        position[axis] = mm;
                    }
                }
            }

            count += spec.Energy.CountTimeS;
            readouts += readout;
            overhead += overheadPerPointS;
            spots.Book(spot, doseGy);
            points++;
        }

        if (shutter && options.CloseShutterAtEnd)
        {
            moves += timing.ShutterMoveS;
        }

        double total = moves + settle + count + readouts + overhead;
        var dead = new DeadTimeBreakdown(total, count, moves, settle, readouts, 0, 0, overhead);
        if (reason == ScanEndReason.Completed)
        {
            message = string.Create(CultureInfo.InvariantCulture,
                $"{points} points in {total:F1} s: counting {count:F1} s, moves {moves:F1} s, settling {settle:F1} s, read-out {readouts:F1} s, overhead {overhead:F1} s; dead time {dead.DeadFraction:P1}");
        }

        return new DryRunResult(plan.Name, points, dead, spots.SpotChanges, new Dictionary<string, double>(spots.DoseGy, StringComparer.Ordinal), reason, message);
    }

    /// <summary>Axes move together: the slowest one sets the time. An axis whose start is unknown is not counted.</summary>
    private static double StageMoveS(BeamlineTiming timing, Dictionary<string, double>? from, IReadOnlyDictionary<string, double> to)
    {
        double worst = 0;
        foreach (var (axis, mm) in to)
        {
            if (from is not null && from.TryGetValue(axis, out var start) && timing.Axes.TryGetValue(axis, out var t))
            {
                worst = Math.Max(worst, t.MoveS(mm - start));
            }
        }

        return worst;
    }
}
