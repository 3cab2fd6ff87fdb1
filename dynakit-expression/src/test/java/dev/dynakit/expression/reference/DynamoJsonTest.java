package dev.dynakit.expression.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoJsonTest {
  @Test
  void readsEveryType() {
    Map<String, AttributeValue> item =
        DynamoJson.parseItem(
            """
            {"s": {"S": "x"}, "n": {"N": "1.5"}, "b": {"B": "AP8="}, "ss": {"SS": ["a", "b"]},
             "ns": {"NS": ["1"]}, "bs": {"BS": ["AQ=="]}, "m": {"M": {"x": {"BOOL": true}}},
             "l": {"L": [{"NULL": true}, {"S": ""}]}}
            """);
    assertThat(item)
        .containsEntry("s", AttributeValue.fromS("x"))
        .containsEntry("n", AttributeValue.fromN("1.5"))
        .containsEntry("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, -1})))
        .containsEntry("ss", AttributeValue.fromSs(List.of("a", "b")))
        .containsEntry("ns", AttributeValue.fromNs(List.of("1")))
        .containsEntry("bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1}))))
        .containsEntry("m", AttributeValue.fromM(Map.of("x", AttributeValue.fromBool(true))))
        .containsEntry(
            "l",
            AttributeValue.fromL(List.of(AttributeValue.fromNul(true), AttributeValue.fromS(""))));
  }

  @Test
  void writesWhatItReads() {
    String json =
        "{\"pk\": {\"S\": \"k\"}, \"sk\": {\"N\": \"1\"}, \"a\": {\"B\": \"AP8=\"},"
            + " \"b\": {\"L\": [{\"NULL\": true}, {\"M\": {\"x\": {\"BS\": [\"AQ==\"]}}}]},"
            + " \"c\": {\"SS\": [\"\\\"q\\\"\", \"\\u0001\"]}, \"d\": {\"BOOL\": false}}";
    assertThat(DynamoJson.toJson(DynamoJson.parseItem(json))).isEqualTo(json);
  }

  @Test
  void keepsInvalidValuesAsWritten() {
    assertThat(DynamoJson.parseValue("{}")).isEqualTo(AttributeValue.builder().build());
    AttributeValue emptySet = DynamoJson.parseValue("{\"SS\": []}");
    assertThat(emptySet.hasSs()).isTrue();
    assertThat(emptySet.ss()).isEmpty();
    AttributeValue twoTypes = DynamoJson.parseValue("{\"S\": \"a\", \"N\": \"1\"}");
    assertThat(twoTypes.s()).isEqualTo("a");
    assertThat(twoTypes.n()).isEqualTo("1");
    assertThat(DynamoJson.toJson(twoTypes)).isEqualTo("{\"S\": \"a\", \"N\": \"1\"}");
    assertThat(DynamoJson.toJson(emptySet)).isEqualTo("{\"SS\": []}");
    assertThat(DynamoJson.toJson(AttributeValue.builder().build())).isEqualTo("{}");
  }

  @Test
  void escapesLoneSurrogates() {
    assertThat(DynamoJson.quote("\ud83d")).isEqualTo("\"\\ud83d\"");
    assertThat(DynamoJson.quote("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
  }

  @Test
  void rejectsUnknownTypes() {
    assertThatThrownBy(() -> DynamoJson.parseValue("{\"X\": 1}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void canonicalFormSortsSetMembers() {
    AttributeValue value =
        DynamoJson.parseValue(
            "{\"M\": {\"n\": {\"NS\": [\"10\", \"9\", \"-1\"]}, \"s\": {\"SS\": [\"b\", \"a\"]},"
                + " \"b\": {\"BS\": [\"/w==\", \"AQ==\"]}}}");
    assertThat(DynamoJson.toJson(DynamoJson.canonical(value)))
        .isEqualTo(
            "{\"M\": {\"b\": {\"BS\": [\"AQ==\", \"/w==\"]}, \"n\": {\"NS\": [\"-1\", \"9\","
                + " \"10\"]}, \"s\": {\"SS\": [\"a\", \"b\"]}}}");
  }
}
