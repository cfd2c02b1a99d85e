using System.Globalization;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Data.Export;
using OperandoRig.Daemon.Electrochemistry.Analytics;
using OperandoRig.Daemon.Electrochemistry.Impedance;
using OperandoRig.Daemon.Hosting;
using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Daemon.Api;

/// <summary>
/// The Analytics gRPC service: per-cycle summaries and dQ/dV of a stored run, computed on request from the store, and
/// the run's stored impedance spectra with their fits; summaries and dQ/dV are computed
/// (the source of truth) over a read-only connection, so a finished run and one in progress are read the same way
/// and nothing derived can disagree with the samples. An unknown run is NOT_FOUND; a cycle the run does not have,
/// a missing direction or a bin width out of range is INVALID_ARGUMENT naming the field, the value and what is allowed.
/// </summary>
public sealed class AnalyticsService(RigRuntime rig) : Analytics.AnalyticsBase
{
    /// <inheritdoc />
    public override async Task<CycleSummariesReply> GetCycleSummaries(CycleSummariesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.ActiveMassMg is < 0 or > 1e6 || double.IsNaN(request.ActiveMassMg))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, string.Create(CultureInfo.InvariantCulture,
                $"active_mass_mg: {request.ActiveMassMg} mg must be above 0 mg and at most 1e6 mg (1 kg); 0 = unknown")));
        }

        var options = new CycleAnalyzerOptions
        {
            Convention = request.DischargeFirst ? CycleConvention.DischargeFirst : CycleConvention.ChargeFirst,
            ActiveMassKg = request.ActiveMassMg == 0 ? null : request.ActiveMassMg * 1e-6,
        };

        var run = await ReadRunAsync(request.RunId, context.CancellationToken).ConfigureAwait(false);
        var analyzer = new CycleAnalyzer(options);
        var reply = new CycleSummariesReply { RunId = run.RunId, ChannelId = run.ChannelId };
        await foreach (var sample in StoredRunReader.ReadSamplesAsync(rig.Store, run, context.CancellationToken).ConfigureAwait(false))
        {
            if (analyzer.Add(sample) is { } summary)
            {
                reply.Cycles.Add(ToMessage(summary));
            }
        }

        if (analyzer.SummarizeCurrentCycle() is { } last)
        {
            reply.Cycles.Add(ToMessage(last));
        }

        return reply;
    }

    /// <inheritdoc />
    public override async Task<DifferentialCapacityReply> GetDifferentialCapacity(DifferentialCapacityRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var direction = request.Direction switch
        {
            HalfCycle.Charge => CycleDirection.Charge,
            HalfCycle.Discharge => CycleDirection.Discharge,
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, $"direction: {request.Direction} is not a half-cycle; allowed: CHARGE, DISCHARGE")),
        };
        var binWidthV = request.BinWidthV == 0 ? new DifferentialCapacityOptions().BinWidthV : request.BinWidthV;
        if (!(binWidthV >= DifferentialCapacityOptions.MinBinWidthV && binWidthV <= DifferentialCapacityOptions.MaxBinWidthV))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, string.Create(CultureInfo.InvariantCulture,
                $"bin_width_v: {request.BinWidthV} V is outside {DifferentialCapacityOptions.MinBinWidthV} .. {DifferentialCapacityOptions.MaxBinWidthV} V (0 = 5 mV)")));
        }

        var run = await ReadRunAsync(request.RunId, context.CancellationToken).ConfigureAwait(false);

        // The cycle's samples and the one before it: the interval into the cycle's first sample belongs to the cycle.
        var window = new List<SampleRecord>();
        SampleRecord? previous = null;
        var (lowest, highest) = (int.MaxValue, int.MinValue);
        await foreach (var sample in StoredRunReader.ReadSamplesAsync(rig.Store, run, context.CancellationToken).ConfigureAwait(false))
        {
            (lowest, highest) = (Math.Min(lowest, sample.Cycle), Math.Max(highest, sample.Cycle));
            if (sample.Cycle == request.Cycle)
            {
                if (window.Count == 0 && previous is not null)
                {
                    window.Add(previous);
                }

                window.Add(sample);
            }
            else if (sample.Cycle > request.Cycle && window.Count > 0)
            {
                break;
            }

            previous = sample;
        }

        if (window.Count == 0)
        {
            var have = lowest <= highest ? string.Create(CultureInfo.InvariantCulture, $"cycles {lowest} .. {highest}") : "no samples";
            throw new RpcException(new Status(StatusCode.InvalidArgument, string.Create(CultureInfo.InvariantCulture,
                $"cycle: {request.Cycle} is not in run '{run.RunId}'; it has {have}")));
        }

        var points = DifferentialCapacity.Compute(window, request.Cycle, direction, new DifferentialCapacityOptions { BinWidthV = binWidthV });
        var reply = new DifferentialCapacityReply
        {
            RunId = run.RunId, Cycle = request.Cycle, Direction = request.Direction, BinWidthV = binWidthV,
            CapacityAh = points.Sum(p => p.DqDvAhPerV) * binWidthV,
        };
        reply.Points.AddRange(points.Select(p => new DqDvPointMessage { VoltageV = p.VoltageV, DqdvAhPerV = p.DqDvAhPerV }));
        return reply;
    }

    /// <inheritdoc />
    public override async Task<ImpedanceSpectraReply> GetImpedanceSpectra(ImpedanceSpectraRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var run = await ReadRunAsync(request.RunId, context.CancellationToken).ConfigureAwait(false);
        var spectra = await new ImpedanceSpectrumStore(rig.Store).ReadRunAsync(run.RunId, context.CancellationToken).ConfigureAwait(false);
        var points = (await rig.Store.ReadImpedanceAsync(run.RunId, context.CancellationToken).ConfigureAwait(false)).ToLookup(p => p.StepIndex);
        var reply = new ImpedanceSpectraReply { RunId = run.RunId, ChannelId = run.ChannelId };
        foreach (var s in spectra)
        {
            var message = new ImpedanceSpectrumMessage
            {
                StepIndex = s.StepIndex,
                StepLabel = s.StepLabel,
                Cycle = s.Cycle,
                Start = ToMessage(s.Start, s),
                End = ToMessage(s.End, s),
                Circuit = s.Circuit,
                FitStatus = s.FitStatus,
                FitGood = s.FitIsGood,
                RmsResidual = s.RmsResidual,
                ReducedChiSquared = s.ReducedChiSquared,
                FitMessage = s.FitMessage,
            };
            message.Parameters.AddRange(s.Parameters.Select(p => new FitParameterMessage { Name = p.Name, Unit = p.Unit, Value = p.Value, StandardError = p.StandardError }));
            message.Points.AddRange(points[s.StepIndex].Select(p => new ImpedancePointMessage
            {
                TimeUnixS = p.TimeUnixS, FrequencyHz = p.FrequencyHz, ZRealOhm = p.RealOhm, ZImagOhm = p.ImaginaryOhm,
            }));
            reply.Spectra.Add(message);
        }

        return reply;
    }

    private static CellStateMessage ToMessage(CellStateAt s, ImpedanceSpectrumRecord spectrum) => new()
    {
        TimeUnixS = s.TimeUnixS, VoltageV = s.VoltageV, CurrentA = s.CurrentA, ChargeAh = s.ChargeAh, Soc = double.NaN,
        Cycle = s.Cycle, StepIndex = spectrum.StepIndex, StepLabel = spectrum.StepLabel,
    };

    /// <summary>The wire form of a cycle summary (NaN where a ratio is undefined or the mass unknown).</summary>
    public static CycleSummaryMessage ToMessage(CycleSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new CycleSummaryMessage
        {
            Cycle = s.Cycle,
            Complete = s.ClosedByNextCycle,
            StartTimeUnixS = s.StartTimeUnixS,
            EndTimeUnixS = s.EndTimeUnixS,
            SampleCount = s.SampleCount,
            ChargeCapacityAh = s.ChargeCapacityAh,
            DischargeCapacityAh = s.DischargeCapacityAh,
            ChargeEnergyWh = s.ChargeEnergyWh,
            DischargeEnergyWh = s.DischargeEnergyWh,
            CoulombicEfficiency = s.CoulombicEfficiency,
            EnergyEfficiency = s.EnergyEfficiency,
            MeanChargeVoltageV = s.MeanChargeVoltageV,
            MeanDischargeVoltageV = s.MeanDischargeVoltageV,
            VoltageHysteresisV = s.VoltageHysteresisV,
            CapacityRetention = s.CapacityRetention,
            RetentionReferenceCycle = s.RetentionReferenceCycle,
            SpecificChargeCapacityMahPerG = s.SpecificChargeCapacityMilliampHoursPerGram ?? double.NaN,
            SpecificDischargeCapacityMahPerG = s.SpecificDischargeCapacityMilliampHoursPerGram ?? double.NaN,
        };
    }

    private async Task<StoredRun> ReadRunAsync(string runId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(runId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "run_id: empty; give the run id StartProtocol returned (rigctl info shows it)"));
        }

        try
        {
            return await StoredRunReader.ReadRunAsync(rig.Store, runId, cancellationToken).ConfigureAwait(false);
        }
        catch (RunNotFoundException ex)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"run_id: {ex.Message}"));
        }
    }
}
