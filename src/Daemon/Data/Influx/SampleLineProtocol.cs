namespace OperandoRig.Daemon.Data.Influx;

/// <summary>
/// The InfluxDB schema of a stored sample (see README.md): measurement <c>operando_sample</c> (configurable); tags
/// <c>channel_id</c>, <c>run_id</c>, <c>step_label</c> (sorted by key); float fields <c>voltage_v</c>,
/// <c>current_a</c>, <c>charge_ah</c>, <c>step_time_s</c>; integer fields <c>step_index</c>, <c>cycle</c>,
/// <c>seq</c>; float field <c>temperature_c</c> when the channel reads a temperature; timestamp <c>time_unix_s</c> in the
/// configured precision.
/// </summary>
public static class SampleLineProtocol
{
    /// <summary>Appends <paramref name="sample"/> as one point.</summary>
    /// <returns><see langword="false"/> when the point was skipped: no finite field, or a non-finite or out-of-range time.</returns>
    public static bool Append(LineProtocolWriter writer, string measurement, LineProtocolPrecision precision, SampleRecord sample)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(sample);
        writer.StartPoint(measurement)
            .Tag("channel_id", sample.ChannelId)
            .Tag("run_id", sample.RunId)
            .Tag("step_label", sample.StepLabel);
        if (!precision.TryToTimestamp(sample.TimeUnixS, out var timestamp))
        {
            writer.DropPoint();
            return false;
        }

        writer.Field("voltage_v", sample.VoltageV)
            .Field("current_a", sample.CurrentA)
            .Field("charge_ah", sample.ChargeAh)
            .Field("step_time_s", sample.StepTimeS)
            .Field("step_index", (long)sample.StepIndex)
            .Field("cycle", (long)sample.Cycle)
            .Field("seq", sample.Seq);
        if (double.IsFinite(sample.TemperatureC))
        {
            writer.Field("temperature_c", sample.TemperatureC); // only from channels with a sensor: no reading is no field
        }

        return writer.EndPoint(timestamp);
    }
}
