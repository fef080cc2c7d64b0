using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Moonwire.Engine.Net;

/// <summary>The server side of TLS: our certificate, and client certificates checked against a private CA when asked.</summary>
internal static class ServerTls
{
    public static SslServerAuthenticationOptions Options(X509Certificate2 certificate, X509Certificate2Collection? clientRoots)
    {
        var options = new SslServerAuthenticationOptions { ServerCertificate = certificate };
        if (clientRoots is not null)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(clientRoots);
            options.ClientCertificateRequired = true;
            options.CertificateChainPolicy = policy;
            options.RemoteCertificateValidationCallback = static (_, certificate, _, errors) =>
                certificate is not null && errors == SslPolicyErrors.None;
        }

        return options;
    }
}
