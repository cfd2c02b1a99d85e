using System.Text.RegularExpressions;

namespace OperandoRig.Simulators.Tests.Time;

/// <summary>
/// Finds wall-clock calls in C# source: the text-level twin of BannedSymbols.txt. Comments are ignored; string
/// literals are not (pragmatic). <c>Task.Delay</c> is allowed only with a TimeProvider argument: three arguments,
/// or two where the second names a time provider or clock.
/// </summary>
internal static partial class WallClockScanner
{
    /// <summary>Returns one "line: text" entry per banned call in <paramref name="source"/>.</summary>
    internal static IReadOnlyList<(int Line, string Call)> FindViolations(string source)
    {
        string code = StripComments(source);
        var hits = new List<(int Line, string Call)>();
        foreach (Match match in BannedCall().Matches(code))
        {
            hits.Add((LineOf(code, match.Index), match.Value));
        }

        foreach (Match match in TaskDelay().Matches(code))
        {
            if (!HasTimeProviderArgument(code, match.Index + match.Length))
            {
                hits.Add((LineOf(code, match.Index), match.Value));
            }
        }

        return hits.OrderBy(h => h.Line).ToList();
    }

    private static bool HasTimeProviderArgument(string code, int argumentsStart)
    {
        var arguments = new List<string>();
        int depth = 0, begin = argumentsStart;
        for (int i = argumentsStart; i < code.Length; i++)
        {
            char c = code[i];
            if (c is '(' or '[' or '{' or '<')
            {
                depth++;
            }
            else if (c is ']' or '}' or '>' && depth > 0)
            {
                depth--;
            }
            else if (c == ')' && depth-- == 0)
            {
                arguments.Add(code[begin..i]);
                break;
            }
            else if (c == ',' && depth == 0)
            {
                arguments.Add(code[begin..i]);
                begin = i + 1;
            }
        }

        return arguments.Count >= 3 || (arguments.Count == 2 && ProviderName().IsMatch(arguments[1]));
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static string StripComments(string source) =>
        Comment().Replace(source, m => new string('\n', m.Value.Count(c => c == '\n')));

    [GeneratedRegex(@"\bDateTime(?:Offset)?\s*\.\s*(?:Now|UtcNow|Today)\b|\bThread\s*\.\s*Sleep\s*\(|\bEnvironment\s*\.\s*TickCount(?:64)?\b|\bStopwatch\s*\.|\bnew\s+Stopwatch\s*\(|\.\s*CancelAfter\s*\(")]
    private static partial Regex BannedCall();

    [GeneratedRegex(@"\bTask\s*\.\s*Delay\s*\(")]
    private static partial Regex TaskDelay();

    [GeneratedRegex(@"time|clock|provider", RegexOptions.IgnoreCase)]
    private static partial Regex ProviderName();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();
}
