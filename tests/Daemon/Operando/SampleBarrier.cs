using System.Runtime.CompilerServices;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Operando;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Operando;

/// <summary>
/// Keeps virtual time still from the moment a channel emits a sample until the operando session has read it from the
/// hub. Between the two lie the pipeline's SQLite write and the hub's hand-over, real work on pool threads that the
/// simulation loop cannot see; without the barrier the loop may run the cell on for hours of virtual time before a
/// trigger is even evaluated (seen on a cold first run). Each hold also ends by itself after 5 s of real time, so a
/// sample nobody reads cannot hang a test.
/// </summary>
internal sealed class SampleBarrier(SimulationLoop loop)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(double TimeUnixS, IDisposable Hold, Timer Valve)>> _open = new(StringComparer.Ordinal);

    public void Emitted(string channelId, double timeUnixS)
    {
        var hold = loop.BeginExternalWork();
        var valve = new Timer(_ => hold.Dispose(), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            if (!_open.TryGetValue(channelId, out var list))
            {
                _open[channelId] = list = [];
            }

            list.Add((timeUnixS, hold, valve));
        }
    }

    public void Consumed(string channelId, double timeUnixS)
    {
        List<(double, IDisposable Hold, Timer Valve)> done;
        lock (_gate)
        {
            if (!_open.TryGetValue(channelId, out var list))
            {
                return;
            }

            done = list.FindAll(h => h.TimeUnixS <= timeUnixS);
            list.RemoveAll(h => h.TimeUnixS <= timeUnixS);
        }

        foreach (var (_, hold, valve) in done)
        {
            valve.Dispose();
            hold.Dispose();
        }
    }

    /// <summary>A channel whose samples open a hold as they are read.</summary>
    public IPotentiostatChannel Tap(IPotentiostatChannel inner) => new TappedChannel(inner, this);

    /// <summary>A feed whose samples close the holds once the consumer has processed them (asks for the next one).</summary>
    public ISampleFeed Wrap(ISampleFeed inner) => new BarrierFeed(inner, this);

    private sealed class TappedChannel(IPotentiostatChannel inner, SampleBarrier barrier) : IPotentiostatChannel
    {
        public string ChannelId => inner.ChannelId;

        public ChannelCapabilities Capabilities => inner.Capabilities;

        public ChannelState State => inner.State;

        public Task LoadAsync(IReadOnlyList<ChannelStep> steps, CancellationToken cancellationToken) => inner.LoadAsync(steps, cancellationToken);

        public Task StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

        public Task PauseAsync(HoldPolicy hold, CancellationToken cancellationToken) => inner.PauseAsync(hold, cancellationToken);

        public Task ResumeAsync(CancellationToken cancellationToken) => inner.ResumeAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

        public async IAsyncEnumerable<ChannelRecord> ReadRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var r in inner.ReadRecordsAsync(cancellationToken))
            {
                if (r is ChannelSample s && double.IsFinite(s.VoltageV) && double.IsFinite(s.CurrentA))
                {
                    barrier.Emitted(inner.ChannelId, (s.Timestamp - DateTimeOffset.UnixEpoch).TotalSeconds);
                }

                yield return r;
            }
        }
    }

    private sealed class BarrierFeed(ISampleFeed inner, SampleBarrier barrier) : ISampleFeed
    {
        public async IAsyncEnumerable<SampleRecord> SubscribeAsync(string channelId, long fromSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var s in inner.SubscribeAsync(channelId, fromSeq, cancellationToken))
            {
                yield return s;
                barrier.Consumed(channelId, s.TimeUnixS);
            }
        }

        public Task<long> GetLastSeqAsync(string channelId, CancellationToken cancellationToken) => inner.GetLastSeqAsync(channelId, cancellationToken);
    }
}
