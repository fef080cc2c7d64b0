using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Moonwire.Engine.Net;

/// <summary>
/// How a wss:// client trusts the server and proves itself. By default the system trust store and the
/// host name are checked (reliability rows T-1, T-2); every way to weaken that is named Dangerous.
/// </summary>
public sealed record ClientTlsOptions
{
    /// <summary>Trust only these roots (a private CA) instead of the system store.</summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }

    /// <summary>A certificate with its private key, for servers that authenticate clients.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Accept a trusted certificate issued for another host name.</summary>
    public bool DangerousAllowHostNameMismatch { get; init; }

    /// <summary>Accept any certificate at all: encryption without authentication.</summary>
    public bool DangerousAcceptAnyServerCertificate { get; init; }

    internal SslClientAuthenticationOptions ToSslOptions(string targetHost)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            RemoteCertificateValidationCallback = Validate,
        };
        if (TrustedRoots is { } roots)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(roots);
            ssl.CertificateChainPolicy = policy;
        }

        if (ClientCertificate is { } certificate)
        {
            ssl.ClientCertificates = [certificate];
        }

        return ssl;
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (DangerousAcceptAnyServerCertificate)
        {
            return true;
        }

        if (DangerousAllowHostNameMismatch)
        {
            errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        }

        return errors == SslPolicyErrors.None;
    }
}
