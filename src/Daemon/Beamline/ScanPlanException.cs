namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// A scan plan is invalid or cannot run on this beamline. The message names the file, the line, the field and the value,
/// e.g. <c>ni-xanes.yaml:7: regions[1].step: '0.5' has no unit; expected an energy such as 0.5 eV</c>.
/// </summary>
public sealed class ScanPlanException : ArgumentException
{
    /// <summary>Creates the error.</summary>
    /// <param name="source">The file (or request) the plan came from.</param>
    /// <param name="line">1-based line, or 0 when the problem is not tied to a line.</param>
    /// <param name="field">The field path, e.g. <c>regions[1].step</c>.</param>
    /// <param name="problem">What is wrong, with the value and what is allowed.</param>
    public ScanPlanException(string source, int line, string field, string problem)
        : base(line > 0 ? $"{source}:{line}: {field}: {problem}" : $"{source}: {field}: {problem}")
    {
        Source = source;
        Line = line;
        Field = field;
    }

    /// <summary>The file (or request) the plan came from.</summary>
    public new string Source { get; }

    /// <summary>1-based line in the file (0: not tied to a line).</summary>
    public int Line { get; }

    /// <summary>The field path.</summary>
    public string Field { get; }
}
