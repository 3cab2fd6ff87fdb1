package dev.dynakit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.client.mapping.ItemSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** Smoke test: a tiny run reports every row; no numbers are checked. */
class MappingVsEnhancedTest {
  @Test
  void tinyRunReportsEveryWorkload() {
    String report =
        MappingVsEnhanced.run(
            new MappingVsEnhanced.Config(20, 2, 20),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    for (String workload :
        new String[] {
          "map \\+ put", "get \\+ map", "query of 100 mapped items", "value → item", "item → value"
        }) {
      assertThat(report)
          .containsPattern(
              "\\| " + workload + "[^|]* \\| [0-9,]+ \\| [0-9,]+ \\| [0-9.]+× \\| [0-9,]+ \\|");
    }
  }

  @Test
  void bothMappersStoreTheSameItem() {
    var order = MappingVsEnhanced.bean("c", 3);

    assertThat(ItemSchema.of(MappingVsEnhanced.BeanOrder.class).toItem(order))
        .isEqualTo(TableSchema.fromBean(MappingVsEnhanced.BeanOrder.class).itemToMap(order, true));
    assertThat(
            ItemSchema.of(MappingVsEnhanced.RecordOrder.class)
                .toItem(MappingVsEnhanced.record("c", 3)))
        .isEqualTo(ItemSchema.of(MappingVsEnhanced.BeanOrder.class).toItem(order));
  }
}
