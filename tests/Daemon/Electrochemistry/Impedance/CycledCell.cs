using OperandoRig.Simulators.Cell;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Impedance;

/// <summary>A preset cell cycled at C/2 between its typical cut-offs, then charged to a SOC and rested.</summary>
internal static class CycledCell
{
    public static LumpedCellModel Create(string preset, int cycles, double restSoc)
    {
        var cell = new LumpedCellModel(CellPresets.Load(preset));
        var p = cell.Parameters;
        var currentA = cell.NominalCapacityAh / 2;
        for (var c = 0; c < cycles; c++)
        {
            Run(cell, currentA, () => cell.TerminalVoltageV >= p.TypicalUpperCutoffV);
            Run(cell, -currentA, () => cell.TerminalVoltageV <= p.TypicalLowerCutoffV);
        }

        Run(cell, currentA, () => cell.StateOfCharge >= restSoc || cell.TerminalVoltageV >= p.TypicalUpperCutoffV);
        cell.AdvanceWithCurrent(0, 3600);
        return cell;
    }

    /// <summary>The cell's spectrum from 1 MHz down to 100 mHz, 10 points per decade (71 points).</summary>
    public static List<OperandoRig.Daemon.Electrochemistry.Impedance.ImpedanceDatum> Spectrum(IImpedanceCell cell) =>
        [.. Enumerable.Range(0, 71).Select(k => Math.Pow(10, 6 - (k / 10.0))).Select(f => new OperandoRig.Daemon.Electrochemistry.Impedance.ImpedanceDatum(f, cell.ImpedanceOhm(f)))];

    private static void Run(LumpedCellModel cell, double currentA, Func<bool> done)
    {
        for (var i = 0; i < 100_000 && !done(); i++)
        {
            cell.AdvanceWithCurrent(currentA, 20);
        }
    }
}
