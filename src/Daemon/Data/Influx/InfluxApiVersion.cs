namespace OperandoRig.Daemon.Data.Influx;

/// <summary>Which InfluxDB write API the forwarder posts to.</summary>
public enum InfluxApiVersion
{
    /// <summary>InfluxDB 1.x <c>POST /write?db=&amp;rp=&amp;precision=</c>, optional user/password.</summary>
    V1,

    /// <summary>InfluxDB 2.x <c>POST /api/v2/write?org=&amp;bucket=&amp;precision=</c> with <c>Authorization: Token</c>.</summary>
    V2,
}
