package dev.dynakit.engine;

import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsServiceClientConfiguration;

/**
 * The SDK's {@link DynamoDbStreamsClient} interface served by the engine: ListStreams,
 * DescribeStream, GetShardIterator and GetRecords go to the engine's streams. The convenience
 * overloads (builder consumers) and paginators are the interface's own default methods, which call
 * back into these.
 */
final class EngineStreamsClient implements DynamoDbStreamsClient {
  private final DynakitEngine engine;

  EngineStreamsClient(DynakitEngine engine) {
    this.engine = engine;
  }

  /** Runs one request on the engine; DynamoDB's errors come out as the SDK's exceptions. */
  private Object execute(DynamoDbStreamsRequest request) {
    return engine.engineClient().executeStreams(request);
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public DynamoDbStreamsServiceClientConfiguration serviceClientConfiguration() {
    return DynamoDbStreamsServiceClientConfiguration.builder().build();
  }

  @Override
  public void close() {
    // The engine's owner closes the engine; the client holds nothing of its own.
  }

  @Override
  public String toString() {
    return "DynakitEngine streams client";
  }

  @Override
  public ListStreamsResponse listStreams(ListStreamsRequest request) {
    return (ListStreamsResponse) execute(request);
  }

  @Override
  public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
    return (DescribeStreamResponse) execute(request);
  }

  @Override
  public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
    return (GetShardIteratorResponse) execute(request);
  }

  @Override
  public GetRecordsResponse getRecords(GetRecordsRequest request) {
    return (GetRecordsResponse) execute(request);
  }
}
