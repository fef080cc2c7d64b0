using System.Security.Cryptography.X509Certificates;

namespace Moonwire.Engine.Net;

/// <summary>Loads PEM certificates and keys the way SslStream needs them.</summary>
public static class TlsCertificates
{
    /// <summary>A certificate with its private key from PEM text (the key optionally encrypted).</summary>
    public static X509Certificate2 FromPem(string certificatePem, string keyPem, string? password = null)
    {
        using var pem = password is null
            ? X509Certificate2.CreateFromPem(certificatePem, keyPem)
            : X509Certificate2.CreateFromEncryptedPem(certificatePem, keyPem, password);

        // A key loaded from PEM is ephemeral; a PKCS#12 round trip gives SslStream a key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The same from PEM files.</summary>
    public static X509Certificate2 FromPemFiles(string certificatePath, string keyPath, string? password = null) =>
        FromPem(File.ReadAllText(certificatePath), File.ReadAllText(keyPath), password);

    /// <summary>Every certificate in a PEM file (a CA bundle).</summary>
    public static X509Certificate2Collection RootsFromPemFile(string path)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        return roots;
    }
}
