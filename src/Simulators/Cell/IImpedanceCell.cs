using System.Numerics;

namespace OperandoRig.Simulators.Cell;

/// <summary>
/// A cell model that can also answer an impedance sweep from its present state (what a potentiostat's EIS
/// measures with a small AC amplitude around the present DC operating point).
/// </summary>
public interface IImpedanceCell : ICellModel
{
    /// <summary>Small-signal impedance at <paramref name="frequencyHz"/>, in ohms (Z = Z' + jZ'', capacitive Z'' &lt; 0).</summary>
    Complex ImpedanceOhm(double frequencyHz);
}
