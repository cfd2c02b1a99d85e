namespace OperandoRig.Simulators.Tests.Time;

/// <summary>
/// Every wait and timestamp in src/ goes through <see cref="TimeProvider"/> (DESIGN.md, "Time"). The build already
/// bans wall-clock APIs with BannedApiAnalyzers; this test scans the source as well, so the rule holds even where the
/// analyzer is switched off, and documents it.
/// </summary>
[TestClass]
public sealed class WallClockBanTests
{
    [TestMethod]
    public void SourceTree_EveryCsFileUnderSrc_CallsNoWallClockApi()
    {
        string src = Path.Combine(FindRepositoryRoot(), "src");
        var violations = new List<string>();
        foreach (string file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            if (relative.Split('/').Any(part => part is "obj" or "bin"))
            {
                continue;
            }

            foreach (var (line, call) in WallClockScanner.FindViolations(File.ReadAllText(file)))
            {
                violations.Add($"src/{relative}:{line}: {call}");
            }
        }

        Assert.IsEmpty(
            violations,
            "Wall-clock calls found; use the injected TimeProvider (GetUtcNow, GetTimestamp, " +
            "Task.Delay(delay, timeProvider, ct), new CancellationTokenSource(delay, timeProvider)):" +
            Environment.NewLine + string.Join(Environment.NewLine, violations));
    }

    [TestMethod]
    [DataRow("var t = DateTime.Now;")]
    [DataRow("var t = DateTime.UtcNow;")]
    [DataRow("var t = DateTimeOffset.UtcNow;")]
    [DataRow("var t = System.DateTimeOffset.Now;")]
    [DataRow("Thread.Sleep(100);")]
    [DataRow("await Task.Delay(100);")]
    [DataRow("await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);")]
    [DataRow("long t = Environment.TickCount64;")]
    [DataRow("var sw = Stopwatch.StartNew();")]
    [DataRow("cts.CancelAfter(TimeSpan.FromSeconds(1));")]
    public void FindViolations_WallClockCall_IsReported(string line)
    {
        var hits = WallClockScanner.FindViolations("class C {\n  void M() {\n    " + line + "\n  }\n}");

        Assert.HasCount(1, hits);
        Assert.AreEqual(3, hits[0].Line);
    }

    [TestMethod]
    [DataRow("await Task.Delay(delay, _timeProvider, cancellationToken);")]
    [DataRow("await Task.Delay(TimeSpan.FromSeconds(1), clock);")]
    [DataRow("await Task.Delay(Scale(delay, 2), timeProvider, ct);")]
    [DataRow("var now = timeProvider.GetUtcNow();")]
    [DataRow("// DateTime.Now is banned; Thread.Sleep(1) too")]
    [DataRow("/* Task.Delay(1) */ var x = 1;")]
    [DataRow("var t = DateTimeKind.Utc;")]
    public void FindViolations_TimeProviderOrComment_IsNotReported(string line)
    {
        Assert.IsEmpty(WallClockScanner.FindViolations("class C {\n  void M() {\n    " + line + "\n  }\n}"));
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OperandoRig.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No OperandoRig.sln above {AppContext.BaseDirectory}.");
    }
}
