package dev.dynakit.client.policy;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/** Passes requests to another HTTP client and counts them: what reaches the network. */
final class CountingHttpClient implements SdkHttpClient {
  private final SdkHttpClient delegate;
  private final AtomicInteger requests = new AtomicInteger();

  CountingHttpClient(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  int requests() {
    return requests.get();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    requests.incrementAndGet();
    return delegate.prepareRequest(request);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
