namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// A circuit string could not be parsed. <see cref="Position"/> (0-based) and <see cref="Token"/> say where and what;
/// the message quotes the circuit and points at the position.
/// </summary>
public sealed class CircuitFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="circuit"/> with a problem at <paramref name="position"/>.</summary>
    /// <param name="circuit">The circuit string as given.</param>
    /// <param name="position">0-based character index of the offending token (the string length at its end).</param>
    /// <param name="token">The offending token ("end of string" at the end).</param>
    /// <param name="problem">What is wrong, e.g. "unknown element type 'X'".</param>
    public CircuitFormatException(string circuit, int position, string token, string problem)
        : base($"Circuit \"{circuit}\": {problem} at position {position} (token '{token}').\n  {circuit}\n  {new string(' ', Math.Max(0, position))}^")
    {
        Circuit = circuit;
        Position = position;
        Token = token;
    }

    /// <summary>Creates the exception with a message only (for serialisers and tooling).</summary>
    public CircuitFormatException()
        : this(string.Empty, 0, string.Empty, "invalid circuit")
    {
    }

    /// <summary>Creates the exception with a message only (for serialisers and tooling).</summary>
    public CircuitFormatException(string message)
        : base(message)
    {
        Circuit = string.Empty;
        Token = string.Empty;
    }

    /// <summary>Creates the exception with a message and inner exception (for serialisers and tooling).</summary>
    public CircuitFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Circuit = string.Empty;
        Token = string.Empty;
    }

    /// <summary>The circuit string as given.</summary>
    public string Circuit { get; }

    /// <summary>0-based character index of the offending token in <see cref="Circuit"/>.</summary>
    public int Position { get; }

    /// <summary>The offending token, or "end of string".</summary>
    public string Token { get; }
}
