package dev.dynakit.server;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Requests signed by the AWS SDK's own SigV4 signer ({@link AwsV4HttpSigner}), kept as the lines
 * and bytes that go on the wire, so that tests can alter any part after signing and send the result
 * as it is.
 */
final class SignedRequests {
  private SignedRequests() {}

  /** A request as sent: its request line, header lines in order (repeats allowed), its body. */
  record Wire(String method, String uri, List<Map.Entry<String, String>> headers, byte[] body) {
    /** The header's first value, by a name of any case, or null. */
    String header(String name) {
      for (Map.Entry<String, String> header : headers) {
        if (header.getKey().equalsIgnoreCase(name)) {
          return header.getValue();
        }
      }
      return null;
    }

    /** This request with every value of the header replaced (or added, if it had none). */
    Wire with(String name, String value) {
      List<Map.Entry<String, String>> changed = new ArrayList<>();
      boolean replaced = false;
      for (Map.Entry<String, String> header : headers) {
        if (!header.getKey().equalsIgnoreCase(name)) {
          changed.add(header);
        } else if (!replaced) {
          changed.add(Map.entry(header.getKey(), value));
          replaced = true;
        }
      }
      if (!replaced) {
        changed.add(Map.entry(name, value));
      }
      return new Wire(method, uri, changed, body);
    }

    /** This request with one more line of the header, after the others. */
    Wire adding(String name, String value) {
      List<Map.Entry<String, String>> changed = new ArrayList<>(headers);
      changed.add(Map.entry(name, value));
      return new Wire(method, uri, changed, body);
    }

    Wire without(String name) {
      List<Map.Entry<String, String>> changed = new ArrayList<>();
      for (Map.Entry<String, String> header : headers) {
        if (!header.getKey().equalsIgnoreCase(name)) {
          changed.add(header);
        }
      }
      return new Wire(method, uri, changed, body);
    }

    Wire authorization(UnaryOperator<String> change) {
      return with("Authorization", change.apply(header("Authorization")));
    }

    Wire body(String json) {
      return new Wire(method, uri, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    Wire uri(String changed) {
      return new Wire(method, changed, headers, body);
    }

    /** The bytes to send: the lines as they are, a Content-Length of the body, the body. */
    byte[] bytes() {
      StringBuilder head = new StringBuilder(method + " " + uri + " HTTP/1.1\r\n");
      for (Map.Entry<String, String> header : headers) {
        head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
      }
      head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
      byte[] all = new byte[start.length + body.length];
      System.arraycopy(start, 0, all, 0, start.length);
      System.arraycopy(body, 0, all, start.length, body.length);
      return all;
    }
  }

  /** What to sign and how; {@link #sign} signs it. */
  record Signing(
      int port,
      AwsCredentialsIdentity identity,
      String region,
      String service,
      String target,
      String body,
      Instant at,
      Map<String, String> extraHeaders,
      boolean queryAuth) {

    static Signing of(int port, String id, String secret, Instant at) {
      return new Signing(
          port,
          AwsCredentialsIdentity.create(id, secret),
          "eu-west-1",
          "dynamodb",
          "DynamoDB_20120810.ListTables",
          "{}",
          at,
          Map.of(),
          false);
    }

    Signing identity(AwsCredentialsIdentity changed) {
      return new Signing(port, changed, region, service, target, body, at, extraHeaders, queryAuth);
    }

    Signing sessionToken(String token) {
      return identity(
          AwsSessionCredentialsIdentity.create(
              identity.accessKeyId(), identity.secretAccessKey(), token));
    }

    Signing service(String changed) {
      return new Signing(
          port, identity, region, changed, target, body, at, extraHeaders, queryAuth);
    }

    Signing request(String changedTarget, String changedBody) {
      return new Signing(
          port, identity, region, service, changedTarget, changedBody, at, extraHeaders, queryAuth);
    }

    Signing at(Instant changed) {
      return new Signing(
          port, identity, region, service, target, body, changed, extraHeaders, queryAuth);
    }

    Signing header(String name, String value) {
      return new Signing(
          port, identity, region, service, target, body, at, Map.of(name, value), queryAuth);
    }

    Signing inQuery() {
      return new Signing(port, identity, region, service, target, body, at, extraHeaders, true);
    }

    /** Signs it with the SDK's signer, at its time. */
    Wire sign() {
      SdkHttpRequest.Builder http =
          SdkHttpRequest.builder()
              .method(SdkHttpMethod.POST)
              .uri(URI.create("http://127.0.0.1:" + port + "/"))
              .putHeader("Content-Type", "application/x-amz-json-1.0")
              .putHeader("X-Amz-Target", target);
      extraHeaders.forEach(http::putHeader);
      byte[] payload = body.getBytes(StandardCharsets.UTF_8);
      SignedRequest signed =
          AwsV4HttpSigner.create()
              .sign(
                  r -> {
                    r.identity(identity)
                        .request(http.build())
                        .payload(ContentStreamProvider.fromByteArray(payload))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
                    if (queryAuth) {
                      r.putProperty(
                              AwsV4FamilyHttpSigner.AUTH_LOCATION,
                              AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                          .putProperty(
                              AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5));
                    }
                  });
      SdkHttpRequest request = signed.request();
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      request
          .headers()
          .forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
      if (request.firstMatchingHeader("Host").isEmpty()) {
        headers.add(0, Map.entry("Host", "127.0.0.1:" + port));
      }
      String uri =
          request.encodedPath() + request.encodedQueryParameters().map(q -> "?" + q).orElse("");
      return new Wire("POST", uri.isEmpty() ? "/" : uri, headers, payload);
    }
  }

  /** {@code X-Amz-Date} of an instant, as SigV4 writes it. */
  static String amzDate(Instant at) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
        .withZone(ZoneOffset.UTC)
        .format(at);
  }
}
