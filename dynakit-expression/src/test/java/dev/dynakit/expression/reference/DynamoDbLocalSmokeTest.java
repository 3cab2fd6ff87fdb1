package dev.dynakit.expression.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DynamoDbLocalSmokeTest {
  @Test
  void startsWithItsTables() {
    assertThat(DynamoDbLocal.client().listTables().tableNames())
        .contains(DynamoDbLocal.HASH_TABLE, DynamoDbLocal.NUMBER_RANGE_TABLE);
  }
}
