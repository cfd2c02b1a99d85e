namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// The parts of a circuit the starting guesses care about: its arcs (parallel groups with a resistor branch and a
/// C or CPE branch, in the order written), the series resistors at the top level, and every other element.
/// </summary>
internal sealed class CircuitStructure
{
    public CircuitStructure(CircuitNode root)
    {
        var top = root is SeriesNode s ? s.Parts : [root];
        foreach (var part in top)
        {
            if (part is ElementNode { Type: CircuitElementType.Resistor } r)
            {
                SeriesResistors.Add(r);
            }
        }

        Walk(root, topLevel: true);
    }

    /// <summary>An arc: the resistor, the capacitive element, and whether it is a plain top-level p(R, C|CPE).</summary>
    public sealed record Arc(ElementNode Resistor, ElementNode Capacitor, bool IsSimpleTopLevel);

    public List<Arc> Arcs { get; } = [];

    public List<ElementNode> SeriesResistors { get; } = [];

    public List<ElementNode> Elements { get; } = [];

    private void Walk(CircuitNode node, bool topLevel)
    {
        switch (node)
        {
            case ElementNode e:
                Elements.Add(e);
                break;
            case SeriesNode s:
                foreach (var part in s.Parts)
                {
                    Walk(part, topLevel);
                }

                break;
            case ParallelNode p:
                var resistor = p.Branches.Select(FirstResistor).FirstOrDefault(r => r is not null);
                var capacitor = p.Branches.OfType<ElementNode>()
                    .FirstOrDefault(e => e.Type is CircuitElementType.Capacitor or CircuitElementType.ConstantPhase);
                if (resistor is not null && capacitor is not null)
                {
                    var simple = topLevel && p.Branches.Count == 2 && p.Branches.All(b => b is ElementNode);
                    Arcs.Add(new Arc(resistor, capacitor, simple));
                }

                foreach (var branch in p.Branches)
                {
                    Walk(branch, topLevel: false);
                }

                break;
        }
    }

    private static ElementNode? FirstResistor(CircuitNode branch) => branch switch
    {
        ElementNode { Type: CircuitElementType.Resistor } e => e,
        SeriesNode { Parts: [ElementNode { Type: CircuitElementType.Resistor } e, ..] } => e,
        _ => null,
    };
}
