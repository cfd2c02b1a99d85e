namespace OperandoRig.Daemon.Data.Influx;

/// <summary>The outcome of a batch the server accepted.</summary>
/// <param name="Attempts">HTTP attempts it took (1 when no retry was needed).</param>
/// <param name="DroppedByServer">Points the server reported dropped in an InfluxDB 1.x partial write
/// (<c>400 {"error":"partial write: … dropped=N"}</c>: the other points were written, retrying cannot bring the dropped
/// ones in, e.g. beyond the retention policy or a field type conflict); 0 for a 2xx.</param>
/// <param name="ServerMessage">The server's message for a partial write; empty otherwise.</param>
public sealed record InfluxWriteResult(int Attempts, long DroppedByServer, string ServerMessage);
