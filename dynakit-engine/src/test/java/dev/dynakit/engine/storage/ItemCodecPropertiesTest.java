package dev.dynakit.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.value.ItemSize;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items survive the binary encoding unchanged; malformed bytes fail clearly. */
class ItemCodecPropertiesTest {

  @Property(tries = 2000)
  void itemsRoundTrip(@ForAll("items") Map<String, AttributeValue> item) {
    byte[] bytes = ItemCodec.encode(item);
    Map<String, AttributeValue> decoded = ItemCodec.decode(bytes);
    assertThat(decoded).isEqualTo(item);
    assertThat(List.copyOf(decoded.keySet())).isEqualTo(List.copyOf(item.keySet()));
  }

  @Property(tries = 2000)
  void sizeOfTheBytesIsTheDecodedItemsSize(@ForAll("items") Map<String, AttributeValue> item) {
    byte[] bytes = ItemCodec.encode(item);
    assertThat(ItemCodec.size(bytes)).isEqualTo(ItemSize.of(item));
  }

  @Example
  void sizeOfNumbersInEveryForm() {
    for (String n :
        List.of(
            "0",
            "-0",
            "1",
            "-1",
            "12",
            "100",
            "-100",
            "123",
            "1.5",
            "1000000",
            "-9",
            "10",
            "101",
            "12345678901234567890123456789012345678",
            "-12345678901234567890123456789012345678",
            "1E+5",
            "0.001",
            "-1.50E+3",
            "99999999999999999999999999999999999999")) {
      Map<String, AttributeValue> item = Map.of("n", AttributeValue.fromN(n));
      assertThat(ItemCodec.size(ItemCodec.encode(item))).as(n).isEqualTo(ItemSize.of(item));
    }
  }

  @Example
  void reusedBuildersGiveIndependentValues() {
    Map<String, AttributeValue> first =
        ItemCodec.decode(ItemCodec.encode(Map.of("a", AttributeValue.fromS("x"))));
    Map<String, AttributeValue> second =
        ItemCodec.decode(ItemCodec.encode(Map.of("a", AttributeValue.fromS("y"))));
    assertThat(first.get("a").s()).isEqualTo("x");
    assertThat(second.get("a").s()).isEqualTo("y");
    assertThat(first.get("a").type()).isEqualTo(AttributeValue.Type.S);
  }

  @Property(tries = 500)
  void everyTruncationFails(@ForAll("items") Map<String, AttributeValue> item) {
    byte[] bytes = ItemCodec.encode(item);
    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> ItemCodec.decode(truncated))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Provide
  Arbitrary<Map<String, AttributeValue>> items() {
    return Values.items(Values.attributeValues(4), 6);
  }

  @Example
  void emptyValuesAndEveryTypeRoundTrip() {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("", AttributeValue.fromS(""));
    item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[0])));
    item.put("l", AttributeValue.fromL(List.of()));
    item.put("m", AttributeValue.fromM(Map.of()));
    item.put("null", AttributeValue.fromNul(true));
    item.put("yes", AttributeValue.fromBool(true));
    item.put("no", AttributeValue.fromBool(false));
    item.put("n", AttributeValue.fromN("-1.50E+3"));
    item.put("ß✓😀", AttributeValue.fromSs(List.of("x", "")));
    item.put("ns", AttributeValue.fromNs(List.of("1", "2.5")));
    item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {0, -1}))));
    item.put("long", AttributeValue.fromS("x".repeat(100_000)));
    assertThat(ItemCodec.decode(ItemCodec.encode(item))).isEqualTo(item);
    assertThat(ItemCodec.decode(ItemCodec.encode(Map.of()))).isEmpty();
  }

  @Example
  void theJavadocExampleIsCompact() {
    Map<String, AttributeValue> item =
        Map.of(
            "id", AttributeValue.fromS("a1"),
            "tags", AttributeValue.fromSs(List.of("x", "y")),
            "meta", AttributeValue.fromM(Map.of("n", AttributeValue.fromN("3"))));
    byte[] bytes = ItemCodec.encode(item);
    assertThat(bytes).hasSize(32);
    assertThat(ItemCodec.decode(bytes)).isEqualTo(item);
  }

  @Example
  void refusesWhatItCannotStore() {
    assertThatThrownBy(() -> ItemCodec.encode(Map.of("a", AttributeValue.fromNul(false))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ItemCodec.encode(Map.of("a", AttributeValue.builder().build())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Example
  void refusesMalformedBytes() {
    byte[] valid = ItemCodec.encode(Map.of("a", AttributeValue.fromS("b")));
    byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
    assertThatThrownBy(() -> ItemCodec.decode(trailing)).hasMessageContaining("Trailing");
    assertThatThrownBy(() -> ItemCodec.decode(new byte[] {2, 0})).hasMessageContaining("version");
    assertThatThrownBy(() -> ItemCodec.decode(new byte[] {1, 1, 1, 'a', 99}))
        .hasMessageContaining("tag 99");
    assertThatThrownBy(
            () ->
                ItemCodec.decode(
                    new byte[] {
                      1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0
                    }))
        .hasMessageContaining("varint");
    assertThatThrownBy(() -> ItemCodec.decode(new byte[] {1, 100}))
        .hasMessageContaining("past the end");
  }
}
