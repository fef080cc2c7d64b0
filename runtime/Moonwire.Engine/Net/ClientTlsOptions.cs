using System.Net.Security;
using System.Runtime.CompilerServices;
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

    /// <summary>
    /// The options for one connection. A refused certificate leaves the reason in
    /// <paramref name="refusal"/>: SslStream's own error only says the callback refused it.
    /// </summary>
    internal SslClientAuthenticationOptions ToSslOptions(string targetHost, StrongBox<string?> refusal)
    {
        var ssl = ToHttpsOptions();
        ssl.TargetHost = targetHost;
        ssl.RemoteCertificateValidationCallback = (_, _, chain, errors) =>
        {
            refusal.Value = Refusal(Remaining(errors), chain);
            return refusal.Value is null;
        };
        return ssl;
    }

    /// <summary>
    /// The same checks for an HTTPS client (<c>SocketsHttpHandler.SslOptions</c>), which names the host per
    /// connection itself: trusted roots, client certificate, and the Dangerous switches.
    /// </summary>
    public SslClientAuthenticationOptions ToHttpsOptions()
    {
        var ssl = new SslClientAuthenticationOptions();
        if (DangerousAcceptAnyServerCertificate || DangerousAllowHostNameMismatch)
        {
            ssl.RemoteCertificateValidationCallback = (_, _, _, errors) => Remaining(errors) == SslPolicyErrors.None;
        }

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

    private SslPolicyErrors Remaining(SslPolicyErrors errors)
    {
        if (DangerousAcceptAnyServerCertificate)
        {
            return SslPolicyErrors.None;
        }

        return DangerousAllowHostNameMismatch ? errors & ~SslPolicyErrors.RemoteCertificateNameMismatch : errors;
    }

    private static string? Refusal(SslPolicyErrors errors, X509Chain? chain)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "the server sent no certificate";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var status = chain is null ? [] : chain.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToArray();
            var why = status.Length == 0 ? "" : $" ({string.Join(", ", status)})";
            return $"the server's certificate is not trusted{why}; trust its CA or use a certificate from a trusted one";
        }

        return errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            ? "the server's certificate is not issued for the host name in the URL"
            : null;
    }
}
