package dev.dynakit.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.ValidationException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class KeyCodecTest {
  private static final ScalarAttributeType S = ScalarAttributeType.S;
  private static final ScalarAttributeType N = ScalarAttributeType.N;
  private static final ScalarAttributeType B = ScalarAttributeType.B;

  private static String hex(AttributeValue value) {
    return HexFormat.of().formatHex(KeyCodec.encodeValue(value));
  }

  private static AttributeValue n(String text) {
    return AttributeValue.fromN(text);
  }

  @Test
  void encodesAsDocumented() {
    assertThat(hex(AttributeValue.fromS("a\0b"))).isEqualTo("6100ff620001");
    assertThat(hex(AttributeValue.fromS(""))).isEqualTo("0001");
    assertThat(hex(n("0"))).isEqualTo("02");
    assertThat(hex(n("-0.000"))).isEqualTo("02");
    // 1 = 0.1 x 10^1: exponent 0 -> 130 = 0x82; digits "1" padded to pair 10 -> 11 = 0x0b.
    assertThat(hex(n("1"))).isEqualTo("03820b00");
    assertThat(hex(n("1.0"))).isEqualTo(hex(n("1E0"))).isEqualTo(hex(n("1")));
    assertThat(hex(n("-1"))).isEqualTo("017df4ff");
    assertThat(hex(n("123"))).isEqualTo("03840d1f00");
    assertThat(KeyCodec.encodeValue(n("9.9999999999999999999999999999999999999E+125"))).hasSize(22);
    assertThat(hex(n("1E-130"))).isEqualTo("03000b00");
    assertThat(hex(n("1E+125"))).isEqualTo("03ff0b00");
  }

  @Test
  void decodesNumbersCanonical() {
    assertThat(KeyCodec.decode(KeyCodec.encode(n("-1.50E+3"), n("0.0")), N, N))
        .isEqualTo(new KeyCodec.Key(n("-1500"), n("0")));
    assertThat(
            KeyCodec.decode(
                    KeyCodec.encode(
                        AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0})), null),
                    B,
                    null)
                .partition()
                .b()
                .asByteArray())
        .containsExactly(0);
  }

  @Test
  void refusesWhatIsNotAKey() {
    assertThatThrownBy(() -> KeyCodec.encodeValue(AttributeValue.fromBool(true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("S, N or B");
    assertThatThrownBy(() -> KeyCodec.encodeValue(n("1e200")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> KeyCodec.sortBeginsWith(AttributeValue.fromS("p"), n("1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("begins_with");
  }

  @Test
  void refusesMalformedKeys() {
    byte[] key = KeyCodec.encode(AttributeValue.fromS("a"), null);
    assertThatThrownBy(() -> KeyCodec.decode(key, S, S)).hasMessageContaining("ends early");
    assertThatThrownBy(() -> KeyCodec.decode(new byte[] {'a', 0, 1, 2}, S, null))
        .hasMessageContaining("Trailing");
    assertThatThrownBy(() -> KeyCodec.decode(new byte[] {'a', 0, 5}, S, null))
        .hasMessageContaining("escape");
    assertThatThrownBy(() -> KeyCodec.decode(new byte[] {9}, N, null))
        .hasMessageContaining("marker");
    assertThatThrownBy(() -> KeyCodec.decode(new byte[] {3, 0, (byte) 200, 0}, N, null))
        .hasMessageContaining("pair");
    assertThatThrownBy(() -> KeyCodec.decode(new byte[] {3, 0, 0}, N, null))
        .hasMessageContaining("without digits");
    assertThatThrownBy(
            () -> KeyCodec.decode(new byte[] {2}, ScalarAttributeType.UNKNOWN_TO_SDK_VERSION, null))
        .hasMessageContaining("key type");
  }

  @Test
  void rangesAndTheirEnds() {
    assertThat(KeyCodec.prefixEnd(new byte[] {1, (byte) 0xff})).containsExactly(2);
    assertThat(KeyCodec.prefixEnd(new byte[] {(byte) 0xff, (byte) 0xff})).isNull();
    assertThat(KeyCodec.prefixEnd(new byte[0])).isNull();
    KeyCodec.Range open = new KeyCodec.Range(new byte[] {1}, null);
    assertThat(open.contains(new byte[] {(byte) 0xff})).isTrue();
    assertThat(open.contains(new byte[] {0})).isFalse();
    assertThat(open)
        .hasToString("Range[01, end)")
        .isEqualTo(new KeyCodec.Range(new byte[] {1}, null));
    assertThat(open.hashCode()).isEqualTo(new KeyCodec.Range(new byte[] {1}, null).hashCode());
    assertThat(open).isNotEqualTo(new KeyCodec.Range(new byte[] {1}, new byte[] {2}));
    assertThat(new KeyCodec.Range(new byte[] {1}, new byte[] {2})).hasToString("Range[01, 02)");

    AttributeValue p = AttributeValue.fromS("p");
    KeyCodec.Range empty = KeyCodec.sortBetween(p, n("2"), n("1"));
    assertThat(empty.from()).isEqualTo(empty.to());
    byte[] b = new byte[] {(byte) 0xff};
    KeyCodec.Range prefix =
        KeyCodec.sortBeginsWith(p, AttributeValue.fromB(SdkBytes.fromByteArray(b)));
    assertThat(
            prefix.contains(
                KeyCodec.encode(
                    p, AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) 0xff, 0})))))
        .isTrue();
    assertThat(prefix.contains(KeyCodec.encode(AttributeValue.fromS("q"), null))).isFalse();
  }
}
