namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// Parses circuit strings in the impedance.py notation: elements joined by <c>-</c> are in series, <c>p(a,b,...)</c>
/// puts its comma-separated branches in parallel, e.g. <c>R0-p(R1,CPE1)-p(R2-W1,C2)</c>. Element names are a type
/// symbol (R, C, L, CPE, W, Ws, Wo) followed by an optional suffix of digits, letters or underscores that starts with
/// a digit or underscore (<c>R0</c>, <c>CPE_dl</c>); every name must be unique. Whitespace is ignored.
/// </summary>
internal sealed class CircuitParser
{
    private const string EndOfString = "end of string";
    private static readonly CircuitElementType[] Types = Enum.GetValues<CircuitElementType>();
    private readonly string _text;
    private readonly List<CircuitParameter> _parameters = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _pos;

    private CircuitParser(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/> into its root node and parameter list.</summary>
    /// <exception cref="CircuitFormatException">The string is not a valid circuit.</exception>
    public static (CircuitNode Root, IReadOnlyList<CircuitParameter> Parameters) Parse(string text)
    {
        var parser = new CircuitParser(text);
        var root = parser.ParseSeries();
        parser.SkipWhitespace();
        if (parser._pos < text.Length)
        {
            throw parser.Error(parser._pos, text[parser._pos].ToString(), "unexpected character; expected '-' or the end of the circuit");
        }

        return (root, parser._parameters);
    }

    private CircuitNode ParseSeries()
    {
        var parts = new List<CircuitNode> { ParseTerm() };
        while (Peek() == '-')
        {
            _pos++;
            parts.Add(ParseTerm());
        }

        return parts.Count == 1 ? parts[0] : new SeriesNode(parts);
    }

    private CircuitNode ParseTerm()
    {
        SkipWhitespace();
        if (_pos >= _text.Length)
        {
            throw Error(_pos, EndOfString, "expected an element or p(...)");
        }

        var start = _pos;
        if (!char.IsAsciiLetter(_text[_pos]))
        {
            throw Error(start, _text[_pos].ToString(), "expected an element or p(...)");
        }

        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        var name = _text[start.._pos];
        if (name == "p" && Peek() == '(')
        {
            return ParseParallel(start);
        }

        return MakeElement(name, start);
    }

    private ParallelNode ParseParallel(int start)
    {
        _pos++; // past '('
        var branches = new List<CircuitNode> { ParseSeries() };
        while (Peek() == ',')
        {
            _pos++;
            branches.Add(ParseSeries());
        }

        var c = Peek();
        if (c != ')')
        {
            throw Error(_pos, c is { } ch ? ch.ToString() : EndOfString,
                $"expected ',' or ')' to close the p( opened at position {start}");
        }

        _pos++;
        if (branches.Count < 2)
        {
            throw Error(start, "p(", "a parallel group needs at least two branches");
        }

        return new ParallelNode(branches);
    }

    private ElementNode MakeElement(string name, int start)
    {
        var symbolLength = 0;
        while (symbolLength < name.Length && char.IsAsciiLetter(name[symbolLength]))
        {
            symbolLength++;
        }

        var symbol = name[..symbolLength];
        if (!Types.Any(t => ElementNode.Symbol(t) == symbol))
        {
            throw Error(start, name,
                $"unknown element type '{symbol}'; expected one of {string.Join(", ", Types.Select(ElementNode.Symbol))}, optionally followed by a number (R0, CPE1)");
        }

        if (!_names.Add(name))
        {
            throw Error(start, name, $"element name '{name}' is used twice");
        }

        var type = Types.First(t => ElementNode.Symbol(t) == symbol);
        var node = new ElementNode(type, name, _parameters.Count);
        _parameters.AddRange(ElementNode.ParametersOf(type, name));
        return node;
    }

    private char? Peek()
    {
        SkipWhitespace();
        return _pos < _text.Length ? _text[_pos] : null;
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private CircuitFormatException Error(int position, string token, string problem) => new(_text, position, token, problem);
}
