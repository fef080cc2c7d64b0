using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Luatos;

/// <summary>
/// The <c>cert</c> table of <c>websocket.new</c>: PEM files under the script root. No CA means the server is
/// not verified (as the document says); <c>insist</c> = 1 accepts a certificate issued for another host name.
/// </summary>
internal sealed record CertificateFiles(string? CaCert, string? ClientCert, string? ClientKey, string? ClientPassword, bool Insist)
{
    /// <summary>Reads the files; a missing or unreadable one throws with the file's name.</summary>
    public ClientTlsOptions ToTlsOptions(ScriptRoot root)
    {
        var clientCertificate = ClientCert is null
            ? null
            : TlsCertificates.FromPemFiles(root.Resolve(ClientCert), root.Resolve(ClientKey ?? ClientCert), ClientPassword);
        return CaCert is null
            ? new ClientTlsOptions { DangerousAcceptAnyServerCertificate = true, ClientCertificate = clientCertificate }
            : new ClientTlsOptions
            {
                TrustedRoots = TlsCertificates.RootsFromPemFile(root.Resolve(CaCert)),
                DangerousAllowHostNameMismatch = Insist,
                ClientCertificate = clientCertificate,
            };
    }
}
