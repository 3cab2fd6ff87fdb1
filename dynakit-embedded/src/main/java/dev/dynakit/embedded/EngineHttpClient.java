package dev.dynakit.embedded;

import dev.dynakit.engine.DynakitEngine;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/** The engine's HTTP client, owning the engine: closing it stops the engine. */
final class EngineHttpClient implements SdkHttpClient {
  private final DynakitEngine engine;
  private final SdkHttpClient http;

  EngineHttpClient(DynakitEngine engine) {
    this.engine = engine;
    this.http = engine.httpClient();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return http.prepareRequest(request);
  }

  @Override
  public String clientName() {
    return "dynakit-embedded";
  }

  @Override
  public void close() {
    engine.close();
  }
}
