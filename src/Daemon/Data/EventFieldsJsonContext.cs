using System.Text.Json.Serialization;

namespace OperandoRig.Daemon.Data;

/// <summary>Source-generated JSON for event fields (string to string).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class EventFieldsJsonContext : JsonSerializerContext;
