package dev.dynakit.client.credentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * STS as the SDK's STS client sees it over HTTP: form-encoded query requests in, STS's XML
 * responses out. Keeps the parameters of every request; answers with the keys it is given, or with
 * an error.
 */
public final class FakeSts implements SdkHttpClient {
  private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";

  private final List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
  private final String accessKeyId;
  private final String secretKey;
  private final String sessionToken;
  private volatile String errorCode;
  private volatile String expiration = "2099-01-01T00:00:00Z";

  public FakeSts(String accessKeyId, String secretKey, String sessionToken) {
    this.accessKeyId = accessKeyId;
    this.secretKey = secretKey;
    this.sessionToken = sessionToken;
  }

  /** Answers every call from now on with this STS error (HTTP 403). */
  public FakeSts failWith(String code) {
    this.errorCode = code;
    return this;
  }

  /** Answers with keys that expire at this instant. */
  public FakeSts expiringAt(java.time.Instant instant) {
    this.expiration = instant.toString();
    return this;
  }

  /** The form parameters of each call received. */
  public List<Map<String, String>> calls() {
    return calls;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    Map<String, String> params = form(request);
    calls.add(params);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        if (errorCode != null) {
          return respond(
              403,
              "<ErrorResponse xmlns=\""
                  + NS
                  + "\"><Error><Type>Sender</Type><Code>"
                  + errorCode
                  + "</Code><Message>User is not authorized to perform: sts:AssumeRole</Message>"
                  + "</Error><RequestId>sts-request-1</RequestId></ErrorResponse>");
        }
        String action = params.get("Action");
        return respond(
            200,
            "<"
                + action
                + "Response xmlns=\""
                + NS
                + "\"><"
                + action
                + "Result><Credentials><AccessKeyId>"
                + accessKeyId
                + "</AccessKeyId><SecretAccessKey>"
                + secretKey
                + "</SecretAccessKey><SessionToken>"
                + sessionToken
                + "</SessionToken><Expiration>"
                + expiration
                + "</Expiration></Credentials>"
                + "<AssumedRoleUser><AssumedRoleId>AROATEST:session</AssumedRoleId>"
                + "<Arn>arn:aws:sts::123456789012:assumed-role/reader/session</Arn>"
                + "</AssumedRoleUser></"
                + action
                + "Result><ResponseMetadata><RequestId>sts-request-1</RequestId>"
                + "</ResponseMetadata></"
                + action
                + "Response>");
      }

      @Override
      public void abort() {}
    };
  }

  private static HttpExecuteResponse respond(int status, String xml) {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    return HttpExecuteResponse.builder()
        .response(
            SdkHttpResponse.builder()
                .statusCode(status)
                .putHeader("Content-Type", "text/xml")
                .putHeader("Content-Length", String.valueOf(body.length))
                .putHeader("x-amzn-RequestId", "sts-request-1")
                .build())
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
        .build();
  }

  private static Map<String, String> form(HttpExecuteRequest request) {
    Map<String, String> params = new LinkedHashMap<>();
    String text = "";
    if (request.contentStreamProvider().isPresent()) {
      try (InputStream in = request.contentStreamProvider().get().newStream()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  @Override
  public String clientName() {
    return "fake-sts";
  }

  @Override
  public void close() {}
}
