package dev.dynakit.client.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

class CapacityJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesWhatAJsonLibraryWritesForTheSameFields() throws Exception {
    List<ConsumedCapacity> cases =
        List.of(
            ConsumedCapacity.builder().tableName("orders").capacityUnits(0.5).build(),
            ConsumedCapacity.builder().tableName("orders").capacityUnits(1.0).build(),
            ConsumedCapacity.builder()
                .tableName("orders")
                .capacityUnits(3.0)
                .readCapacityUnits(1.0)
                .writeCapacityUnits(2.0)
                .build(),
            ConsumedCapacity.builder().capacityUnits(12345678.5).build(),
            ConsumedCapacity.builder()
                .tableName("odd\"name\\with\u0001")
                .capacityUnits(1e-7)
                .build(),
            ConsumedCapacity.builder().tableName("empty").build());
    for (ConsumedCapacity capacity : cases) {
      Map<String, Object> fields = new LinkedHashMap<>();
      if (capacity.tableName() != null) {
        fields.put("TableName", capacity.tableName());
      }
      if (capacity.capacityUnits() != null) {
        fields.put("CapacityUnits", capacity.capacityUnits());
      }
      if (capacity.readCapacityUnits() != null) {
        fields.put("ReadCapacityUnits", capacity.readCapacityUnits());
      }
      if (capacity.writeCapacityUnits() != null) {
        fields.put("WriteCapacityUnits", capacity.writeCapacityUnits());
      }
      String expected = JSON.writeValueAsString(fields);
      assertThat(TracingObserver.json(capacity)).isEqualTo(expected);
      // A second call (served from the last text kept for the table) answers the same.
      assertThat(TracingObserver.json(capacity)).isEqualTo(expected);
    }
  }

  @Test
  void aTableWhoseUnitsChangeGetsTheNewUnits() {
    ConsumedCapacity half = ConsumedCapacity.builder().tableName("t").capacityUnits(0.5).build();
    ConsumedCapacity one = ConsumedCapacity.builder().tableName("t").capacityUnits(1.0).build();
    assertThat(TracingObserver.json(half)).isEqualTo("{\"TableName\":\"t\",\"CapacityUnits\":0.5}");
    assertThat(TracingObserver.json(one)).isEqualTo("{\"TableName\":\"t\",\"CapacityUnits\":1.0}");
    assertThat(TracingObserver.json(half)).isEqualTo("{\"TableName\":\"t\",\"CapacityUnits\":0.5}");
  }
}
