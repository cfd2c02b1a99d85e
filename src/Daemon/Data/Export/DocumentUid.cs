using System.Security.Cryptography;
using System.Text;

namespace OperandoRig.Daemon.Data.Export;

/// <summary>
/// Name-based document uids: a UUID (version 8, RFC 9562) from SHA-256 of the run id and the document's role,
/// so exporting the same run twice gives the same uids (event-model only asks for unique strings).
/// </summary>
internal static class DocumentUid
{
    public static string For(string runId, string role)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("operandorig/event-model/" + runId + "/" + role), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
