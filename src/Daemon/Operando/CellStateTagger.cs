namespace OperandoRig.Daemon.Operando;

/// <summary>
/// Tags an instant with the cell's state interpolated from the channel's samples around it (<see cref="SampleWindow"/>),
/// waiting on the daemon clock for the sample after the instant if it has not arrived yet. If none comes within
/// <see cref="MaxWait"/> (three sample intervals, at least 1 s), the newest sample's state is used, since it is the best
/// knowledge there is; the tag's time is still the point's.
/// </summary>
public sealed class CellStateTagger(SampleWindow window, SocReference soc, TimeProvider time)
{
    /// <summary>The longest wait for the closing sample.</summary>
    public TimeSpan MaxWait => TimeSpan.FromSeconds(Math.Max(1.0, 3 * (window.TypicalIntervalS() ?? 1.0)));

    /// <summary>Counts how often the closing sample did not come in time and the newest state was used.</summary>
    public int LateTags { get; private set; }

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
            return latest is null ? null
                : new CellStateSnapshot(latest.ChannelId, latest.RunId, t, latest.VoltageV, latest.CurrentA, latest.ChargeAh,
                    soc.SocAt(latest.ChargeAh), latest.Cycle, latest.StepIndex, latest.StepLabel);
        }

        return window.TryInterpolate(t, soc, out state) is TagOutcome.Interpolated or TagOutcome.LastKnown ? state : null;
    }
}
