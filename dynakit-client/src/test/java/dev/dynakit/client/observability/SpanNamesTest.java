package dev.dynakit.client.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class SpanNamesTest {
  @Test
  void usesTheSpecsNamesAndSnakeCaseForTheRest() {
    assertThat(SpanNames.of("GetItem")).isEqualTo("dynamodb.get_item");
    assertThat(SpanNames.of("PutItem")).isEqualTo("dynamodb.put_item");
    assertThat(SpanNames.of("UpdateItem")).isEqualTo("dynamodb.update_item");
    assertThat(SpanNames.of("DeleteItem")).isEqualTo("dynamodb.delete_item");
    assertThat(SpanNames.of("Query")).isEqualTo("dynamodb.query");
    assertThat(SpanNames.of("Scan")).isEqualTo("dynamodb.scan");
    assertThat(SpanNames.of("BatchGetItem")).isEqualTo("dynamodb.batch_get");
    assertThat(SpanNames.of("BatchWriteItem")).isEqualTo("dynamodb.batch_write");
    assertThat(SpanNames.of("TransactWriteItems")).isEqualTo("dynamodb.transact_write");
    assertThat(SpanNames.of("TransactGetItems")).isEqualTo("dynamodb.transact_get");
    assertThat(SpanNames.of("DescribeTimeToLive")).isEqualTo("dynamodb.describe_time_to_live");
    assertThat(SpanNames.of("ExecuteStatement")).isEqualTo("dynamodb.execute_statement");
    assertThat(SpanNames.snakeCase("ListTagsOfResource")).isEqualTo("list_tags_of_resource");
    assertThat(SpanNames.snakeCase("DescribeKinesisStreamingDestination"))
        .isEqualTo("describe_kinesis_streaming_destination");
    assertThat(SpanNames.snakeCase("HTTPThing")).isEqualTo("http_thing");
  }

  @Test
  void everyOperationOfTheClientGetsAWellFormedName() {
    Set<String> operations =
        java.util.Arrays.stream(DynamoDbClient.class.getDeclaredMethods())
            .filter(m -> m.getParameterCount() == 1)
            .filter(m -> m.getParameterTypes()[0].getSimpleName().endsWith("Request"))
            .map(m -> m.getParameterTypes()[0].getSimpleName().replaceAll("Request$", ""))
            .collect(Collectors.toSet());
    Pattern wellFormed = Pattern.compile("dynamodb\\.[a-z0-9]+(_[a-z0-9]+)*");

    assertThat(operations).hasSizeGreaterThan(40);
    assertThat(operations).allMatch(op -> wellFormed.matcher(SpanNames.of(op)).matches());
    assertThat(operations.stream().map(SpanNames::of).collect(Collectors.toSet()))
        .hasSameSizeAs(operations);
  }
}
