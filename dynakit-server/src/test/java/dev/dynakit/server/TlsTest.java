package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with a PEM certificate and key made by {@code openssl} for the test; skipped where openssl
 * is not installed.
 */
class TlsTest {
  @Test
  void servesHttpsWithAPemCertificateAndKey(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        Processes.works(List.of("openssl", "version")), "openssl is not installed");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Processes.Result made =
        Processes.run(
            List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString()),
            java.util.Map.of());
    assertThat(made.exitCode()).as(made.err()).isZero();

    try (DynakitServer server = DynakitServer.builder().port(0).tls(cert, key).build().start()) {
      assertThat(server.endpoint().toString()).isEqualTo("https://127.0.0.1:" + server.port());
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      try (var in = Files.newInputStream(cert)) {
        trusted.setCertificateEntry(
            "server",
            (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      try (SSLSocket socket =
          (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port())) {
        socket.setSoTimeout(RawHttp.TIMEOUT_MILLIS);
        socket
            .getOutputStream()
            .write(
                RawHttp.post("DynamoDB_20120810.ListTables", "{}")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] head = socket.getInputStream().readNBytes(15);
        assertThat(new String(head, java.nio.charset.StandardCharsets.US_ASCII))
            .isEqualTo("HTTP/1.1 200 OK");
      }
    }
  }

  @Test
  void aFileThatIsNotPemIsRefusedNamingBoth(@TempDir Path dir) throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), "not a certificate");
    Path key = Files.writeString(dir.resolve("key.pem"), "not a key");
    assertThatThrownBy(() -> DynakitServer.builder().tls(cert, key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot use " + cert + " and " + key + " for TLS");
  }
}
