namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// Puts plain top-level arcs of the same shape (p(R, CPE) or p(R, C)) in the order they are written by decreasing
/// characteristic frequency, so R1 is the fastest arc whichever start found it; swapping them leaves Z unchanged.
/// </summary>
internal static class ArcOrdering
{
    public static void Canonicalize(EquivalentCircuit circuit, double[] values)
    {
        var structure = new CircuitStructure(circuit.Root);
        foreach (var group in structure.Arcs.Where(a => a.IsSimpleTopLevel).GroupBy(a => a.Capacitor.Type))
        {
            var arcs = group.ToList();
            var width = arcs[0].Capacitor.Type == CircuitElementType.ConstantPhase ? 2 : 1;
            var sorted = arcs
                .Select(a => (R: values[a.Resistor.Offset], C: values.AsSpan(a.Capacitor.Offset, width).ToArray()))
                .OrderBy(a => TimeConstantS(a.R, a.C))
                .ToList();
            for (var k = 0; k < arcs.Count; k++)
            {
                values[arcs[k].Resistor.Offset] = sorted[k].R;
                sorted[k].C.CopyTo(values, arcs[k].Capacitor.Offset);
            }
        }
    }

    private static double TimeConstantS(double r, double[] c) =>
        c.Length == 1 ? r * c[0] : Math.Pow(r * c[0], 1 / c[1]);
}
