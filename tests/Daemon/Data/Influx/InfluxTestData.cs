using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Tests.Data.Influx;

/// <summary>Temporary stores filled with deterministic samples.</summary>
internal static class InfluxTestData
{
    public static async Task<(SqliteStore Store, string Folder)> OpenStoreAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("operando-influx-").FullName;
        var store = await SqliteStore.OpenAsync(Path.Combine(folder, "operando-rig.db"), cancellationToken);
        return (store, folder);
    }

    /// <summary>Samples <paramref name="fromSeq"/>.. of a channel, one per <paramref name="periodS"/> from <paramref name="startUnixS"/>, with awkward values.</summary>
    public static List<SampleRecord> Samples(string channel, long fromSeq, int count, double startUnixS, double periodS = 1.0, string runId = "run-1")
    {
        var list = new List<SampleRecord>(count);
        for (var k = 0; k < count; k++)
        {
            var seq = fromSeq + k;
            var t = startUnixS + (seq * periodS) + 0.000123;
            list.Add(new SampleRecord(
                seq, runId, channel, t, 3.0 + (Math.Sin(seq * 0.001) / 3), -1e-3 / 7 * (1 + (seq % 5)), seq * 1.0e-7 / 3, (int)(seq / 1000),
                seq % 2 == 0 ? "CC charge" : "rest, then \"CV\"", (int)(seq / 3000), (seq % 1000) * periodS,
                seq % 3 == 0 ? double.NaN : 20 + ((seq % 97) / 7.0))); // every third without a temperature reading
        }

        return list;
    }

    public static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
