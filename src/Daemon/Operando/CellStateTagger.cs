namespace OperandoRig.Daemon.Operando;

/// <summary>
/// Tags an instant with the cell's state interpolated from the channel's samples around it (<see cref="SampleWindow"/>),
/// waiting on the daemon clock for the sample after the instant if it has not arrived yet. If none comes within
/// <see cref="MaxWait"/> (three sample intervals, at least 1 s), the newest sample's state is used, since it is the best
/// knowledge there is; the tag's time is still the point's. No wait is needed while the cell is held at open circuit
/// from before the newest sample to the point (<paramref name="heldAtOpenCircuit"/>): no current flows, so charge, SOC,
/// step and cycle cannot change, and the newest sample's voltage is taken (the hold settled it to a slow relaxation).
/// </summary>
/// <param name="window">The channel's samples.</param>
/// <param name="soc">The run's state of charge.</param>
/// <param name="time">The daemon clock.</param>
/// <param name="heldAtOpenCircuit">True when the cell was held at open circuit throughout [from, to] (Unix s); null: never assumed.</param>
public sealed class CellStateTagger(SampleWindow window, SocCounter soc, TimeProvider time, Func<double, double, bool>? heldAtOpenCircuit = null)
{
    /// <summary>The longest wait for the closing sample.</summary>
    public TimeSpan MaxWait => TimeSpan.FromSeconds(Math.Max(1.0, 3 * (window.TypicalIntervalS() ?? 1.0)));

    /// <summary>Counts how often the closing sample did not come in time and the newest state was used.</summary>
    public int LateTags { get; private set; }

    /// <summary>Counts the tags taken from the newest sample without waiting, because the cell was held at open circuit.</summary>
    public int HeldTags { get; private set; }

    /// <summary>The cell's state at <paramref name="pointTime"/>, or null when the window has nothing for it.</summary>
    public async ValueTask<CellStateSnapshot?> TagAsync(DateTimeOffset pointTime, CancellationToken cancellationToken)
    {
        var t = (pointTime - DateTimeOffset.UnixEpoch).TotalSeconds;
        switch (window.TryInterpolate(t, soc, out var state))
        {
            case TagOutcome.Interpolated or TagOutcome.LastKnown:
                return state;
            case TagOutcome.BeforeWindow or TagOutcome.NoSamples:
                return null;
        }

        if (window.Latest is { } newest && heldAtOpenCircuit?.Invoke(newest.TimeUnixS, t) == true)
        {
            HeldTags++;
            return Hold(newest, t);
        }

        var wait = window.WaitForSampleAsync(t, cancellationToken);
        var maxWait = MaxWait;
        try
        {
            await wait.WaitAsync(TimeSpan.FromMilliseconds(Math.Ceiling(maxWait.TotalMilliseconds)), time, cancellationToken);
        }
        catch (TimeoutException)
        {
            LateTags++;
            var latest = window.Latest;
            return latest is null ? null : Hold(latest, t);
        }

        return window.TryInterpolate(t, soc, out state) is TagOutcome.Interpolated or TagOutcome.LastKnown ? state : null;
    }

    private CellStateSnapshot Hold(Data.SampleRecord s, double t) =>
        new(s.ChannelId, s.RunId, t, s.VoltageV, s.CurrentA, s.ChargeAh, soc.SocAt(s.ChargeAh), s.Cycle, s.StepIndex, s.StepLabel);
}
