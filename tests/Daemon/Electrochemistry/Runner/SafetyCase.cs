using System.Globalization;
using System.Text;
using OperandoRig.Daemon.Electrochemistry.Safety;
using OperandoRig.Drivers.Abstractions;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Runner;

/// <summary>
/// One seeded random case of the safety property: a cell (a shipped preset or a Thevenin cell, at a random state of
/// charge), random safety limits around its open-circuit voltage, and a random protocol of CC, CV and rest steps
/// that respects the pre-check (set points and cut-offs inside the limits) but may still push the cell beyond them:
/// CC steps that end on time only, CV holds that draw the channel's full compliance current.
/// </summary>
internal sealed record SafetyCase(int Seed, string CellName, ICellModel Cell, SafetyLimits Limits, double ChannelMaxCurrentA, double SamplePeriodS,
    IReadOnlyList<ChannelStep> Steps)
{
    public static SafetyCase Generate(int seed)
    {
        var rng = new Random(seed);
        double U(double a, double b) => a + (rng.NextDouble() * (b - a));
        var names = CellPresets.Names;
        var pick = rng.Next(names.Count + 2); // Thevenin twice as likely as any one preset
        ICellModel cell;
        string name;
        if (pick >= names.Count)
        {
            name = "thevenin";
            cell = new SimpleTheveninCell(new SimpleTheveninCellParameters { CapacityAh = U(1e-3, 3e-3), InitialStateOfCharge = U(0.1, 0.9) });
        }
        else
        {
            name = names[pick];
            cell = new LumpedCellModel(CellPresets.Load(name) with { InitialStateOfCharge = U(0.15, 0.85) });
        }

        var oneC = cell.NominalCapacityAh; // A for a 1 h rate
        var channelMax = Math.Max(10e-3, 4 * oneC);
        var ocv = cell.OpenCircuitVoltageV;
        var window = new ValueRange(ocv - U(0.03, 0.6), ocv + U(0.02, 0.4));
        var maxCurrent = U(0.3, 1.0) * channelMax;
        var limits = new SafetyLimits(window, maxCurrent);
        var period = new[] { 0.5, 1.0, 2.0 }[rng.Next(3)];
        var steps = new List<ChannelStep>();
        var count = rng.Next(2, 7);
        for (var i = 0; i < count; i++)
        {
            var roll = rng.NextDouble();
            if (roll < 0.5)
            {
                var current = (rng.Next(2) == 0 ? 1 : -1) * U(0.05, 1.0) * Math.Min(maxCurrent, 2 * oneC);
                var until = new List<Termination> { Termination.AfterSeconds(U(60, 1800)) };
                if (rng.NextDouble() < 0.5)
                {
                    var cutoff = current > 0 ? U(ocv, window.Max) : U(window.Min, ocv);
                    until.Insert(0, new Termination(TerminationQuantity.VoltageV,
                        current > 0 ? TerminationComparison.AtOrAbove : TerminationComparison.AtOrBelow, cutoff));
                }

                steps.Add(new ChannelStep(StepKind.ConstantCurrent, current, 0, until, current > 0 ? "charge" : "discharge", 1));
            }
            else if (roll < 0.75)
            {
                steps.Add(new ChannelStep(StepKind.ConstantVoltage, 0, U(window.Min, window.Max),
                    [new Termination(TerminationQuantity.AbsCurrentA, TerminationComparison.AtOrBelow, U(0.01, 0.1) * oneC), Termination.AfterSeconds(U(60, 900))],
                    "hold", 1));
            }
            else
            {
                steps.Add(ChannelStep.Rest(U(30, 600)));
            }
        }

        return new SafetyCase(seed, name, cell, limits, channelMax, period, steps);
    }

    public bool Breaches(double voltageV, double currentA) => !Limits.VoltageV.Contains(voltageV) || Math.Abs(currentA) > Limits.MaxAbsCurrentA;

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"seed {Seed}: {CellName}, limits {Limits.VoltageV} V ±{Limits.MaxAbsCurrentA:G4} A, period {SamplePeriodS} s; ");
        sb.AppendJoin("; ", Steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Kind} {s.CurrentA:G3} A {s.VoltageV:G4} V until {string.Join(" or ", s.Terminations)}")));
        return sb.ToString();
    }
}
