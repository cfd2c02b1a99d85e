namespace OperandoRig.Daemon.Operando.Plans;

/// <summary>
/// An operando plan file is invalid. The message names the file, the line, the field and the value, e.g.
/// <c>operando-x.yaml:12: operando.cells[0].triggers[1].when.soc[2]: '120 %' is outside 0..100 %</c>.
/// </summary>
public sealed class OperandoPlanException : ArgumentException
{
    /// <summary>Creates the error.</summary>
    public OperandoPlanException(string source, int line, string field, string problem)
        : base($"{source}:{line}: {field}: {problem}")
    {
        Field = field;
        Line = line;
    }

    /// <summary>The field path.</summary>
    public string Field { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }
}
