package dev.dynakit.client.credentials;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/** Passes requests to another HTTP client (the engine's) and keeps each request as sent. */
public final class CapturingHttpClient implements SdkHttpClient {
  private final SdkHttpClient delegate;
  private final List<SdkHttpRequest> requests = new CopyOnWriteArrayList<>();

  public CapturingHttpClient(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  /** The requests sent so far, headers included. */
  public List<SdkHttpRequest> requests() {
    return requests;
  }

  /** The Authorization header of the last request. */
  public String lastAuthorization() {
    return requests.get(requests.size() - 1).firstMatchingHeader("Authorization").orElse(null);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    requests.add(request.httpRequest());
    return delegate.prepareRequest(request);
  }

  @Override
  public String clientName() {
    return "capturing";
  }

  @Override
  public void close() {}
}
