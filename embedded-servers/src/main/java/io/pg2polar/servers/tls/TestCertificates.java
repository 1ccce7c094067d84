package io.pg2polar.servers.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test run, and the files TLS servers and clients need from it: the CA's
 * certificate, server certificates for loopback addresses, client certificates whose common name is a role (for
 * pg_hba's {@code cert} method) with their keys as pgjdbc reads them (PKCS-8 DER, plain or password-encrypted).
 * The JDK has no public API to issue certificates, hence BouncyCastle's bcpkix (an optional dependency of this
 * module: add it in test scope where TLS servers are started). Nothing runs outside this JVM.
 */
public final class TestCertificates {

    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A PBE scheme SunJCE decrypts by the name pgjdbc asks for ({@code EncryptedPrivateKeyInfo.getAlgName()}). */
    private static final String KEY_ENCRYPTION = "PBEWithSHA1AndDESede";

    private final Path directory;
    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCertificates(Path directory, String name, KeyPair keys, X509Certificate certificate) {
        this.directory = directory;
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new CA named {@code name}, whose files go into {@code directory} (created if missing). */
    public static TestCertificates authority(Path directory, String name) {
        try {
            Files.createDirectories(directory);
            KeyPair keys = newKeys();
            X500Name subject = new X500Name("CN=" + name);
            X509v3CertificateBuilder builder = builder(subject, subject, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            TestCertificates ca = new TestCertificates(directory, name, keys, sign(builder, keys));
            writePem(ca.certificateFile(), "CERTIFICATE", ca.certificate.getEncoded());
            return ca;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create the test CA " + name, e);
        }
    }

    /** The CA's certificate (PEM): a client's {@code sslrootcert}, a server's {@code ssl_ca_file}. */
    public Path certificateFile() {
        return directory.resolve(name + "-ca.crt");
    }

    /** A certificate and key in PEM for a server reached at these IP addresses; the key file is private (0600) as PostgreSQL requires. */
    public KeyedCertificate server(String fileName, String... ipAddresses) {
        GeneralName[] names = new GeneralName[ipAddresses.length];
        for (int i = 0; i < ipAddresses.length; i++) {
            names[i] = new GeneralName(GeneralName.iPAddress, ipAddresses[i]);
        }
        return issue(
                fileName,
                "CN=" + ipAddresses[0],
                builder -> builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
                        .addExtension(
                                Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)),
                null);
    }

    /**
     * A client certificate for a role (common name = role name) with its key as PKCS-8 DER ({@code .pk8}), encrypted
     * with {@code keyPassword} unless it is null.
     */
    public KeyedCertificate client(String role, String keyPassword) {
        return issue(
                role + (keyPassword == null ? "" : "-encrypted"),
                "CN=" + role,
                builder -> builder.addExtension(
                        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)),
                keyPassword == null ? "" : keyPassword);
    }

    /**
     * Files of one issued certificate.
     *
     * @param key PEM (servers) or PKCS-8 DER (clients)
     */
    public record KeyedCertificate(Path certificate, Path key) {}

    @FunctionalInterface
    private interface Extensions {
        X509v3CertificateBuilder add(X509v3CertificateBuilder builder) throws IOException;
    }

    /** @param keyPassword null: PEM key for a server; "": plain PKCS-8 DER; else encrypted PKCS-8 DER */
    private KeyedCertificate issue(String fileName, String subject, Extensions extensions, String keyPassword) {
        try {
            KeyPair pair = newKeys();
            X509v3CertificateBuilder builder = builder(new X500Name(subject), new X500Name("CN=" + name), pair)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            X509Certificate issued = sign(extensions.add(builder), keys);
            Path certificateFile = directory.resolve(fileName + ".crt");
            writePem(certificateFile, "CERTIFICATE", issued.getEncoded());
            Path keyFile;
            if (keyPassword == null) {
                keyFile = directory.resolve(fileName + ".key");
                writePem(keyFile, "PRIVATE KEY", pair.getPrivate().getEncoded());
            } else {
                keyFile = directory.resolve(fileName + ".pk8");
                Files.write(
                        keyFile,
                        keyPassword.isEmpty()
                                ? pair.getPrivate().getEncoded()
                                : encrypt(pair.getPrivate().getEncoded(), keyPassword));
            }
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            return new KeyedCertificate(certificateFile, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot issue a certificate for " + subject, e);
        }
    }

    private static byte[] encrypt(byte[] pkcs8, String password) throws GeneralSecurityException, IOException {
        byte[] salt = new byte[8];
        RANDOM.nextBytes(salt);
        SecretKeyFactory factory = SecretKeyFactory.getInstance(KEY_ENCRYPTION);
        Cipher cipher = Cipher.getInstance(KEY_ENCRYPTION);
        cipher.init(
                Cipher.ENCRYPT_MODE,
                factory.generateSecret(new PBEKeySpec(password.toCharArray())),
                new PBEParameterSpec(salt, 2048));
        return new EncryptedPrivateKeyInfo(cipher.getParameters(), cipher.doFinal(pkcs8)).getEncoded();
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name subject, X500Name issuer, KeyPair subjectKeys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(64, RANDOM),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(VALIDITY)),
                subject,
                subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }
}
