namespace OperandoRig.Daemon.Tests;

/// <summary>Finds the repository root (the folder holding OperandoRig.sln) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OperandoRig.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"OperandoRig.sln not found above {AppContext.BaseDirectory}");
    }
}
