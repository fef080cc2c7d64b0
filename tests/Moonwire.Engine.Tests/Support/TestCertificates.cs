using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Moonwire.Engine.Tests.Support;

/// <summary>A private CA made by the test, and leaf certificates it signs.</summary>
internal sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Moonwire Test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(30));
    }

    public X509Certificate2 Authority { get; }

    public X509Certificate2Collection Roots => [Authority];

    /// <summary>
    /// A server certificate for <paramref name="dnsName"/> (and 127.0.0.1 when asked), with its key; signed by
    /// this CA, or by itself when <paramref name="selfSigned"/>; <paramref name="expired"/> ended yesterday.
    /// </summary>
    public X509Certificate2 Server(string dnsName = "localhost", bool includeLoopbackIp = true, bool expired = false, bool selfSigned = false) =>
        Issue($"CN={dnsName}", new Oid("1.3.6.1.5.5.7.3.1"), san =>
        {
            san.AddDnsName(dnsName);
            if (includeLoopbackIp)
            {
                san.AddIpAddress(IPAddress.Loopback);
            }
        }, expired, selfSigned);

    public X509Certificate2 Client(string name = "moonwire-client") =>
        Issue($"CN={name}", new Oid("1.3.6.1.5.5.7.3.2"), san => san.AddDnsName(name));

    private X509Certificate2 Issue(string subject, Oid usage, Action<SubjectAlternativeNameBuilder> names, bool expired = false, bool selfSigned = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        var san = new SubjectAlternativeNameBuilder();
        names(san);
        request.CertificateExtensions.Add(san.Build());
        var (notBefore, notAfter) = expired
            ? (DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-1))
            : (DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10));
        if (selfSigned)
        {
            using var own = request.CreateSelfSigned(notBefore, notAfter);
            return X509CertificateLoader.LoadPkcs12(own.Export(X509ContentType.Pkcs12), null);
        }

        using var issued = request.Create(Authority, notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose() => Authority.Dispose();
}
