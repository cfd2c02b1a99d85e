using System.Globalization;

namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// Checks a plan against the beamline before anything moves: energies within the monochromator's range, positions on
/// the stage's axes and within their limits, detectors and signals that exist, suspenders whose devices exist, a dose
/// budget the daemon can keep (spots far enough apart, one exposure within the budget).
/// </summary>
public static class ScanChecker
{
    /// <summary>Throws <see cref="ScanPlanException"/> naming the first field the beamline cannot run.</summary>
    public static void Check(ScanPlan plan, BeamlineDevices devices)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(devices);
        var range = devices.Mono.EnergyRangeEv;
        for (var i = 0; i < plan.Energies.Count; i++)
        {
            var e = plan.Energies[i].EnergyEv;
            if (!range.Contains(e))
            {
                throw Error(plan, $"regions[{plan.Energies[i].Region}]", $"{e:F3} eV (point {i}) is outside the range of {devices.Mono.Name}, {range} eV");
            }
        }

        CheckPositions(plan, devices, plan.Positions, "spots");
        CheckPositions(plan, devices, plan.Spares, "spares");
        foreach (var d in plan.Detectors)
        {
            if (!devices.Detectors.ContainsKey(d))
            {
                throw Error(plan, "detectors", $"'{d}' is not a detector of this beamline; known: {string.Join(", ", devices.Detectors.Keys)}");
            }
        }

        foreach (var s in plan.Suspenders)
        {
            CheckSuspender(plan, devices, s);
        }

        if (plan.DoseBudgetGy is { } budget)
        {
            CheckDose(plan, devices, budget);
        }
    }

    private static void CheckPositions(ScanPlan plan, BeamlineDevices devices, IReadOnlyList<ScanPosition> positions, string field)
    {
        foreach (var p in positions)
        {
            foreach (var (axis, mm) in p.PositionsMm)
            {
                if (devices.Stage is null)
                {
                    throw Error(plan, field, $"'{p.Name}' moves axis {axis}, but this beamline has no sample stage");
                }

                if (!devices.Stage.Axes.TryGetValue(axis, out var motor))
                {
                    throw Error(plan, field, $"'{p.Name}': '{axis}' is not an axis of {devices.Stage.Name}; known: {string.Join(", ", devices.Stage.Axes.Keys)}");
                }

                if (!motor.LimitsMm.Contains(mm))
                {
                    throw Error(plan, field, $"'{p.Name}': {axis} = {mm:G8} mm is outside the limits {motor.LimitsMm} mm");
                }
            }
        }
    }

    private static void CheckSuspender(ScanPlan plan, BeamlineDevices devices, SuspenderSpec s)
    {
        switch (s)
        {
            case RingCurrentSuspender when devices.Ring is null:
                throw Error(plan, "suspenders.ring_current", "this beamline has no ring status to watch");
            case ShutterSuspender when devices.Shutter is null:
                throw Error(plan, "suspenders.shutter", "this beamline has no shutter to watch");
            case BandSuspender b:
                if (!devices.Signals.TryGetValue(b.Signal, out var signal))
                {
                    throw Error(plan, "suspenders.bands", $"'{b.Signal}' is not a signal of this beamline; known: {string.Join(", ", devices.Signals.Keys.DefaultIfEmpty("(none)"))}");
                }

                if (!string.Equals(signal.Unit, b.Unit, StringComparison.Ordinal))
                {
                    throw Error(plan, "suspenders.bands", $"'{b.Signal}' is in {signal.Unit}, but the band is given in {b.Unit}");
                }

                break;
        }
    }

    private static void CheckDose(ScanPlan plan, BeamlineDevices devices, double budget)
    {
        var model = devices.Dose ?? throw Error(plan, "dose_budget", "this beamline has no dose model (beamline.dose in the rig file), so a budget cannot be kept");
        var worst = plan.Energies.Max(e => model.ExposureGy(e.EnergyEv, e.CountTimeS, double.NaN));
        if (worst > budget)
        {
            throw Error(plan, "dose_budget", $"{budget:G4} Gy is below the dose of a single exposure ({worst:G4} Gy at the nominal ring current); shorten the count or raise the budget");
        }

        double min = model.MinSeparationMm;
        var all = plan.Positions.Concat(plan.Spares).ToList();
        var cells = new Dictionary<(long, long), List<ScanPosition>>();
        foreach (var p in all)
        {
            var (x, y) = Xy(p);
            var key = ((long)Math.Floor(x / min), (long)Math.Floor(y / min));
            for (var dx = -1; dx <= 1; dx++)
            {
                for (var dy = -1; dy <= 1; dy++)
                {
                    if (!cells.TryGetValue((key.Item1 + dx, key.Item2 + dy), out var near))
                    {
                        continue;
                    }

                    foreach (var q in near)
                    {
                        var (qx, qy) = Xy(q);
                        double dist = Math.Sqrt(((x - qx) * (x - qx)) + ((y - qy) * (y - qy)));
                        if (dist < min - 1e-9)
                        {
                            throw Error(plan, "spots", $"'{q.Name}' and '{p.Name}' are {dist * 1e3:G4} µm apart, closer than the beam footprint ({min * 1e3:G4} µm): their doses would overlap");
                        }
                    }
                }
            }

            if (!cells.TryGetValue(key, out var list))
            {
                cells[key] = list = [];
            }

            list.Add(p);
        }
    }

    /// <summary>The position in the beam's plane: every axis but the one along the beam (z) counts.</summary>
    private static (double X, double Y) Xy(ScanPosition p) =>
        (p.PositionsMm.GetValueOrDefault("x"), p.PositionsMm.GetValueOrDefault("y"));

    private static ScanPlanException Error(ScanPlan plan, string field, string problem) =>
        new(plan.Source, 0, field, problem.ToString(CultureInfo.InvariantCulture));
}
