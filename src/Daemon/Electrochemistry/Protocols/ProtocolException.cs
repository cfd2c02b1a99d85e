namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// A protocol file is invalid. The message names the file, the line, the field and the value, e.g.
/// <c>charge.yaml:7: steps[2].current: '10' has no unit; expected a current such as 1 mA or C/10</c>.
/// </summary>
public sealed class ProtocolException : ArgumentException
{
    /// <summary>Creates the error.</summary>
    public ProtocolException(string source, int line, string field, string problem)
        : base($"{source}:{line}: {field}: {problem}")
    {
        Source = source;
        Line = line;
        Field = field;
    }

    /// <summary>The file (or request) the protocol came from.</summary>
    public new string Source { get; }

    /// <summary>1-based line in the file.</summary>
    public int Line { get; }

    /// <summary>The field path, e.g. <c>steps[2].current</c>.</summary>
    public string Field { get; }
}
