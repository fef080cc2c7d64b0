using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Moonwire.Dialects.Luatos.Tests;

/// <summary>
/// A throwaway PKI in a temporary folder (the scripts' root): ca.crt, a second unrelated other-ca.crt,
/// server certificates for 127.0.0.1 and for another host name, and a client certificate with its key.
/// </summary>
internal sealed class TestPki : IDisposable
{
    public const string ClientPassword = "123456";

    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _ca;

    public TestPki()
    {
        Directory.CreateDirectory(Folder);
        _ca = Authority("Moonwire Test CA", _caKey);
        File.WriteAllText(Path.Combine(Folder, "ca.crt"), _ca.ExportCertificatePem());
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = Authority("Unrelated CA", otherKey);
        File.WriteAllText(Path.Combine(Folder, "other-ca.crt"), other.ExportCertificatePem());
        WriteIssued("client", "Moonwire Test Client", san: null, clientAuth: true, ClientPassword);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "moonwire-luatos-" + Guid.NewGuid().ToString("N"));

    public X509Certificate2Collection Roots => [_ca];

    /// <summary>A server certificate valid for 127.0.0.1, or (when false) only for other.example.</summary>
    public X509Certificate2 Server(bool forLoopback)
    {
        var san = new SubjectAlternativeNameBuilder();
        if (forLoopback)
        {
            san.AddIpAddress(IPAddress.Loopback);
        }
        else
        {
            san.AddDnsName("other.example");
        }

        var name = forLoopback ? "server" : "server-other";
        WriteIssued(name, name, san, clientAuth: false, password: null);
        return Engine.Net.TlsCertificates.FromPemFiles(Path.Combine(Folder, name + ".crt"), Path.Combine(Folder, name + ".key"));
    }

    private static X509Certificate2 Authority(string name, ECDsa key)
    {
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private void WriteIssued(string file, string name, SubjectAlternativeNameBuilder? san, bool clientAuth, string? password)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [clientAuth ? new Oid("1.3.6.1.5.5.7.3.2") : new Oid("1.3.6.1.5.5.7.3.1")], false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san.Build());
        }

        using var issued = request.Create(_ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(8));
        File.WriteAllText(Path.Combine(Folder, file + ".crt"), issued.ExportCertificatePem());
        File.WriteAllText(Path.Combine(Folder, file + ".key"), password is null
            ? key.ExportPkcs8PrivateKeyPem()
            : key.ExportEncryptedPkcs8PrivateKeyPem(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)));
    }

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
