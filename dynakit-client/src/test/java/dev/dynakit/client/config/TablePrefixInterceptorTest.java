package dev.dynakit.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;

/**
 * Rewrites the engine does not exercise: ARNs in several fields, a prefix too short to start at.
 */
class TablePrefixInterceptorTest {
  private final TablePrefixInterceptor dev = new TablePrefixInterceptor("dev_");

  private SdkRequest request(TablePrefixInterceptor interceptor, SdkRequest request) {
    Context.ModifyRequest context = () -> request;
    return interceptor.modifyRequest(context, new ExecutionAttributes());
  }

  @Test
  void tableNamesGivenAsArnsArePrefixedInsideTheArn() {
    DescribeTableRequest byArn =
        (DescribeTableRequest)
            request(
                dev,
                DescribeTableRequest.builder()
                    .tableName("arn:aws:dynamodb:eu-west-1:123456789012:table/orders")
                    .build());
    assertThat(byArn.tableName())
        .isEqualTo("arn:aws:dynamodb:eu-west-1:123456789012:table/dev_orders");
  }

  @Test
  void resourceAndStreamArnsArePrefixed() {
    TagResourceRequest tag =
        (TagResourceRequest)
            request(
                dev,
                TagResourceRequest.builder()
                    .resourceArn("arn:aws:dynamodb:eu-west-1:123456789012:table/orders")
                    .tags(t -> t.key("team").value("table/orders"))
                    .build());
    assertThat(tag.resourceArn()).endsWith(":table/dev_orders");
    assertThat(tag.tags().get(0).value()).isEqualTo("table/orders");
    DescribeStreamRequest stream =
        (DescribeStreamRequest)
            request(
                dev,
                DescribeStreamRequest.builder()
                    .streamArn(
                        "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026-11-24T00:00:00.000")
                    .build());
    assertThat(stream.streamArn()).contains(":table/dev_orders/stream/2026-11-24");
    SdkRequest notATable =
        request(dev, TagResourceRequest.builder().resourceArn("arn:aws:s3:::bucket").build());
    assertThat(((TagResourceRequest) notATable).resourceArn()).isEqualTo("arn:aws:s3:::bucket");
  }

  @Test
  void aPrefixTooShortForAStartNameListsFromTheFirstTable() {
    TablePrefixInterceptor shortPrefix = new TablePrefixInterceptor("d_");
    ListTablesRequest request = ListTablesRequest.builder().limit(5).build();
    assertThat(request(shortPrefix, request)).isSameAs(request);
    assertThat(((ListTablesRequest) request(dev, request)).exclusiveStartTableName())
        .isEqualTo("dev_");
  }

  @Test
  void anEmptyPrefixIsRefused() {
    assertThatThrownBy(() -> new TablePrefixInterceptor(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(dev).hasToString("TablePrefixInterceptor[dev_]");
  }
}
