package dev.dynakit.client.verbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ValuesTest {
  @Test
  void numbersKeepTheirTextAndComeBackInTheNarrowestExactType() {
    assertThat(Values.fromPlain(new BigDecimal("0.10"), "n").n()).isEqualTo("0.10");
    assertThat(Values.fromPlain(7, "n").n()).isEqualTo("7");
    assertThat(Values.fromPlain(2.5d, "n").n()).isEqualTo("2.5");
    assertThat(Values.number("42")).isEqualTo(42L);
    assertThat(Values.number("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(Values.number("9223372036854775808"))
        .isEqualTo(new BigInteger("9223372036854775808"));
    assertThat(Values.number("1E+3")).isEqualTo(new BigDecimal("1E+3"));
  }

  @Test
  void javaConveniencesMapToTheirDynamoDbTypes() {
    assertThat(Values.fromPlain(new byte[] {1, 2}, "b"))
        .isEqualTo(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2})));
    assertThat(Values.fromPlain(Map.of("$ns", List.of("1.5", 2)), "s"))
        .isEqualTo(AttributeValue.fromNs(List.of("1.5", "2")));
    assertThat(Values.fromPlain(Map.of("$other", 1), "m").m()).containsKey("$other");
    assertThat(Values.fromTyped(Map.of("N", 3), "t")).isEqualTo(AttributeValue.fromN("3"));
    assertThat(Values.fromTyped(Map.of("NS", List.of(1, "2")), "t"))
        .isEqualTo(AttributeValue.fromNs(List.of("1", "2")));
  }

  @Test
  void errorsSayWhereAndWhatButNeverTheValue() {
    assertThatThrownBy(
            () -> Values.fromPlain(Map.of("tags", Map.of("$ss", List.of("a", 5))), "item"))
        .hasMessage("item.tags.$ss[1]: must be a string");
    assertThatThrownBy(() -> Values.fromPlain(Map.of("$b", "not base64!"), "item.blob"))
        .hasMessage("item.blob.$b: not valid base64");
    assertThatThrownBy(() -> Values.fromPlain(Double.NaN, "x"))
        .hasMessageContaining("x: NaN and infinity");
    assertThatThrownBy(() -> Values.fromPlain(new Object(), "x"))
        .hasMessage("x: unsupported value type Object");
    assertThatThrownBy(() -> Values.fromPlain(Map.of("$ns", List.of("secret-ish")), "x"))
        .hasMessage("x.$ns[0]: not a number");
    assertThatThrownBy(() -> Values.fromPlain(Map.of("$ns", List.of(true)), "x"))
        .hasMessage("x.$ns[0]: must be a number");
    assertThatThrownBy(() -> Values.fromPlain(Map.of("$b", 1), "x"))
        .hasMessage("x.$b: must be a base64 string");
    assertThatThrownBy(() -> Values.fromPlain(Map.of("$ss", "a"), "x"))
        .hasMessage("x.$ss: must be a list");
    Map<Object, Object> numericKeys = new HashMap<>();
    numericKeys.put(1, "a");
    numericKeys.put(2, "b");
    assertThatThrownBy(() -> Values.fromPlain(numericKeys, "x"))
        .hasMessage("x: map keys must be strings");
  }

  @Test
  void typedFormErrorsNameTheType() {
    assertThatThrownBy(() -> Values.fromTyped("x", "key.id"))
        .hasMessageStartingWith("key.id: must be DynamoDB JSON");
    assertThatThrownBy(() -> Values.fromTyped(Map.of("Q", "x"), "key.id"))
        .hasMessageStartingWith("key.id: unknown DynamoDB type 'Q'");
    assertThatThrownBy(() -> Values.fromTyped(Map.of("BOOL", "yes"), "v"))
        .hasMessage("v.BOOL: must be true or false");
    assertThatThrownBy(() -> Values.fromTyped(Map.of("M", List.of()), "v"))
        .hasMessage("v.M: must be an object");
    assertThatThrownBy(() -> Values.fromTyped(Map.of("S", 1), "v"))
        .hasMessage("v.S: must be a string");
    Map<Object, Object> numericKeys = new HashMap<>();
    numericKeys.put(1, Map.of("S", "a"));
    assertThatThrownBy(() -> Values.typedMap(numericKeys, "k"))
        .hasMessage("k: map keys must be strings");
  }
}
