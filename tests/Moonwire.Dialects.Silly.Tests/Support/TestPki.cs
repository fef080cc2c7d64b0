using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Silly.Tests;

/// <summary>A CA made by the test and a server certificate it signed for localhost, as PEM files in a temporary directory.</summary>
internal sealed class TestPki : IDisposable
{
    public TestPki()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("silly-pki-").FullName;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Moonwire silly test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = request.Create(ca, now.AddMinutes(-5), now.AddHours(1), [1, 2, 3, 4]);

        CertificatePem = server.ExportCertificatePem();
        KeyPem = serverKey.ExportPkcs8PrivateKeyPem();
        File.WriteAllText(Path.Combine(Directory, "cert.pem"), CertificatePem);
        File.WriteAllText(Path.Combine(Directory, "key.pem"), KeyPem);
        ClientTls = new ClientTlsOptions { TrustedRoots = [X509CertificateLoader.LoadCertificate(ca.RawData)] };
    }

    public string Directory { get; }

    public string CertificatePem { get; }

    public string KeyPem { get; }

    /// <summary>Client options that trust this CA only.</summary>
    public ClientTlsOptions ClientTls { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
